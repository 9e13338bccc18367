#!/usr/bin/python3
"""`jql import` against `jql serve` playing the site: a complete mirror (every issue,
field and change, the catalog), compared field by field through the same API served
from the mirror; through a site that answers 429 and 503 now and then; resumed after
kill -9 to the same result; and a mirror of the mirror.

What is not compared: the ids of issue links and change groups, which this store does
not keep (it numbers them by position), and the site's own URLs in "self" links.
Usage: import_test.py JQL_BINARY HISTORY_DATA"""
import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from jql_site import Server as Site, normal

jql, data = sys.argv[1], sys.argv[2]


def Server(data_path, state, extra=()):
    return Site(jql, data_path, state, extra)


def all_issues(server):
    return server.all_issues()


def mirrored_lines(folder, url):
    out = {}
    for page in sorted(glob.glob(os.path.join(folder, "issues", "page-*.jsonl"))):
        for line in open(page):
            issue = json.loads(line)
            out[issue["key"]] = normal(issue, url)
    return out


def run_import(source, out, *extra):
    return subprocess.run([jql, "import", "--from", source.url, "--user", "admin@example.com",
                           "--token-file", source.token_file, "--out", out, *extra],
                          capture_output=True, text=True, timeout=600)


CATALOG = ["/rest/api/3/status", "/rest/api/3/priority", "/rest/api/3/issuetype", "/rest/api/3/resolution",
           "/rest/api/3/project/search?maxResults=100", "/rest/api/3/field"]

with tempfile.TemporaryDirectory() as work:
    # 1. A site that faults every 5th request, alternately 429 (Retry-After: 0) and 503.
    site = Server(data, os.path.join(work, "site"), ["--test-faults", "5"])
    mirror1 = os.path.join(work, "mirror1")
    r = run_import(site, mirror1, "--page-size", "25")
    assert r.returncode == 0, r.stderr
    assert "429 on" in r.stderr and "503 on" in r.stderr, "the faults were not met: " + r.stderr
    assert site.token not in r.stdout + r.stderr, "the token was printed"
    state = json.load(open(os.path.join(mirror1, "import-state.json")))
    assert state["complete"] is True and "nextPageToken" not in state, state
    source = all_issues(site)
    assert state["issues"] == len(source) > 200, (state, len(source))
    assert any(len(i.get("changelog", {}).get("histories", [])) > 0 for i in source.values())

    # 2. The mirror served: the same issues, fields, changes and catalog.
    served = Server(mirror1, os.path.join(work, "served"))
    copy = all_issues(served)
    assert sorted(copy) == sorted(source), "different issues"
    different = [k for k in source if copy[k] != source[k]]
    assert not different, "issues differ: %s; e.g. %s vs %s" % (
        different[:5], json.dumps(source[different[0]])[:400], json.dumps(copy[different[0]])[:400])
    for path in CATALOG:
        assert normal(served.call(path), served.url) == normal(site.call(path), site.url), path
    # ... and the pages on disk are the site's answers.
    assert mirrored_lines(mirror1, site.url) == source

    # 3. A mirror of the mirror is the same mirror.
    mirror3 = os.path.join(work, "mirror3")
    r = run_import(served, mirror3, "--page-size", "40")
    assert r.returncode == 0, r.stderr
    assert mirrored_lines(mirror3, served.url) == mirrored_lines(mirror1, site.url)
    served.stop()
    site.stop()

    # 4. kill -9 in the middle, then the same command again: the same mirror.
    slow = Server(data, os.path.join(work, "slow"), ["--test-latency-ms", "40"])
    mirror2 = os.path.join(work, "mirror2")
    child = subprocess.Popen([jql, "import", "--from", slow.url, "--user", "admin@example.com", "--token-file",
                              slow.token_file, "--out", mirror2, "--page-size", "10"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while len(glob.glob(os.path.join(mirror2, "issues", "page-*.jsonl"))) < 4 and time.time() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    state = json.load(open(os.path.join(mirror2, "import-state.json")))
    assert state["complete"] is False and state["pages"] >= 3, state
    r = run_import(slow, mirror2, "--page-size", "10")
    assert r.returncode == 0, r.stderr
    assert "resuming after page" in r.stderr, r.stderr
    assert mirrored_lines(mirror2, slow.url) == mirrored_lines(mirror1, site.url), "the resumed mirror differs"
    # Again on a complete mirror: nothing to do.
    r = run_import(slow, mirror2, "--page-size", "10")
    assert r.returncode == 0 and "already a complete mirror" in r.stderr, r.stderr
    # A wrong token is a clear error, not a retry loop.
    open(os.path.join(work, "bad-token"), "w").write("nope\n")
    r = subprocess.run([jql, "import", "--from", slow.url, "--user", "admin@example.com", "--token-file",
                        os.path.join(work, "bad-token"), "--out", os.path.join(work, "never")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "answered 401" in r.stderr, r.stderr
    slow.stop()
print("import test: passed")
