#!/usr/bin/python3
"""Users and tokens: `jql users add` prints a token once and keeps only its hash;
`jql serve --users` reads the file again on SIGHUP (a broken file changes nothing);
without --users the default admin's token stays the same from one start to the next.
Drives the real binary on 127.0.0.1.  Usage: users_test.py JQL_BINARY DATA_DIR"""
import base64
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


def add(jql, users, email, role="user"):
    out = subprocess.run([jql, "users", "add", email, "--users", users, "--role", role],
                         capture_output=True, text=True, check=True).stdout
    return re.search(r"^token: (\S+)$", out, re.M).group(1)


def status(url, email, token):
    auth = base64.b64encode(("%s:%s" % (email, token)).encode()).decode()
    request = urllib.request.Request(url + "/rest/api/3/myself",
                                     headers={"Authorization": "Basic " + auth})
    try:
        return urllib.request.urlopen(request).status
    except urllib.error.HTTPError as e:
        return e.code


class Server:
    def __init__(self, jql, data, state, users=None):
        args = [jql, "serve", "--data", data, "--state", state, "--listen", "127.0.0.1:0",
                "--lazy-indexes"] + (["--users", users] if users else [])
        self.child = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        self.lines, self.token, self.url = [], None, None
        for line in self.child.stdout:
            self.lines.append(line)
            if line.startswith("token: "):
                self.token = line.split()[1]
            found = re.search(r"listening on (\S+)$", line.strip())
            if found:
                self.url = found.group(1)
                break
        assert self.url, self.lines

    def signal_and_wait_for(self, sig, pattern):
        self.child.send_signal(sig)
        for line in self.child.stdout:
            self.lines.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError("no line matching %s in %s" % (pattern, self.lines))

    def stop(self):
        self.child.send_signal(signal.SIGTERM)
        self.child.communicate(timeout=60)
        assert self.child.returncode == 0


def main():
    jql, data = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        users = os.path.join(work, "users.json")
        ada = add(jql, users, "ada@example.com", "admin")
        with open(users) as f:
            text = f.read()
        assert ada not in text and "tokenSha256" in text, "the file keeps only the hash"
        assert stat.S_IMODE(os.stat(users).st_mode) == 0o600
        server = Server(jql, data, os.path.join(work, "state"), users)
        assert status(server.url, "ada@example.com", ada) == 200
        bob = add(jql, users, "bob@example.com")
        assert status(server.url, "bob@example.com", bob) == 401, "not before the reload"
        server.signal_and_wait_for(signal.SIGHUP, r"INFO SIGHUP: reloaded 2 users")
        assert status(server.url, "bob@example.com", bob) == 200
        with open(users, "w") as f:
            f.write("{}")
        server.signal_and_wait_for(signal.SIGHUP, r"ERROR SIGHUP: kept the users")
        assert status(server.url, "bob@example.com", bob) == 200, "a broken file changes nothing"
        server.stop()

        # The default admin's token is kept in the state directory.
        state = os.path.join(work, "default-state")
        first = Server(jql, data, state)
        assert status(first.url, "admin@example.com", first.token) == 200
        first.stop()
        second = Server(jql, data, state)
        assert second.token == first.token, "the default admin's token changed"
        assert status(second.url, "admin@example.com", second.token) == 200
        second.stop()
        assert stat.S_IMODE(os.stat(os.path.join(state, "default-admin-token")).st_mode) == 0o600
    print("users: add keeps only hashes, SIGHUP reloads, the default token stays")


if __name__ == "__main__":
    main()
