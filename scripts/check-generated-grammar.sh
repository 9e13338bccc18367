#!/usr/bin/env bash
# Regenerates the parser from grammar/Jql.g4 and fails when the committed copy in
# grammar/generated/ differs (someone changed the grammar without regenerating).
set -euo pipefail
cd "$(dirname "$0")/../grammar"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
antlr4 -Dlanguage=Cpp -no-visitor -no-listener -Werror -Xexact-output-dir \
  -package jql::internal::grammar -o "$out" Jql.g4
if ! diff -r "$out" generated; then
  echo "grammar/generated is stale: regenerate it (see scripts/check-generated-grammar.sh)" >&2
  exit 1
fi
echo "grammar/generated matches grammar/Jql.g4"
