#!/usr/bin/python3
"""Loading Jira's own CSV export (tests/cli/data/jira-export.csv, written in the shape
of Cloud's "Export CSV (all fields)": a byte order mark, repeated columns, custom
fields, comments, links by key, dates as "05/Jun/25 2:07 PM") and this server's
export of archived issues. The expected answers are read off the file by hand, not
computed by the loader. Usage: jira_csv_test.py JQL_BINARY SAMPLE_DATA"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

jql, sample = sys.argv[1], sys.argv[2]
export = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "jira-export.csv")
failures = []


def check(what, ok, detail=""):
    if not ok:
        failures.append(what)
        print("FAIL:", what, detail)


def keys(data, query):
    r = subprocess.run([jql, "select", "--quiet", "--data", data, "--now", "2025-07-01",
                        "--format", "keys", query], capture_output=True, text=True)
    return r.stdout.split() if r.returncode == 0 else ["error: " + r.stdout + r.stderr]


expected = {
    "labels = backend": ["SHOP-1", "SHOP-2"],
    "labels = urgent": ["SHOP-1"],                      # the third Labels column
    '"Story Points" > 4': ["SHOP-1", "SHOP-2"],
    '"Story Points" = 1': ["SHOP-3"],
    'fixVersion = "2.0"': ["SHOP-1", "SHOP-2"],         # the second Fix versions column
    'fixVersion = "1.1"': ["SHOP-1"],
    'affectedVersion = "1.0"': ["SHOP-1"],
    "status = Done": ["SHOP-1"],
    'statusCategory = "In Progress"': ["SHOP-2"],
    "statusCategory = Done": ["SHOP-1"],
    "parent = SHOP-2": ["SHOP-3"],                       # Parent holds the parent's id
    "issuetype in subTaskIssueTypes()": ["SHOP-3"],
    "issue in linkedIssues(SHOP-1)": ["SHOP-2"],         # Outward issue link (Blocks)
    "issue in linkedIssues(SHOP-2)": ["SHOP-1"],         # Inward issue link (Blocks)
    'sprint = "Sprint 2"': ["SHOP-1", "SHOP-2"],
    'sprint = "Sprint 1"': ["SHOP-1"],
    'created >= "2025-06-07"': ["SHOP-2", "SHOP-3"],     # 07/Jun/25 11:15 AM
    'created >= "2025-06-05 14:07" AND created < "2025-06-05 14:08"': ["SHOP-1"],  # 2:07 PM
    'resolved >= "2025-06-11 16:45" AND resolved < "2025-06-11 16:46"': ["SHOP-1"],
    "due = 2025-06-20": ["SHOP-1"],
    '"Start date" = 2025-06-01': ["SHOP-1"],
    "comment ~ reproduced": ["SHOP-1"],                  # the text after date;account;
    'comment ~ "557058"': [],                            # ... and not the account id
    'description ~ "pay button"': ["SHOP-1"],            # a quoted, multi-line cell
    "environment ~ safari": ["SHOP-1"],
    'assignee = "557058:aaaa-1111"': ["SHOP-1", "SHOP-2"],
    'reporter = "Ada Admin"': ["HR-7", "SHOP-1", "SHOP-2", "SHOP-3"],
    "assignee is EMPTY": ["SHOP-3"],
    "votes = 3": ["SHOP-1"],
    "project = HR AND type = Task": ["HR-7"],
    "project = SHOP AND priority = Low": ["SHOP-3"],
    "resolution is EMPTY": ["HR-7", "SHOP-2", "SHOP-3"],
}
for query, want in expected.items():
    got = sorted(keys(export, query))
    check(query, got == sorted(want), "got %s, want %s" % (got, want))

stats = subprocess.run([jql, "stats", "--data", export, "--json"], capture_output=True, text=True)
check("stats reads the export", stats.returncode == 0, stats.stderr)
projects = subprocess.run([jql, "select", "--quiet", "--data", export, "--format", "json",
                           "--fields", "key,project", "project = HR"], capture_output=True, text=True)
check("the business project keeps its type", "HR" in projects.stdout, projects.stdout)

# A bad date names the line and column.
work = tempfile.mkdtemp()
try:
    text = open(export, encoding="utf-8-sig").read().replace("07/Jun/25 11:15 AM", "sometime in June")
    bad = os.path.join(work, "bad.csv")
    open(bad, "w").write(text)
    r = subprocess.run([jql, "select", "--data", bad, "created < now()"], capture_output=True, text=True)
    check("a bad date is exit 2", r.returncode == 2, r.stderr)
    check("a bad date names line and column",
          "bad.csv line 4: column 'Created' is not a Jira date or time: 'sometime in June'" in r.stderr,
          r.stderr)

    # The server's export of archived issues loads back as archived issues.
    state = os.path.join(work, "state")
    child = subprocess.Popen([jql, "serve", "--data", sample, "--state", state, "--listen", "127.0.0.1:0",
                              "--edition", "premium", "--lazy-indexes"], stdout=subprocess.PIPE, text=True)
    try:
        url = None
        while url is None:
            line = child.stdout.readline()
            if not line:
                break
            found = re.search(r"listening on (\S+)$", line.strip())
            url = found.group(1) if found else None
        token = open(os.path.join(state, "default-admin-token")).read().strip()
        auth = "Basic " + base64.b64encode(("admin@example.com:" + token).encode()).decode()

        def call(method, path, body):
            request = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode(),
                                             headers={"Authorization": auth, "Content-Type": "application/json"})
            return json.loads(urllib.request.urlopen(request).read() or b"null")

        def wait(task_url):
            for _ in range(200):
                request = urllib.request.Request(task_url, headers={"Authorization": auth})
                task = json.loads(urllib.request.urlopen(request).read())
                if task["status"] == "COMPLETE":
                    return task
                time.sleep(0.05)
            raise AssertionError("task did not complete")

        archived_query = "project = PCDS"
        matched = keys(sample, archived_query)
        wait(call("POST", "/rest/api/3/issue/archive", {"jql": archived_query}))
        task = call("PUT", "/rest/api/3/issues/archive/export", {})
        wait(url + "/rest/api/3/task/" + task["taskId"])
    finally:
        child.terminate()
        child.wait(timeout=30)
    exported = os.path.join(state, "exports", task["taskId"] + ".csv")
    listing = subprocess.run([jql, "stats", "--data", exported], capture_output=True, text=True)
    rows = re.search(r"rows: (\d+) \((\d+) archived\)", listing.stdout)
    check("the export loads", rows is not None, listing.stdout + listing.stderr)
    if rows:
        check("every exported issue loads as archived", rows.group(1) == rows.group(2), rows.group(0))
        check("the export holds at least the issues archived now",
              int(rows.group(1)) >= len(matched) > 0, "%s vs %d" % (rows.group(0), len(matched)))
    check("archived issues are never found", keys(exported, "created < now()") == [])
finally:
    shutil.rmtree(work)

if failures:
    print("%d checks failed" % len(failures))
    sys.exit(1)
print("jira csv test: passed")
