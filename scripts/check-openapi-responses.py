#!/usr/bin/python3
"""Checks every JSON response the test suites recorded against the response schemas
of Atlassian's OpenAPI document for Jira Cloud (v3).

Usage: check-openapi-responses.py REFERENCE.json RECORDED_DIR

The tests record with `jql serve --record-responses DIR` (or JQL_RECORD_RESPONSES for
the in-process server): one JSON line per response, {method, target, status, body}.
Each response is matched to the document's operation by path template (calls through
/rest/api/2 to the same operation under /rest/api/3: Atlassian documents v2 with the
same shapes, rich text aside, and issue fields are free-form there), then its body is
validated against the schema of its status code (or `default`). OpenAPI 3.0 schemas
are turned into JSON Schema first: `nullable` becomes "or null"; `readOnly`,
`writeOnly`, `discriminator`, `example` and `x-` extensions are annotations. Formats
are not checked: Jira's own date-times ("2024-01-31T10:00:00.000+0000") are not RFC
3339 and the document calls them date-time.

Where this server knowingly answers otherwise than the document, the difference is
listed in KNOWN_DIFFERENCES with the reason (docs/server.md, "Where we differ from the
OpenAPI document"); every other mismatch fails the run. Uses Debian's
python3-jsonschema (4.10), so run it with /usr/bin/python3.
"""
import collections
import glob
import json
import re
import sys
import warnings

import jsonschema

warnings.filterwarnings("ignore", category=DeprecationWarning)

# Where this server answers as Jira does rather than as the document says: (the
# operation's path template, where in the body and the validator's message, each a
# regular expression; why). Each is explained in docs/server.md, "Where we differ from
# the OpenAPI document".
KNOWN_DIFFERENCES = [
    (r"/issue/\{issueIdOrKey\}(/changelog)?$|/search(/jql)?$",
     r"^((issues/\d+/)?changelog/histories|values)/\d+/items/\d+/(from|to|fromString|toString)$",
     r"^None is not of type 'string'$",
     "a change from or to nothing: Jira sends null, the document says string"),
    (r"/project(/search)?$", r"^(values/)?\d+/projectTypeKey$",
     r"^'product_discovery' is not one of",
     "Jira Product Discovery projects exist; the document's enum predates them"),
    (r"/issues/archive/export$", r"^submittedTime$", r"is not of type 'string'$",
     "Jira answers epoch milliseconds, as Atlassian's own example shows"),
    (r"/field$", r"^\d+$", r"\('untranslatedName' was unexpected\)$",
     "Jira Cloud lists custom fields with untranslatedName; the document omits it"),
]

ANNOTATIONS = {"readOnly", "writeOnly", "discriminator", "example", "examples", "xml",
               "externalDocs", "deprecated", "nullable"}


