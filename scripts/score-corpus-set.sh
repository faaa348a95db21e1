#!/usr/bin/env bash
# Scores question sets written for one plan of test/fixtures/corpus with the shared scorer, the plan
# loaded alone. A set's file name ends with the plan's name: <prefix>-<plan>.jsonl.
#   bash scripts/score-corpus-set.sh test/eval/blind/corpus-f1-*.jsonl
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scorer=${SCORER:-$root/../shared/eval/score.py}
for set in "$@"; do
  base=$(basename "$set" .jsonl)
  plan=${base#corpus-*-}
  work=$(mktemp -d)
  mkdir -p "$work/seeds"
  cp "$root/test/fixtures/corpus/$plan.txt" "$work/seeds/"
  printf '%s: ' "$base"
  (cd "$root" && python3 "$scorer" "$(realpath "$set")" --seed "$root/test/fixtures/corpus/$plan.txt" --cmd "SEEDS_DIR=$work/seeds INDEX_DIR=$work/index npm run --silent ask -- --json --batch" --min-answer 0 --min-cite 0 --min-quotes 0 --min-scope 0 | tail -n 1)
  rm -rf "$work"
done
