#!/usr/bin/python3
"""Validating against a site's metadata alone (`jql validate --catalog DIR`), the
folder `jql catalog` writes, and saved filters (`--filters`).

Oracles that do not share the catalog reader: (1) the same queries validated against
the issues themselves (--data) must get the same verdicts, except where a catalog
cannot know values (versions, components, sprints, select options); (2) a folder
written by hand in the shapes of Atlassian's documented responses must validate as
Jira would. Usage: catalog_test.py JQL_BINARY DATA"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

jql, data = sys.argv[1], sys.argv[2]
failures = []


def check(what, ok, detail=""):
    if not ok:
        failures.append("%s %s" % (what, detail))
        print("FAIL:", what, detail)


def run(*args, stdin=None):
    return subprocess.run([jql, *args], input=stdin, capture_output=True, text=True)


def verdicts(*args, queries):
    r = run("validate", "--format", "jsonl", "--now", "2025-06-01", *args, stdin="\n".join(queries))
    return r, [json.loads(line) for line in r.stdout.splitlines()]


work = tempfile.mkdtemp()
try:
    cat = os.path.join(work, "catalog")
    r = run("catalog", "--from", data, "--out", cat)
    check("jql catalog exits 0", r.returncode == 0, r.stderr)
    names = sorted(os.listdir(cat))
    check("the eight files", names == sorted(["field.json", "project.json", "status.json",
          "priority.json", "issuetype.json", "resolution.json", "users.json", "groups.json"]),
          str(names))
    body = {n: json.load(open(os.path.join(cat, n))) for n in names}
    check("project.json is a page", isinstance(body["project.json"].get("values"), list))
    check("groups.json is a picker answer", isinstance(body["groups.json"].get("groups"), list))
    for n in ["status.json", "issuetype.json", "users.json", "field.json", "priority.json"]:
        check(n + " is an array", isinstance(body[n], list) and body[n], n)

    # Queries built from the data's own values, and mistakes of every kind.
    project = body["project.json"]["values"][0]["key"]
    status = body["status.json"][0]["name"]
    itype = body["issuetype.json"][0]["name"]
    user = body["users.json"][0]["accountId"]
    priority = body["priority.json"][0]["name"]
    queries = [
        'project = %s AND status = "%s"' % (project, status),
        'issuetype = "%s" ORDER BY created DESC' % itype,
        'assignee = "%s" OR reporter in (currentUser())' % user,
        'priority = "%s" AND resolution is EMPTY' % priority,
        'project = NOSUCHPROJECT',
        'status = "No Such Status"',
        'assignee = jsmith',
        'priority = Urgentest',
        'nosuchfield = 1',
        'summary ~ "crash" AND updated < -30d',
        'project in projectsWhereUserHasRole("Developers")',
        'issueFunction in nothing()',
        'status changed FROM "%s" AFTER -1w' % status,
        'created > startOfMonth(-1) and watchers > 2',
        'summary in (a, b)',
        'fixVersion = "no such version"',
        'component = "no such component"',
    ]
    queries += [q for q in open(os.path.join(os.path.dirname(__file__), "../../data/queries.jql"))
                .read().splitlines() if q.strip() and not q.startswith("#")]
    r1, by_data = verdicts("--data", data, queries=queries)
    r2, by_catalog = verdicts("--catalog", cat, queries=queries)
    check("same number of verdicts", len(by_data) == len(by_catalog) == len(queries))
    unknowable = ("fixVersion", "affectedVersion", "component", "sprint", "option")
    compared = 0
    for d, c in zip(by_data, by_catalog):
        messages = " ".join(e["message"] for e in d["errors"])
        if not d["valid"] and any(u in messages for u in unknowable) and "does not exist" in messages:
            check("a value the catalog cannot know is accepted: " + d["query"], c["valid"],
                  json.dumps(c["errors"]))
            continue
        compared += 1
        check("same verdict as --data: " + d["query"], d["errors"] == c["errors"],
              "%s vs %s" % (d["errors"], c["errors"]))
    check("most queries compared", compared >= len(queries) - 3, str(compared))
    check("invalid queries are found", sum(not c["valid"] for c in by_catalog) >= 7)
    check("exit 1 when some are invalid", r2.returncode == 1, str(r2.returncode))

    # A file missing: its values are not checked, and a note says so once.
    partial = os.path.join(work, "partial")
    shutil.copytree(cat, partial)
    os.remove(os.path.join(partial, "users.json"))
    open(os.path.join(partial, "README.md"), "w").write("saved from our site\n")
    os.remove(os.path.join(partial, "groups.json"))
    r, v = verdicts("--catalog", partial, queries=["assignee = jsmith", "project = NOSUCHPROJECT",
                                                   'assignee in membersOf("any-group")'])
    check("no groups.json: any group is accepted", v[2]["valid"], json.dumps(v[2]))
    check("no users.json: any user is accepted", v[0]["valid"], json.dumps(v[0]))
    check("no users.json: projects still checked", not v[1]["valid"])
    check("note on the missing file", "users.json is missing" in r.stderr, r.stderr)
    check("note on the ignored file", "README.md: not a catalog file" in r.stderr, r.stderr)

    # Broken input is an error that names the file; not a folder is an error.
    broken = os.path.join(work, "broken")
    shutil.copytree(cat, broken)
    open(os.path.join(broken, "status.json"), "w").write('{"statuses": 3}')
    r = run("validate", "--catalog", broken, "status = Done")
    check("a wrong shape is exit 2", r.returncode == 2, str(r.returncode))
    check("the error names the file", "status.json: not the body of GET /rest/api/3/status" in r.stderr,
          r.stderr)
    r = run("validate", "--catalog", os.path.join(work, "nothing-here"), "status = Done")
    check("a missing folder is exit 2", r.returncode == 2 and "--catalog" in r.stderr, r.stderr)
    r = run("validate", "--catalog", cat, "--data", data, "status = Done")
    check("--catalog and --data exclude each other", r.returncode == 2, r.stderr)

    # A site written by hand in the shapes of Atlassian's documented examples.
    site = os.path.join(work, "site")
    os.mkdir(site)
    docs = {
        "field.json": [
            {"id": "summary", "key": "summary", "name": "Summary", "custom": False, "orderable": True,
             "navigable": True, "searchable": True, "clauseNames": ["summary"],
             "schema": {"type": "string", "system": "summary"}},
            {"id": "customfield_10016", "key": "customfield_10016", "name": "Story point estimate",
             "custom": True, "clauseNames": ["cf[10016]", "Story point estimate"],
             "schema": {"type": "number", "custom": "com.pyxis.greenhopper.jira:jsw-story-points",
                        "customId": 10016}},
            {"id": "customfield_10001", "key": "customfield_10001", "name": "Team", "custom": True,
             "schema": {"type": "option", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select",
                        "customId": 10001}},
            {"id": "customfield_10020", "key": "customfield_10020", "name": "Sprint", "custom": True,
             "schema": {"type": "array", "items": "json", "custom": "com.pyxis.greenhopper.jira:gh-sprint",
                        "customId": 10020}},
            {"id": "customfield_10099", "key": "customfield_10099", "name": "Checklist", "custom": True,
             "schema": {"type": "any", "custom": "com.example:checklist", "customId": 10099}}],
        "project.json": {"self": "https://your-domain.atlassian.net/rest/api/3/project/search",
                         "maxResults": 50, "startAt": 0, "total": 1, "isLast": True,
                         "values": [{"id": "10000", "key": "EX", "name": "Example",
                                     "projectTypeKey": "software", "simplified": False}]},
        "project-2.json": {"isLast": True, "values": [{"id": "10001", "key": "HR", "name": "Human Resources",
                                                     "projectTypeKey": "business"}]},
        "status.json": [{"id": "10000", "name": "To Do", "statusCategory": {"id": 2, "key": "new"}},
                        {"id": "3", "name": "In Progress", "statusCategory": {"id": 4, "key": "indeterminate"}},
                        {"id": "10001", "name": "Done", "statusCategory": {"id": 3, "key": "done"}}],
        "priority.json": [{"id": "1", "name": "Highest"}, {"id": "3", "name": "Medium"}],
        "issuetype.json": [{"id": "10001", "name": "Story", "subtask": False, "hierarchyLevel": 0},
                           {"id": "10003", "name": "Subtask", "subtask": True, "hierarchyLevel": -1}],
        "resolution.json": [{"id": "10000", "name": "Done"}],
        "users.json": [{"accountId": "5b10a2844c20165700ede21g", "accountType": "atlassian",
                        "displayName": "Mia Krystof", "active": True}],
        "groups.json": {"header": "Showing 1 of 1 matching groups", "total": 1,
                        "groups": [{"name": "jira-software-users", "html": "<b>jira</b>-software-users",
                                    "groupId": "276f955c-63d7-42c8-9520-92d01dca0625"}]},
    }
    for name, doc in docs.items():
        json.dump(doc, open(os.path.join(site, name), "w"))
    site_queries = {
        'project = EX AND status = "In Progress"': None,
        'project in (EX, HR) AND issuetype = Subtask': None,
        '"Story point estimate" > 3 AND cf[10016] < 8': None,
        'Team = "Anything at all"': None,  # options are not listed by any metadata endpoint
        'sprint in openSprints() AND assignee = 5b10a2844c20165700ede21g': None,
        'assignee in membersOf("jira-software-users") AND resolution = Done': None,
        'assignee in membersOf("no-such-group")':
            "Function 'membersOf' can not generate a list of usernames for group 'no-such-group'; "
            "the group does not exist.",
        'project = NOPE': "The value 'NOPE' does not exist for the field 'project'.",
        'priority = Low': "The value 'Low' does not exist for the field 'priority'.",
        'status = Closed': "The value 'Closed' does not exist for the field 'status'.",
        'Checklist is EMPTY': "Field 'Checklist' does not exist or you do not have permission to view it.",
        '"Story point estimate" ~ "x"': None,  # checked below: an operator error, not a value one
    }
    r, v = verdicts("--catalog", site, queries=list(site_queries))
    for got, (query, expected) in zip(v, site_queries.items()):
        messages = [e["message"] for e in got["errors"]]
        if query.startswith('"Story point estimate" ~'):
            check("a number field refuses ~", len(messages) == 1 and "'~'" in messages[0], str(messages))
        elif expected is None:
            check("valid on the site: " + query, got["valid"], str(messages))
        else:
            check("Jira's error on the site: " + query, messages == [expected], str(messages))
    check("left-out custom fields are named", "Checklist (customfield_10099)" in r.stderr, r.stderr)

    # Saved filters, as GET /rest/api/3/filter/search?expand=jql,owner pages them.
    page1 = {"isLast": False, "values": [
        {"id": "10000", "name": "My open stories", "jql": "project = EX AND status != Done",
         "owner": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof"}},
        {"id": "10001", "name": "Old HR", "jql": "project = HRX AND updated < -52w",
         "owner": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof"}}]}
    page2 = {"isLast": True, "values": [{"id": "10002", "name": "No JQL exported"}]}
    p1, p2 = os.path.join(work, "filters-1.json"), os.path.join(work, "filters-2.json")
    json.dump(page1, open(p1, "w"))
    json.dump(page2, open(p2, "w"))
    r = run("validate", "--catalog", site, "--filters", p1, p2, "--format", "json")
    check("filters: exit 1 with an invalid filter", r.returncode == 1, r.stderr)
    report = json.loads(r.stdout)
    got = [(q["filter"]["id"], q["filter"]["name"], q["filter"]["owner"], q["valid"]) for q in report["queries"]]
    check("filters: one verdict per filter, in order", got == [
        ("10000", "My open stories", "Mia Krystof", True),
        ("10001", "Old HR", "Mia Krystof", False),
        ("10002", "No JQL exported", "", False)], str(got))
    check("filters: the invalid one says why",
          report["queries"][1]["errors"][0]["message"] == "The value 'HRX' does not exist for the field 'project'.",
          str(report["queries"][1]))
    check("filters: a filter without jql says to export it",
          "expand=jql" in report["queries"][2]["errors"][0]["message"], str(report["queries"][2]))
    r = run("validate", "--catalog", site, "--filters", p1)
    check("filters: text names filter and owner",
          'filter 10001 "Old HR" (owner Mia Krystof): INVALID: project = HRX' in r.stdout, r.stdout)
    bad = os.path.join(work, "not-filters.json")
    open(bad, "w").write('{"issues": []}')
    r = run("validate", "--filters", bad)
    check("filters: a wrong file is exit 2", r.returncode == 2 and "filter/search" in r.stderr, r.stderr)
finally:
    shutil.rmtree(work)

if failures:
    print("%d checks failed" % len(failures))
    sys.exit(1)
print("catalog test: passed")
