#!/usr/bin/env bash
# Run isnad over a gold set and score it.
#
#   eval/run.sh [--split train|train-extra|train-extra2|train-extra3|train-extra4|train-extra5|train-extra6|train-extra7|dev|test|seeds|ant|all] [--bin ISNAD_BINARY] [--tarball ANT_TARBALL]
#
# Sets: the annotated corpus's splits (train, dev, test: 100/25/25 ANT articles, eval/splits.tsv), the
# five seeds and the 25 older ANT articles (ant). `all` (the default) is every set but test: the test
# split is scored only to report an issue's final figures (`--split test`), never to look at errors.
# The binary defaults to target/release/isnad, the tarball to ../shared/corpus/ant-v2.1-txt.tar.gz
# (without it only the seeds can be scored). Extra arguments for score.py (e.g. --errors, never with
# test) go in SCORE_ARGS. Each set is annotated in a directory of its own (cross-article linking is
# within a set); JSON scores are written to target/eval/score-<set>.json.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SPLIT=all
BIN=target/release/isnad
TARBALL=../shared/corpus/ant-v2.1-txt.tar.gz
while [ $# -gt 0 ]; do
  case "$1" in
    --split) SPLIT="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --tarball) TARBALL="$2"; shift 2 ;;
    *) echo "usage: eval/run.sh [--split train|train-extra|train-extra2|train-extra3|train-extra4|train-extra5|train-extra6|train-extra7|dev|test|seeds|ant|all] [--bin PATH] [--tarball PATH]" >&2; exit 2 ;;
  esac
done
SCORE_ARGS="${SCORE_ARGS:-}"
E=target/eval
if [ ! -x "$BIN" ]; then
  echo "isnad binary not found at $BIN (build with: cargo build --release)" >&2
  exit 2
fi
case "$SPLIT" in
  all) SETS="seeds ant train dev" ;;
  train|train-extra|train-extra2|train-extra3|train-extra4|train-extra5|train-extra6|train-extra7|dev|test|seeds|ant) SETS="$SPLIT" ;;
  *) echo "unknown split $SPLIT" >&2; exit 2 ;;
esac
if [ "$SPLIT" = test ] && [ -n "$SCORE_ARGS" ]; then
  echo "the test split reports figures only: no SCORE_ARGS (no error lists)" >&2
  exit 2
fi

HAVE_ANT=0
[ -f "$TARBALL" ] && HAVE_ANT=1
mkdir -p "$E"
texts() {  # set -> directory of its texts (extracted or copied here)
  case "$1" in
    seeds)
      rm -rf "$E/seeds"; mkdir -p "$E/seeds"; cp examples/corpus/*.txt "$E/seeds/"; echo "$E/seeds" ;;
    ant)
      python3 eval/select_ant.py "$TARBALL" "$E/ant" >/dev/null; echo "$E/ant" ;;
    train-extra|train-extra2|train-extra3|train-extra4|train-extra5|train-extra6|train-extra7)
      python3 eval/sample_splits.py "$TARBALL" --extract-extra "$E/splits" >/dev/null; echo "$E/splits/$1" ;;
    *)
      python3 eval/sample_splits.py "$TARBALL" --extract "$E/splits" >/dev/null; echo "$E/splits/$1" ;;
  esac
}
for set in $SETS; do
  if [ "$set" != seeds ] && [ "$HAVE_ANT" = 0 ]; then
    echo "== $set: skipped (no ANT tarball at $TARBALL) ==" >&2
    continue
  fi
  dir="$(texts "$set")"
  out="$E/out-$set"
  rm -rf "$out"
  "$BIN" annotate "$dir" --out "$out"
  echo "== $set =="
  [ "$set" = test ] && echo "(test split: for an issue's final figures only)"
  # shellcheck disable=SC2086
  python3 eval/score.py "eval/gold/$set" "$out" "$dir" --json "$E/score-$set.json" $SCORE_ARGS | sed "s/^/[$set] /"
done
