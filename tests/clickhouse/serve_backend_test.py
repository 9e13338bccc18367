"""`jql serve --backend` on the cluster JQL_CLICKHOUSE names (run through with_cluster.sh).

Two servers, A and B, share the cluster; a third, R, is an ordinary in-process server
over the same data and is the oracle: every change made on A or B is made on R too,
and then A, B and R must answer every search (paged through nextPageToken), count and
archive preview alike.
1. Before any change: searches, counts and previews agree.
2. Archive by keys on A: B stops finding the issues at once and shows who archived them.
3. Unarchive on B: A finds the issue again.
4. Archive by JQL (a task) on B; A and R agree afterwards.
5. A is killed with -9 right after an archive is acknowledged: B sees it, and A started
   again on its old state agrees with R.
6. A and B archive at the same time: both changes count.
7. Data other than the pushed store, and a backend nobody listens on, are refused at
   start with a message that says so.

Usage: serve_backend_test.py JQL_BINARY SAMPLE_DATA OTHER_DATA WORK_DIR"""
import concurrent.futures
import faulthandler
import json
import signal
import os
import shutil
import subprocess
import sys
import time
import urllib.error

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from jql_site import Server  # noqa: E402

faulthandler.register(signal.SIGUSR1)  # a hung run shows where it hangs
jql, data, other, work = sys.argv[1:5]
url = os.environ["JQL_CLICKHOUSE"]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)

push = subprocess.run([jql, "push", "--data", data, "--to", url], capture_output=True, text=True)
assert push.returncode == 0, push.stderr

backend = ["--backend", url, "--archive-batch", "50"]
a = Server(jql, data, os.path.join(work, "a"), backend)
b = Server(jql, data, os.path.join(work, "b"), backend)
r = Server(jql, data, os.path.join(work, "r"), ["--archive-batch", "50"])

QUERIES = [
    'created < now() ORDER BY priority DESC, updated',
    'status != Done ORDER BY assignee, key DESC',
    'resolution is EMPTY',
    'summary ~ "error" OR labels is not EMPTY ORDER BY duedate, created DESC',
    'status WAS "In Progress" ORDER BY key',
]


def keys(server, jql):
    """Every key a search finds, in order, 97 a page (pages start after a position)."""
    found, token = [], None
    while True:
        body = {"jql": jql, "fields": ["key"], "maxResults": 97}
        if token:
            body["nextPageToken"] = token
        page = server.call("/rest/api/3/search/jql", body)
        found += [issue["key"] for issue in page["issues"]]
        token = page.get("nextPageToken")
        if not token:
            return found


def count(server, jql):
    return server.call("/rest/api/3/search/approximate-count", {"jql": jql})["count"]


def preview(server, jql):
    answer = server.call("/rest/api/3/issue/archive/preview", {"jql": jql})
    answer.pop("canArchive", None)
    return answer


def agree(step):
    print(step, flush=True)
    for q in QUERIES:
        expected = keys(r, q)
        assert expected, "%s matches nothing, so it proves nothing" % q
        for server in (a, b):
            assert keys(server, q) == expected, "%s: %s differs from in process" % (step, q)
            assert count(server, q) == len(expected), "%s: count of %s" % (step, q)
    q = QUERIES[1]
    assert preview(a, q) == preview(r, q), step + ": preview"
    assert preview(b, q) == preview(r, q), step + ": preview on B"


def archive_keys(server, chosen, archive=True):
    """The answer, or for a refusal (400 when nothing could be changed) its status and body."""
    path = "/rest/api/3/issue/" + ("archive" if archive else "unarchive")
    try:
        return server.call(path, {"issueIdsOrKeys": chosen}, method="PUT")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def archive_jql(server, jql):
    task_url = server.call("/rest/api/3/issue/archive", {"jql": jql}, method="POST")
    task_id = task_url.rsplit("/", 1)[1]
    for _ in range(600):
        task = server.call("/rest/api/3/task/" + task_id)
        if task["status"] not in ("ENQUEUED", "RUNNING"):
            assert task["status"] == "COMPLETE", task
            return task["result"]
        time.sleep(0.05)
    raise AssertionError("the archive task did not finish")


