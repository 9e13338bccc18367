#!/usr/bin/env bash
# The OpenAPI response check must fail on a response outside its schema and pass a
# right one; otherwise `make test`'s check of every recorded response proves nothing.
# Usage: openapi_checker_test.sh REPO_ROOT
set -euo pipefail
root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/good" "$work/bad" "$work/known"
record() {  # record DIR METHOD TARGET STATUS BODY
  /usr/bin/python3 -c 'import json,sys; print(json.dumps({"method": sys.argv[1], "target": sys.argv[2], "status": int(sys.argv[3]), "body": sys.argv[4]}))' \
    "$2" "$3" "$4" "$5" >>"$1/responses-1-0.jsonl"
}
record "$work/good" GET /rest/api/2/serverInfo 200 '{"baseUrl":"http://x","deploymentType":"Cloud","versionNumbers":[1,0,0]}'
record "$work/good" POST /rest/api/3/search/approximate-count 200 '{"count":3}'
record "$work/bad" GET /rest/api/3/serverInfo 200 '{"baseUrl":"http://x","versionNumbers":"1.0.0"}'
record "$work/bad" POST /rest/api/3/search/approximate-count 200 '{"count":3,"extra":true}'
# A documented difference passes only where it is documented.
record "$work/known" PUT /rest/api/3/issues/archive/export 202 '{"progress":0,"status":"ENQUEUED","submittedTime":1623230887000,"taskId":"1","payload":"{}"}'
"$root/scripts/check-openapi-responses.sh" "$work/good" >"$work/good.out"
grep -q "2 validated against 2 schemas" "$work/good.out"
if "$root/scripts/check-openapi-responses.sh" "$work/bad" >"$work/bad.out"; then
  echo "the check passed responses outside their schemas" >&2
  exit 1
fi
grep -q "MISMATCH GET /rest/api/3/serverInfo 200" "$work/bad.out"
grep -q "MISMATCH POST /rest/api/3/search/approximate-count 200" "$work/bad.out"
"$root/scripts/check-openapi-responses.sh" "$work/known" >"$work/known.out"
grep -q "1 responses differ where docs/server.md says we do" "$work/known.out"
echo "openapi checker: catches mismatches, passes right answers and documented differences"
