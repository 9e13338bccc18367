#!/usr/bin/python3
"""`jql serve --test-faults N`: every Nth API request is answered 429 (Retry-After: 0)
or 503 in turn, for testing clients' retries; off by default; probes are never
faulted. Usage: serve_faults_test.py JQL_BINARY DATA_DIR"""
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

jql, data = sys.argv[1], sys.argv[2]


def serve(state, extra):
    child = subprocess.Popen([jql, "serve", "--data", data, "--state", state, "--listen", "127.0.0.1:0",
                              "--lazy-indexes"] + extra, stdout=subprocess.PIPE, text=True)
    for line in child.stdout:
        found = re.search(r"listening on (\S+)$", line.strip())
        if found:
            return child, found.group(1)
    raise AssertionError("server did not start")


def statuses(url, token, n, path="/rest/api/3/myself"):
    out = []
    for _ in range(n):
        request = urllib.request.Request(url + path)
        request.add_header("Authorization", "Basic " + __import__("base64").b64encode(
            ("admin@example.com:" + token).encode()).decode())
        try:
            with urllib.request.urlopen(request) as r:
                out.append((r.status, r.headers.get("Retry-After")))
        except urllib.error.HTTPError as e:
            out.append((e.code, e.headers.get("Retry-After")))
    return out


with tempfile.TemporaryDirectory() as work:
    child, url = serve(os.path.join(work, "a"), ["--test-faults", "3"])
    try:
        token = open(os.path.join(work, "a", "default-admin-token")).read().strip()
        got = statuses(url, token, 9)
        want = [(200, None), (200, None), (429, "0"), (200, None), (200, None), (503, None),
                (200, None), (200, None), (429, "0")]
        assert got == want, got
        probe = urllib.request.urlopen(url + "/healthz")
        assert probe.status == 200
    finally:
        child.terminate()
        child.wait(timeout=30)
    child, url = serve(os.path.join(work, "b"), [])
    try:
        token = open(os.path.join(work, "b", "default-admin-token")).read().strip()
        assert all(s == 200 for s, _ in statuses(url, token, 9)), "faults without the switch"
    finally:
        child.terminate()
        child.wait(timeout=30)
print("serve faults test: passed")