def to_json_schema(schema):
    """An OpenAPI 3.0 schema object as a JSON Schema (draft 4) object."""
    if isinstance(schema, list):
        return [to_json_schema(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in ANNOTATIONS or key.startswith("x-"):
            continue
        if key == "properties":
            out[key] = {name: to_json_schema(s) for name, s in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            out[key] = to_json_schema(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [to_json_schema(s) for s in value]
        else:
            out[key] = value
    # additionalProperties false beside a composition, with no properties of its own,
    # would forbid every property in JSON Schema (no JQL clause could validate); the
    # document means the composition.
    if (out.get("additionalProperties") is False and "properties" not in out and
            any(k in out for k in ("anyOf", "oneOf", "allOf"))):
        del out["additionalProperties"]
    if schema.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def known_difference(template, error):
    where = "/".join(str(p) for p in error.absolute_path)
    return any(re.search(operation, template) and re.search(path, where) and
               re.search(message, error.message)
               for operation, path, message, _ in KNOWN_DIFFERENCES)


class Operations:
    """The document's operations, found by method and concrete path."""

    def __init__(self, document):
        self.templates = []
        for template, item in document["paths"].items():
            pattern = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$"
            params = template.count("{")
            for method, operation in item.items():
                if isinstance(operation, dict) and "responses" in operation:
                    self.templates.append((params, template, method.upper(),
                                           re.compile(pattern), operation))
        # Literal paths first: /issue/archive before /issue/{issueIdOrKey}.
        self.templates.sort(key=lambda t: t[0])

    def find(self, method, path):
        for _, template, m, pattern, operation in self.templates:
            if m == method and pattern.match(path):
                return template, operation
        return None, None


def response_schema(operation, status):
    responses = operation["responses"]
    response = responses.get(str(status)) or responses.get("default")
    if response is None:
        return None, "status not documented"
    content = response.get("content", {})
    media = content.get("application/json") or next(iter(content.values()), None)
    if media is None or "schema" not in media:
        return None, "no body documented"
    return media["schema"], None


def main():
    reference, recorded = sys.argv[1], sys.argv[2]
    with open(reference) as f:
        document = json.load(f)
    root = {"components": {"schemas": {name: to_json_schema(s) for name, s in
                                       document["components"]["schemas"].items()}}}
    resolver = jsonschema.RefResolver.from_schema(root)
    operations = Operations(document)

    counts = collections.Counter()
    schemas_checked = set()
    not_checked = collections.Counter()
    failures = collections.defaultdict(list)
    validators = {}
    files = sorted(glob.glob(recorded + "/*.jsonl"))
    for path in files:
        with open(path) as f:
            lines = f.read().split("\n")
        for number, line in enumerate(lines, 1):
            if not line:
                continue
            try:
                record = json.loads(line)
            except ValueError:
                if number >= len(lines) - 1:
                    counts["cut short"] += 1  # a server killed mid-write (the crash test)
                    continue
                raise
            counts["responses"] += 1
            method, status = record["method"], record["status"]
            target = record["target"].split("?")[0]
            api_path = re.sub(r"^/rest/api/2/", "/rest/api/3/", target)
            template, operation = operations.find(method, api_path)
            if operation is None:
                not_checked["%s %s (not in the document)" %
                            (method, re.sub(r"/[0-9A-Z]+-?[0-9]+\b", "/{id}", target))] += 1
                continue
            schema, why_not = response_schema(operation, status)
            key = (method, template, status)
            if schema is None:
                not_checked["%s %s %d (%s)" % (method, template, status, why_not)] += 1
                continue
            if key not in validators:
                validators[key] = jsonschema.Draft4Validator(to_json_schema(schema),
                                                             resolver=resolver)
            body = json.loads(record["body"])
            errors = list(validators[key].iter_errors(body))
            counts["validated"] += 1
            schemas_checked.add(key)
            unexplained = [e for e in errors if not known_difference(template, e)]
            if unexplained:
                error = unexplained[0]
                where = "/".join(str(p) for p in error.absolute_path)
                failures[key].append("%s: at '%s': %s" % (target, where, error.message[:300]))
            elif errors:
                counts["known differences"] += 1

    print("OpenAPI check: %d responses in %d files; %d validated against %d schemas "
          "(operation and status); %d not checked%s" % (
              counts["responses"], len(files), counts["validated"], len(schemas_checked),
              sum(not_checked.values()),
              (", %d cut short" % counts["cut short"]) if counts["cut short"] else ""))
    for what, n in sorted(not_checked.items()):
        print("  not checked: %5d  %s" % (n, what))
    if counts["known differences"]:
        print("  %d responses differ where docs/server.md says we do" % counts["known differences"])
    if not files or counts["validated"] == 0:
        print("OpenAPI check FAILED: nothing was recorded in " + recorded)
        return 1
    if failures:
        for (method, template, status), messages in sorted(failures.items()):
            print("MISMATCH %s %s %d: %d responses, e.g.\n    %s" % (
                method, template, status, len(messages), "\n    ".join(messages[:3])))
        print("OpenAPI check FAILED: %d operations answered outside their schema" % len(failures))
        return 1
    print("OpenAPI check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
