#!/usr/bin/python3
"""Mirror, sync, plan, apply: `jql serve` over the history sample plays the site.

1. `jql import` mirrors it; three issues are archived on the site; `--since-last`
   brings exactly those three in as archived.
2. The site changes between imports: it is restarted at the same URL over edited data
   (two issues edited, one deleted, one created) with a fresh archive state, in which
   two of the three are archived again and one more is. The next sync reports exactly
   those edits, the new and the deleted issue, one issue archived and one unarchived;
   the mirror then serves every issue as the site does, field by field, and holds the
   site's archived set.
3. `jql archive --plan` on the mirror; `--apply` to the site (slowed, faulting now and
   then) in batches of 10 is killed with -9 after three batches and run again: the
   issues the site stopped finding are exactly the plan's issues and subtasks, and the
   report accounts for every one (archived, or archived already by the killed run).
4. A plan with an issue the site does not have, and one with a subtask, end in exit 3
   and a report naming each; a plan of another site is refused.
Usage: archive_apply_test.py JQL_BINARY HISTORY_DATA"""
import datetime
import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from jql_site import Server, free_port

jql, data = sys.argv[1], sys.argv[2]


def run(*args, timeout=600):
    return subprocess.run([jql, *args], capture_output=True, text=True, timeout=timeout)


def sync(site, mirror, report):
    r = run("import", "--since-last", mirror, "--token-file", site.token_file, "--report", report, "-q")
    assert r.returncode == 0, r.stderr
    found = json.load(open(report))["issues"]
    return {kind: sorted(i["key"] for i in found[kind]) for kind in found}, r.stdout


def archive_on(site, keys):
    answer = site.call("/rest/api/3/issue/archive", {"issueIdsOrKeys": keys}, method="PUT")
    assert answer["errors"] == {}, answer


def mirrored_archived(mirror):
    keys = set()
    for page in glob.glob(os.path.join(mirror, "issues", "page-*.jsonl")):
        for line in open(page):
            issue = json.loads(line)
            if issue.get("archived"):
                keys.add(issue["key"])
    return keys


issues = [json.loads(line) for line in open(data)]
by_key = {i["key"]: i for i in issues}
# Issues nothing refers to (no links, no subtasks, not a subtask): safe to edit away.
referenced = {i["fields"]["parent"]["key"] for i in issues if i["fields"].get("parent")}
lonely = [i["key"] for i in issues
          if not i["fields"].get("issuelinks") and not i["fields"].get("parent") and i["key"] not in referenced
          and not i.get("archived") and i["fields"]["project"]["projectTypeKey"] in ("software", "business")]
assert len(lonely) >= 10, len(lonely)
to_archive, edited, deleted = lonely[0:3], lonely[3:5], lonely[5]

