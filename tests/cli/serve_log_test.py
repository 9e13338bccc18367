#!/usr/bin/python3
"""`jql serve`'s log: every line has an ISO 8601 UTC time and a level, as text or, with
--log-format json, as one JSON object (requests with their fields). Starts the real
binary on 127.0.0.1, sends a few requests, stops it with SIGTERM.
Usage: serve_log_test.py JQL_BINARY DATA_DIR"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


def run(jql, data, log_format):
    with tempfile.TemporaryDirectory() as work:
        child = subprocess.Popen(
            [jql, "serve", "--data", data, "--state", os.path.join(work, "state"),
             "--listen", "127.0.0.1:0", "--lazy-indexes", "--log-format", log_format],
            stdout=subprocess.PIPE, text=True)
        lines = []
        url = None
        for line in child.stdout:
            lines.append(line.rstrip("\n"))
            found = re.search(r"listening on (http://[0-9.:]+)", line)
            if found:
                url = found.group(1)
                break
        assert url, "the server did not start: %s" % lines
        urllib.request.urlopen(url + "/healthz").read()
        try:
            urllib.request.urlopen(url + "/rest/api/3/myself")
        except urllib.error.HTTPError as e:
            assert e.code == 401
        child.send_signal(signal.SIGTERM)
        rest, _ = child.communicate(timeout=60)
        assert child.returncode == 0, child.returncode
        lines += rest.splitlines()
    # The default admin's credentials are printed for the person at the terminal.
    return [l for l in lines if not l.startswith(("user: ", "token: "))]


def main():
    jql, data = sys.argv[1], sys.argv[2]
    checks = 0
    text = run(jql, data, "text")
    for line in text:
        assert re.match("^" + TIME + " (INFO|WARN|ERROR) ", line), line
        checks += 1
    assert any(re.search(r" INFO \d+ GET /healthz 200 \d+B - [0-9.]+ms$", l) for l in text), text
    assert any(" GET /rest/api/3/myself 401 " in l for l in text), text
    assert any(l.endswith("/store.snapshot") and " INFO stopped;" in l for l in text), text

    records = [json.loads(l) for l in run(jql, data, "json")]
    for r in records:
        assert re.match("^" + TIME + "$", r["time"]) and r["level"] in ("INFO", "WARN", "ERROR"), r
        checks += 1
    requests = [r for r in records if "status" in r]
    assert {(r["method"], r["target"], r["status"]) for r in requests} == {
        ("GET", "/healthz", 200), ("GET", "/rest/api/3/myself", 401)}, requests
    assert all(isinstance(r["ms"], (int, float)) and r["user"] == "" for r in requests), requests
    assert any(r.get("msg", "").startswith("listening on http://127.0.0.1:") for r in records)
    print("serve log: %d lines checked, text and json" % checks)


if __name__ == "__main__":
    main()
