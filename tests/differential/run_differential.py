#!/usr/bin/env python3
"""Differential test of `jql validate` against Atlassian's reference JQL grammar.

Generates random valid and near-valid queries (mutations: dropped tokens, swapped
operators, stray characters, keyword case, quotes), asks both parsers for a verdict,
and fails on any disagreement that is not one of the documented Jira Cloud
differences (docs/jql-decisions.md):
  - Cloud's reserved English stop words and "all", which the reference does not reserve;
  - checks Jira's server makes after its grammar: empty field, function or argument
    names, and integers outside Java's long range.
Usage: run_differential.py --jql build/jql [--count 20000] [--seed 1]
"""
import argparse
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

STOP_WORDS = "a an are at be but it no such that the their there these they this will".split()
DOCUMENTED = (
    "is a reserved JQL word",  # only when the word is a stop word or "all" (checked below)
    "is not a valid number",
    "A field name cannot be empty",
    "A function name cannot be empty",
    "A function argument cannot be empty",
)

FIELDS = ["project", "status", "assignee", "Summary", "labels", "fixVersion", "created",
          "issuetype", "priority", "resolution", "key", "parent", "votes", "text", "comment"]
QUOTED_FIELDS = ['"Story Points"', "'Epic Link'", '"Custom number[Number]"', '"cf[10010]"']
WORDS = ["ABC", "Done", "Open", "bob", "x1", "ABC-123", "2024-01-31", "-1d", "3.14", "café",
         "日本語", "foo.bar", "a-b_c", "v1.0", "lbl-1", "u00042", "In\\ Progress"]
RESERVED = ["select", "for", "all", "the", "it", "no", "this", "and", "or", "not", "empty",
            "null", "order", "by", "in", "is", "was", "cf", "isnot", "notin"]
FUNCTIONS = ["now", "currentUser", "startOfDay", "membersOf", "releasedVersions", "fn", "123"]
PREDICATES = ["AFTER", "BEFORE", "ON", "DURING", "BY"]
STRAY = list("{}*/%+^$#@?;\\\"'()[],=!<>~&|") + ["\u007f", "\t", "\n", "\u00e9", ""]


def keyword(rng, word):
    r = rng.random()
    if r < 0.6:
        return word
    if r < 0.8:
        return word.lower()
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)


def quoted(rng, text):
    q = rng.choice(['"', "'"])
    body = text.replace("\\", "\\\\").replace(q, "\\" + q)
    if rng.random() < 0.2:
        body += rng.choice(["\\n", "\\t", "\\u00e9", "\\\"", "\\'", " with space"])
    return q + body + q


def value(rng):
    r = rng.random()
    if r < 0.45:
        return [rng.choice(WORDS)]
    if r < 0.6:
        return [quoted(rng, rng.choice(WORDS + ["In Progress", "a b", "and", "the", ""]))]
    if r < 0.75:
        return [str(rng.choice([0, 1, 42, -7, 10010, 9223372036854775807]))]
    if r < 0.8:
        return [rng.choice(RESERVED)]
    return function(rng)


def function(rng):
    name = rng.choice(FUNCTIONS)
    toks = [name, "("]
    for i in range(rng.choice([0, 0, 1, 1, 2, 3])):
        if i:
            toks.append(",")
        toks.append(rng.choice(WORDS + ["-1", "+14d", '"-1w"', "'x y'"]))
    toks.append(")")
    return toks


def operand_list(rng, depth=0):
    toks = ["("]
    for i in range(rng.randint(1, 4)):
        if i:
            toks.append(",")
        r = rng.random()
        if r < 0.1 and depth < 2:
            toks += operand_list(rng, depth + 1)
        elif r < 0.2:
            toks.append(keyword(rng, "EMPTY"))
        else:
            toks += value(rng)
    toks.append(")")
    return toks


def field(rng):
    r = rng.random()
    if r < 0.7:
        return [rng.choice(FIELDS)]
    if r < 0.8:
        return [rng.choice(QUOTED_FIELDS)]
    if r < 0.9:
        return [keyword(rng, "cf"), "[", str(rng.randint(1, 20000)), "]"]
    return ["issue.property", "[", rng.choice(["foo", '"a b"']), "]", ".bar"]


def predicates(rng, changed):
    toks = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        kinds = PREDICATES + (["FROM", "TO"] if changed else [])
        kind = rng.choice(kinds)
        toks.append(keyword(rng, kind))
        if kind == "DURING":
            toks += ["(", rng.choice(WORDS), ",", rng.choice(WORDS), ")"]
        elif kind == "BY" and rng.random() < 0.3:
            toks += operand_list(rng)
        elif rng.random() < 0.2:
            toks.append(keyword(rng, "EMPTY"))
        else:
            toks += value(rng)
    return toks


