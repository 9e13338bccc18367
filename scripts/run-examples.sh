#!/usr/bin/env bash
# Validates every example query (one per line; '#' lines are comments) and explains
# the valid ones. Exit status 0: the examples marked "# invalid" fail and all others
# pass, exactly as expected.
set -euo pipefail
jql=$1
file=$2
status=0
expect_invalid=0
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    "# invalid"*) expect_invalid=1; echo; echo "$line"; continue ;;
    "#"*|"") [ -n "$line" ] && { echo; echo "$line"; }; continue ;;
  esac
  echo "> $line"
  if out=$("$jql" validate "$line"); then
    "$jql" explain "$line" | sed 's/^/    /'
    [ $expect_invalid -eq 1 ] && { echo "    !! expected an error"; status=1; }
  else
    echo "$out" | sed 's/^/    /'
    [ $expect_invalid -eq 0 ] && { echo "    !! expected to be valid"; status=1; }
  fi
done < "$file"
exit $status