with tempfile.TemporaryDirectory() as work:
    port = free_port()
    site = Server(jql, data, os.path.join(work, "site1"), ["--test-faults", "9"], port=port)
    mirror = os.path.join(work, "mirror")
    r = run("import", "--from", site.url, "--user", "admin@example.com", "--token-file", site.token_file,
            "--out", mirror, "--page-size", "50", "--jobs", "3", "-q")
    assert r.returncode == 0, r.stderr

    # A snapshot mirror: the folder beside it, the snapshot loads the same issues.
    snap = os.path.join(work, "site.snap")
    r = run("import", "--from", site.url, "--user", "admin@example.com", "--token-file", site.token_file,
            "--out", snap, "-q")
    assert r.returncode == 0, r.stderr
    assert os.path.isdir(os.path.join(work, "site.mirror")), os.listdir(work)
    count = lambda path: int(run("select", "--data", path, "--format", "count", "created < now()", "-q").stdout)
    assert count(snap) == count(mirror) == len(site.search_ids())

    # 1. Archived on the site, then synced.
    archive_on(site, to_archive)
    found, out = sync(site, mirror, os.path.join(work, "sync1.json"))
    assert found == {"updated": [], "added": [], "archived": sorted(to_archive), "unarchived": [], "removed": []}, found
    assert "3 archived" in out, out
    # The snapshot is written again from its synced mirror.
    found, _ = sync(site, snap, os.path.join(work, "sync1s.json"))
    assert found["archived"] == sorted(to_archive), found
    assert count(snap) == count(mirror) == len(site.search_ids())
    assert mirrored_archived(mirror) == set(to_archive)
    site.stop()

    # 2. The site's data changes: edits, a deletion, a new issue; archives partly redone.
    # The new site's data is the old site's answers (the mirror's lines), so that it
    # keeps the ids the old site gave its versions and components: a real site never
    # renumbers them, but this sample has none of its own and a restart would.
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000+0000")
    changed = []
    for page in sorted(glob.glob(os.path.join(mirror, "issues", "page-*.jsonl"))):
        for line in open(page):
            issue = json.loads(line)
            issue.pop("archived", None)
            if issue["key"] == deleted:
                continue
            if issue["key"] in edited:
                issue["fields"]["summary"] = "Edited on the site " + issue["key"]
                issue["fields"]["labels"] = ["edited"]
                issue["fields"]["updated"] = now
            changed.append(issue)
    new = json.loads(json.dumps(next(i for i in changed if i["key"] == lonely[6])))
    project = new["fields"]["project"]["key"]
    new.update(id="990001", key=project + "-9001")
    new["fields"].update(created=now, updated=now, summary="Created on the site")
    new.pop("changelog", None)
    changed.append(new)
    data2 = os.path.join(work, "site2.jsonl")
    open(data2, "w").write("".join(json.dumps(i) + "\n" for i in changed))
    site = Server(jql, data2, os.path.join(work, "site2"), port=port)
    archive_on(site, to_archive[:2] + [lonely[7]])
    found, _ = sync(site, mirror, os.path.join(work, "sync2.json"))
    assert found == {"updated": sorted(edited), "added": [new["key"]], "archived": [lonely[7]],
                     "unarchived": [to_archive[2]], "removed": [deleted]}, found
    assert mirrored_archived(mirror) == set(to_archive[:2] + [lonely[7]])
    state = json.load(open(os.path.join(mirror, "import-state.json")))
    lines = sum(1 for page in glob.glob(os.path.join(mirror, "issues", "page-*.jsonl")) for _ in open(page))
    assert (state["issues"], state["archived"]) == (lines, 3), (state, lines)
    # Nothing changed since: the next sync finds nothing (re-fetched within the margin
    # but unchanged is not "updated").
    found, _ = sync(site, mirror, os.path.join(work, "sync3.json"))
    assert all(v == [] for v in found.values()), found
    served = Server(jql, mirror, os.path.join(work, "served"))
    source, copy = site.all_issues(), served.all_issues()
    assert sorted(copy) == sorted(source), (set(copy) ^ set(source))
    different = [k for k in source if copy[k] != source[k]]
    assert not different, "issues differ after the sync: %s" % different[:5]
    assert copy[edited[0]]["fields"]["summary"] == "Edited on the site " + edited[0]
    served.stop()

    # 3. Plan on the mirror; apply, killed after three batches and run again.
    plan = os.path.join(work, "plan.json")
    query = "statusCategory = Done AND updated < -365d"
    r = run("archive", "--plan", query, "--data", mirror, "--out", plan, "-q")
    assert r.returncode == 0, r.stderr
    planned = json.load(open(plan))
    parents = [i["id"] for i in planned["issues"]]
    subtasks = [s["id"] for i in planned["issues"] for s in i.get("subtasks", [])]
    assert len(parents) > 60 and subtasks, (len(parents), len(subtasks))
    assert planned["site"] == site.url and planned["numberOfIssuesToUpdate"] == len(parents) + len(subtasks)
    # The site's own dry run of the same query agrees on the counts.
    preview = site.call("/rest/api/3/issue/archive/preview", {"jql": query})
    assert (preview["issuesToArchive"], preview["subtasksToArchive"]) == (len(parents), len(subtasks)), preview
    assert planned["skipped"]["issueIsSubtask"] and all(
        by_key.get(s["key"], {}).get("fields", {}).get("parent") for s in planned["skipped"]["issueIsSubtask"])
    site.stop()
    site = Server(jql, data2, os.path.join(work, "site2"), ["--test-latency-ms", "30", "--test-faults", "7"],
                  port=port)
    before = site.search_ids()
    report = plan.replace(".json", ".report.json")
    apply = [jql, "archive", "--apply", plan, "--to", site.url, "--user", "admin@example.com", "--token-file",
             site.token_file, "--batch-size", "10", "-q"]
    child = subprocess.Popen(apply, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if len(json.load(open(report))["batches"]) >= 3:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    stopped = json.load(open(report))
    assert stopped["complete"] is False and 3 <= len(stopped["batches"]) < len(parents) / 10, len(stopped["batches"])
    r = subprocess.run(apply, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "continuing:" in r.stderr, r.stderr
    after = site.search_ids()
    assert before - after == set(parents) | set(subtasks), "archived on the site differs from the plan"
    result = json.load(open(report))
    summary = result["summary"]
    assert summary["failed"] == 0 and summary["subtasksFailed"] == 0, summary
    assert summary["archived"] + summary["alreadyArchived"] == len(parents), summary
    assert summary["alreadyArchived"] <= 10, summary  # at most the batch in flight at the kill
    assert summary["subtasksArchived"] == len(subtasks)
    assert {i["id"] for i in result["issues"] if i["outcome"] in ("archived", "alreadyArchived")} == set(parents)
    # Once more: nothing left to send, everything still archived.
    r = subprocess.run(apply, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert site.search_ids() == after

    # 4. Stale plans: an issue the site does not have, a subtask; another site's plan.
    stale = dict(planned)
    # A subtask the site still shows (its parent is not archived).
    live_subtask = sorted(site.search_ids("issuetype in subTaskIssueTypes() ORDER BY id"), key=int)[0]
    sub = {"id": live_subtask, "key": site.call("/rest/api/3/issue/" + live_subtask + "?fields=key")["key"]}
    stale["issues"] = [{"id": "990099", "key": "GONE-1"}, {"id": sub["id"], "key": sub["key"]}]
    stale_path = os.path.join(work, "stale.json")
    json.dump(stale, open(stale_path, "w"))
    r = run("archive", "--apply", stale_path, "--to", site.url, "--user", "admin@example.com", "--token-file",
            site.token_file, "-q")
    assert r.returncode == 3, (r.returncode, r.stdout, r.stderr)
    outcome = {i["key"]: (i["outcome"], i.get("reason")) for i in json.load(open(
        stale_path.replace(".json", ".report.json")))["issues"]}
    assert outcome == {"GONE-1": ("failed", "issuesNotFound"), sub["key"]: ("failed", "issueIsSubtask")}, outcome
    other = dict(planned, site="https://elsewhere.atlassian.net")
    other_path = os.path.join(work, "other.json")
    json.dump(other, open(other_path, "w"))
    r = run("archive", "--apply", other_path, "--to", site.url, "--user", "admin@example.com", "--token-file",
            site.token_file)
    assert r.returncode == 2 and "planned on a mirror of https://elsewhere.atlassian.net" in r.stderr, r.stderr
    json.dump({"plan": 1, "issues": [{"id": "x1"}]}, open(other_path, "w"))
    r = run("archive", "--apply", other_path, "--to", site.url, "--user", "admin@example.com", "--token-file",
            site.token_file, "--any-site")
    assert r.returncode == 2 and "not a plan of jql archive --plan" in r.stderr, r.stderr
    site.stop()
print("archive apply test: passed")
