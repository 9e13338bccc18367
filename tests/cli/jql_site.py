"""A `jql serve` playing a Jira site for the tests of `jql import` and `jql archive`:
started on loopback, its admin token in a file, its answers read through the REST API
the way a client reads a real site (paging with nextPageToken, retrying the test
faults), and JSON made comparable between two sites."""
import atexit
import base64
import json
import os
import re
import socket
import subprocess
import threading
import urllib.error
import urllib.request

EVERYTHING = 'created >= "1970-01-01" ORDER BY id'


def free_port():
    """A loopback port nobody listens on now, for a site restarted at the same URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Every server still running when the test exits, a failed assertion included, is
# stopped: none outlives its test.
_running = []


@atexit.register
def _stop_all():
    for child in _running:
        if child.poll() is None:
            child.kill()
            child.wait()


class Server:
    def __init__(self, jql, data_path, state, extra=(), port=0):
        self.state = state
        self.child = subprocess.Popen([jql, "serve", "--data", data_path, "--state", state, "--listen",
                                       "127.0.0.1:%d" % port, "--lazy-indexes", *extra],
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        _running.append(self.child)
        self.url = None
        for line in self.child.stdout:
            found = re.search(r"listening on (\S+)$", line.strip())
            if found:
                self.url = found.group(1)
                break
        assert self.url, "server did not start"
        # The request log goes on to stdout: read it, or a full pipe stops the server.
        threading.Thread(target=self.child.stdout.read, daemon=True).start()
        self.token = open(os.path.join(state, "default-admin-token")).read().strip()
        self.token_file = state + "-token"
        open(self.token_file, "w").write(self.token + "\n")

    def call(self, path, body=None, method=None):
        auth = base64.b64encode(("admin@example.com:" + self.token).encode()).decode()
        request = urllib.request.Request(self.url + path, data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": "Basic " + auth,
                                                  "Content-Type": "application/json"}, method=method)
        for _ in range(10):  # a faulty site answers 429/503 now and then
            try:
                return json.loads(urllib.request.urlopen(request).read())
            except urllib.error.HTTPError as e:
                if e.code not in (429, 503):
                    raise
        raise AssertionError("too many faults on " + path)

    def search_ids(self, jql=EVERYTHING):
        """The ids a search finds (archived issues are never found)."""
        ids, token = set(), None
        while True:
            body = {"jql": jql, "fields": ["id"], "maxResults": 5000}
            if token:
                body["nextPageToken"] = token
            page = self.call("/rest/api/3/search/jql", body)
            ids.update(issue["id"] for issue in page["issues"])
            token = page.get("nextPageToken")
            if not token:
                return ids

    def all_issues(self):
        """Every issue a search finds, whole, by key, made comparable (see normal)."""
        issues, token = {}, None
        while True:
            body = {"jql": EVERYTHING, "fields": ["*all"], "expand": "changelog", "maxResults": 100}
            if token:
                body["nextPageToken"] = token
            page = self.call("/rest/api/3/search/jql", body)
            for issue in page["issues"]:
                issues[issue["key"]] = normal(issue, self.url)
            token = page.get("nextPageToken")
            if not token:
                return issues

    def stop(self):
        self.child.terminate()
        self.child.wait(timeout=30)


def normal(value, url):
    """The JSON with the site's URL replaced, and without the ids the store numbers by
    position (issue links and change groups), which a mirror cannot keep."""
    value = json.loads(json.dumps(value).replace(url, "SITE"))
    if not isinstance(value, dict):
        return value
    for h in value.get("changelog", {}).get("histories", []):
        h.pop("id", None)
    for link in value.get("fields", {}).get("issuelinks", []) or []:
        link.pop("id", None)
        link.pop("self", None)
    return value