agree("at start")

# 2. Archive by keys on A; B sees it before anything else happens.
parents = keys(r, 'issuetype not in subTaskIssueTypes() ORDER BY key')
chosen = parents[:40]
on_a = archive_keys(a, chosen)
on_r = archive_keys(r, chosen)
assert on_a == on_r, (on_a, on_r)
assert on_a["numberOfIssuesUpdated"] >= 30, on_a
everything = 'created < now()'
assert count(b, everything) == count(r, everything)
found_on_r = set(keys(r, everything + " ORDER BY key"))
archived_now = [k for k in chosen if k not in found_on_r]
seen = b.call("/rest/api/3/issue/" + archived_now[0] + "?fields=archivedby,archiveddate")
assert seen["fields"]["archivedby"] is not None, seen
assert archived_now and not set(archived_now) & set(keys(b, everything + " ORDER BY key"))
# Archiving them again on B finds them archived already, as on R.
assert archive_keys(b, chosen[:5]) == archive_keys(r, chosen[:5])
agree("after archive by keys on A")

# 3. Unarchive on B; A finds them again.
back = archive_keys(b, chosen[:10], archive=False)
assert back == archive_keys(r, chosen[:10], archive=False), back
assert set(chosen[:10]) <= set(keys(a, everything + " ORDER BY key"))
agree("after unarchive on B")

# 4. Archive by JQL on B (a task in batches of 50).
done_query = 'status = Done AND created < now()'
done_b = archive_jql(b, done_query)
done_r = archive_jql(r, done_query)
assert done_b["numberOfIssuesUpdated"] == done_r["numberOfIssuesUpdated"] > 0, (done_b, done_r)
agree("after archive by JQL on B")

# Issues still found that may be archived (subtasks and unlicensed projects are refused,
# alike on every server).
candidates = keys(r, 'issuetype not in subTaskIssueTypes() ORDER BY key DESC')


def gone(server, chosen):
    """Which of `chosen` the server does not find."""
    return set(chosen) - set(keys(server, everything + " ORDER BY key"))


# 5. Killed right after an acknowledged archive: the cluster has it.
victim = candidates[:8]
on_a = archive_keys(a, victim)
a.child.kill()
a.child.wait()
assert on_a == archive_keys(r, victim), on_a
assert on_a["numberOfIssuesUpdated"] > 0, on_a
assert gone(b, victim) == gone(r, victim) != set()
a = Server(jql, data, a.state, backend)
agree("after A was killed and started again")

# 6. A and B archive at the same time.
first, second = candidates[8:38], candidates[38:68]
with concurrent.futures.ThreadPoolExecutor(2) as pool:
    answers = list(pool.map(lambda job: archive_keys(*job), [(a, first), (b, second)]))
assert answers == [archive_keys(r, first), archive_keys(r, second)], answers
assert gone(a, first + second) == gone(r, first + second)
agree("after A and B archived at once")

# 7. Refusals at start.
for label, args, needle in [
        ("other data", ["--data", other, "--backend", url], "holds another store"),
        ("nobody listening", ["--data", data, "--backend", "clickhouse://127.0.0.1:1/jql"], "--backend")]:
    state = os.path.join(work, "refused-" + label.replace(" ", "-"))
    run = subprocess.run([jql, "serve", "--state", state, "--listen", "127.0.0.1:0", *args],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and needle in run.stderr, (label, run.returncode, run.stderr)

marked = sum(1 for _ in keys(r, 'created < now()'))
print("serve --backend: two servers and the in-process oracle agreed on %d queries at 6 steps; "
      "%d issues left unarchived" % (len(QUERIES), marked))
