# Sourced by the CLI test scripts: `check NAME EXPECTED ACTUAL` counts a pass or prints
# the difference; `finish` prints the counts and fails the script when any failed.
failures=0
passes=0
check() {
  if [ "$2" == "$3" ]; then
    passes=$((passes + 1))
  else
    failures=$((failures + 1))
    printf 'FAIL %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3"
  fi
}
finish() {
  echo "$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
