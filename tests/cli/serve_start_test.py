#!/usr/bin/python3
"""How `jql serve` starts: it takes its port before loading (a busy port fails at
once), says it is loading, stops at once on Ctrl-C (SIGINT) or SIGTERM during a long
load, and listens on localhost:PORT and [::1]:PORT as written.
Usage: serve_start_test.py JQL_BINARY DATA_DIR"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def main():
    jql, data = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        # A busy port fails before the data is even read.
        busy = socket.socket()
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.time()
        result = subprocess.run([jql, "serve", "--data", data, "--state", os.path.join(work, "a"),
                                 "--listen", "127.0.0.1:%d" % port], capture_output=True, text=True)
        assert result.returncode == 2 and "Address already in use" in result.stderr, result
        assert "loading" not in result.stdout, "it loaded before finding the port busy"
        busy.close()

        # A load long enough to interrupt (150,000 issues as JSON Lines, ~250 MB).
        big = os.path.join(work, "big.jsonl")
        subprocess.run([jql, "gen", "150000", "--no-long-text", "--history", "0", "--out", big],
                       check=True, capture_output=True)
        for sig in (signal.SIGINT, signal.SIGTERM):
            child = subprocess.Popen([jql, "serve", "--data", big, "--state",
                                      os.path.join(work, "b"), "--listen", "127.0.0.1:0"],
                                     stdout=subprocess.PIPE, text=True)
            first = child.stdout.readline()
            assert re.search(r" INFO loading .*big\.jsonl \.\.\.$", first.strip()), first
            time.sleep(0.3)
            sent = time.time()
            child.send_signal(sig)
            rest, _ = child.communicate(timeout=30)
            waited = time.time() - sent
            assert child.returncode == 128 + sig, (child.returncode, rest)
            assert "interrupted while loading" in rest and "listening" not in rest, rest
            assert waited < 2, "took %.1f s to stop" % waited

        # localhost and bracketed IPv6 literals, kept as written in the URL.
        for listen, host in (("localhost:0", "localhost"), ("[::1]:0", "[::1]")):
            child = subprocess.Popen([jql, "serve", "--data", data, "--state",
                                      os.path.join(work, "c" + host), "--listen", listen,
                                      "--lazy-indexes"], stdout=subprocess.PIPE, text=True)
            url = None
            for line in child.stdout:
                found = re.search(r"listening on (\S+)$", line.strip())
                if found:
                    url = found.group(1)
                    break
            assert url and url.startswith("http://%s:" % host), url
            with urllib.request.urlopen(url + "/healthz") as response:
                assert response.status == 200
            child.send_signal(signal.SIGTERM)
            child.communicate(timeout=60)
            assert child.returncode == 0
    print("serve start: port before load, prompt interrupt, localhost and [::1]")


if __name__ == "__main__":
    main()
