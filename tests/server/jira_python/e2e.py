"""End-to-end: drives `jql serve` with jira-python (Debian's python3-jira 3.4), the
most used Jira client, over 127.0.0.1, as an admin's existing script would: connect
with default options, read the site's metadata, page through a search, read an issue
with its change log, archive by JQL through the client's session and see the issues
gone from its searches. Exits non-zero on the first failed check.

Usage: e2e.py JQL_BINARY DATA WORK_DIR
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import time

from jira import JIRA

jql_binary, data, work = sys.argv[1:4]


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def start_server():
    users = os.path.join(work, "users.json")
    with open(users, "w") as out:
        json.dump({"users": [
            {"email": "admin@example.com", "accountId": "acc-admin", "role": "admin",
             "tokenSha256": sha256("admin-token")},
            {"email": "user@example.com", "accountId": "acc-user", "role": "user",
             "tokenSha256": sha256("user-token")}]}, out)
    record = os.environ.get("JQL_RECORD_RESPONSES")  # `make test`'s OpenAPI schema check
    child = subprocess.Popen(
        [jql_binary, "serve", "--data", data, "--state", os.path.join(work, "state"),
         "--listen", "127.0.0.1:0", "--users", users]
        + (["--record-responses", record] if record else []),
        stdout=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    for line in child.stdout:
        match = re.search(r" INFO listening on (\S+)$", line.strip())  # a log line
        if match:
            return child, match.group(1)
        if time.time() > deadline:
            break
    child.kill()
    sys.exit("the server did not start")


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def main():
    child, url = start_server()
    try:
        jira = JIRA(server=url, basic_auth=("admin@example.com", "admin-token"))
        check(jira.server_info()["deploymentType"] == "Cloud", "server_info")
        check(jira.myself()["accountId"] == "acc-admin", "myself")
        fields = {f["id"]: f for f in jira.fields()}
        check("summary" in fields and fields["summary"]["schema"]["type"] == "string", "fields")
        projects = jira.projects()
        check(len(projects) > 0 and all(hasattr(p, "projectTypeKey") for p in projects),
              "projects with their type")
        check(len(jira.statuses()) > 0 and len(jira.priorities()) > 0, "statuses, priorities")

        # A search paged to the end (maxResults=False pages through every result).
        count = jira._session.post(url + "/rest/api/3/search/approximate-count",
                                   data=json.dumps({"jql": "created is not empty"})).json()["count"]
        issues = jira.search_issues("created is not empty ORDER BY key", maxResults=False,
                                    fields="summary,status")
        check(len(issues) == count, f"search pages {len(issues)} of {count}")
        check(len({i.key for i in issues}) == count, "every issue once")
        check(all(hasattr(i.fields, "summary") for i in issues), "fields asked for")

        issue = jira.issue(issues[0].key, expand="changelog")
        check(issue.key == issues[0].key and hasattr(issue, "changelog"), "issue with changelog")

        # Archive one software project's issues by JQL, through the client's session.
        software = [p for p in projects if p.projectTypeKey == "software"]
        check(software, "a software project")
        jql = None
        for project in software[:200]:
            if jira.search_issues(f"project = {project.key}", maxResults=1).total >= 5:
                jql = f"project = {project.key}"
                break
        check(jql, "a software project with five issues or more")
        before = jira.search_issues(jql, maxResults=False, fields="issuetype")
        answer = jira._session.post(url + "/rest/api/3/issue/archive",
                                    data=json.dumps({"jql": jql}))
        check(answer.status_code == 202, f"archive by JQL: {answer.status_code} {answer.text}")
        task_url = answer.json()
        for _ in range(6000):
            task = jira._session.get(task_url).json()
            if task["status"] not in ("ENQUEUED", "RUNNING", "CANCEL_REQUESTED"):
                break
            time.sleep(0.01)
        check(task["status"] == "COMPLETE", f"task {task}")
        after = jira.search_issues(jql, maxResults=False, fields="issuetype")
        # Whatever remains is what the rule leaves: subtasks whose parent stayed.
        check(len(after) < len(before), f"archived issues are gone ({len(before)} -> {len(after)})")
        check(all(i.fields.issuetype.subtask for i in after), "only subtasks may remain")
        print(f"jira-python e2e: {count} issues searched, {len(before) - len(after)} archived")
    finally:
        child.terminate()
        child.wait(timeout=30)


main()
