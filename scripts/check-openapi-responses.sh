#!/usr/bin/env bash
# Checks the responses the test suites recorded (see src/server/response_recorder.h)
# against Atlassian's OpenAPI document for Jira Cloud. This is the one check that
# reads the document, which is not part of this repository: it is taken from
# $OPENAPI_REFERENCE, else from ../shared/reference/ beside the repository, else from
# /work/shared/reference/.  Usage: check-openapi-responses.sh RECORDED_DIR
set -euo pipefail
recorded=$1
root=$(cd "$(dirname "$0")/.." && pwd)
name=jira-cloud-openapi-v3.json
reference=${OPENAPI_REFERENCE:-}
if [ -z "$reference" ]; then
  for candidate in "$root/../shared/reference/$name" "/work/shared/reference/$name"; do
    if [ -f "$candidate" ]; then reference=$candidate; break; fi
  done
fi
if [ -z "$reference" ] || [ ! -f "$reference" ]; then
  echo "check-openapi-responses: Atlassian's OpenAPI document ($name) was not found;" \
    "set OPENAPI_REFERENCE to its path" >&2
  exit 1
fi
# Debian's python3-jsonschema, which scripts/install-deps.sh installs.
exec /usr/bin/python3 "$root/scripts/check-openapi-responses.py" "$reference" "$recorded"