def terminal(rng):
    toks = field(rng)
    r = rng.random()
    if r < 0.3:
        toks += [rng.choice(["=", "!=", "~", "!~"])] + (
            [keyword(rng, "EMPTY")] if rng.random() < 0.1 else value(rng))
    elif r < 0.45:
        toks += [rng.choice(["<", ">", "<=", ">="])] + value(rng)
    elif r < 0.6:
        toks += [keyword(rng, "IN")] if rng.random() < 0.6 else [keyword(rng, "NOT"), keyword(rng, "IN")]
        toks += operand_list(rng) if rng.random() < 0.8 else function(rng)
    elif r < 0.7:
        toks += [keyword(rng, "IS")] + ([keyword(rng, "NOT")] if rng.random() < 0.5 else [])
        toks.append(keyword(rng, rng.choice(["EMPTY", "NULL"])))
    elif r < 0.85:
        op = rng.choice([["WAS"], ["WAS", "NOT"], ["WAS", "IN"], ["WAS", "NOT", "IN"]])
        toks += [keyword(rng, w) for w in op]
        toks += operand_list(rng) if "IN" in op else value(rng)
        toks += predicates(rng, False)
    else:
        toks.append(keyword(rng, "CHANGED"))
        toks += predicates(rng, True)
    return toks


def clause(rng, depth=0):
    r = rng.random()
    if depth < 3 and r < 0.25:
        toks = clause(rng, depth + 1)
        for _ in range(rng.randint(1, 3)):
            toks.append(rng.choice([keyword(rng, "AND"), keyword(rng, "OR"), "&&", "||", "&", "|"]))
            toks += clause(rng, depth + 1)
        return toks
    if depth < 3 and r < 0.35:
        return ["("] + clause(rng, depth + 1) + [")"]
    if depth < 3 and r < 0.45:
        return [rng.choice([keyword(rng, "NOT"), "!"])] + clause(rng, depth + 1)
    return terminal(rng)


def query(rng):
    toks = clause(rng) if rng.random() < 0.95 else []
    if rng.random() < 0.3:
        toks += [keyword(rng, "ORDER"), keyword(rng, "BY")]
        for i in range(rng.randint(1, 3)):
            if i:
                toks.append(",")
            toks += field(rng)
            if rng.random() < 0.5:
                toks.append(keyword(rng, rng.choice(["ASC", "DESC"])))
    return toks


def mutate(rng, toks):
    toks = list(toks)
    for _ in range(rng.randint(1, 2)):
        kind = rng.random()
        i = rng.randrange(len(toks) + 1)
        if kind < 0.25 and toks:
            del toks[min(i, len(toks) - 1)]
        elif kind < 0.45:
            toks.insert(i, rng.choice(STRAY))
        elif kind < 0.6 and toks:
            j = min(i, len(toks) - 1)
            toks[j] = rng.choice(["=", "!=", "IN", "IS", "WAS", "~", "<", "NOT", "AND", ","])
        elif kind < 0.75 and toks:
            j = min(i, len(toks) - 1)
            toks[j] = toks[j] + rng.choice(["", "x", "1", "\"", "'", "\\"])
        elif kind < 0.9 and toks:
            j = min(i, len(toks) - 1)
            toks.insert(j, toks[j])
        else:
            toks.insert(i, rng.choice(RESERVED + STOP_WORDS))
    return toks


def join(rng, toks):
    out = ""
    for t in toks:
        if out and (rng.random() < 0.85 or out[-1].isalnum() and t[:1].isalnum()):
            out += " " if rng.random() < 0.95 else rng.choice(["\n", "\t", "  "])
        out += t
    return out


def generate(count, seed):
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        toks = query(rng)
        if rng.random() < 0.5 and toks:
            toks = mutate(rng, toks)
        queries.append(join(rng, toks))
    return queries


def documented(errors):
    for error in errors:
        # `jql validate --jsonl` gives errors as {message, line, column}.
        message = error["message"] if isinstance(error, dict) else error
        if not any(d in message for d in DOCUMENTED):
            continue
        if "is a reserved JQL word" in message:
            word = message.split("'")[1].lower()
            if word in STOP_WORDS or word == "all":
                return True
            continue
        return True
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jql", required=True)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    queries = generate(args.count, args.seed)
    lines = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in queries)
    ours = subprocess.run([args.jql, "validate", "--jsonl"], input=lines.encode(),
                          capture_output=True, check=False)
    if ours.returncode not in (0, 1):
        sys.exit("jql validate failed: " + ours.stderr.decode(errors="replace"))
    our_results = [json.loads(l) for l in ours.stdout.decode().splitlines()]
    ref = subprocess.run(["node", os.path.join(HERE, "reference_verdicts.js")], input=lines.encode(),
                         capture_output=True, check=True, cwd=HERE)
    ref_valid = [l == "1" for l in ref.stdout.decode().splitlines()]
    if len(our_results) != len(queries) or len(ref_valid) != len(queries):
        sys.exit("verdict counts differ: %d queries, %d ours, %d reference" %
                 (len(queries), len(our_results), len(ref_valid)))

    agree = documented_count = 0
    failures = []
    for q, mine, theirs in zip(queries, our_results, ref_valid):
        if mine["valid"] == theirs:
            agree += 1
        elif not mine["valid"] and theirs and documented(mine["errors"]):
            documented_count += 1
        else:
            failures.append((q, mine, theirs))
    valid_share = sum(ref_valid) / len(queries)
    print("differential: %d queries (seed %d, %.0f%% valid for the reference): %d agree, "
          "%d documented Cloud differences, %d unexplained" %
          (len(queries), args.seed, 100 * valid_share, agree, documented_count, len(failures)))
    for q, mine, theirs in failures[:20]:
        print("  DIFF reference=%s ours=%s %r %s" % ("valid" if theirs else "invalid",
              "valid" if mine["valid"] else "invalid", q, mine["errors"][:1]))
    print("%d passed, %d failed" % (agree + documented_count, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
