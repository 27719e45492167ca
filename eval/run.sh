#!/usr/bin/env bash
# Run isnad over the evaluation set and score it against the hand-made gold.
#
#   eval/run.sh [ANT_TARBALL] [ISNAD_BINARY]
#
# ANT_TARBALL defaults to ../shared/corpus/ant-v2.1-txt.tar.gz (ANT is skipped with a message when absent),
# ISNAD_BINARY to target/release/isnad. Paths are relative to the repository root.
# Expects `isnad annotate DIR --out OUTDIR` to write OUTDIR/<relative path without .txt>.ann.
# Extra arguments for score.py (e.g. --errors) can be passed in SCORE_ARGS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARBALL="${1:-../shared/corpus/ant-v2.1-txt.tar.gz}"
BIN="${2:-target/release/isnad}"
SCORE_ARGS="${SCORE_ARGS:-}"
E=target/eval

if [ ! -x "$BIN" ]; then
  echo "isnad binary not found at $BIN (build with: cargo build --release)" >&2
  exit 2
fi

rm -rf "$E/seeds" "$E/ant" "$E/all" "$E/all-text" "$E/gold-all" "$E"/out-*
mkdir -p "$E/seeds" "$E/all" "$E/all-text" "$E/gold-all"

# seeds: the committed copies (same bytes as ../shared/corpus/seeds)
if ls examples/corpus/*.txt >/dev/null 2>&1; then
  cp examples/corpus/*.txt "$E/seeds/"
else
  echo "examples/corpus/ has no .txt: using ../shared/corpus/seeds" >&2
  cp ../shared/corpus/seeds/*.txt "$E/seeds/"
fi
for ann in eval/gold/seeds/*.ann; do
  name="$(basename "$ann" .ann)"
  [ -f "$E/seeds/$name.txt" ] || { echo "missing seed text for $name" >&2; exit 1; }
done

HAVE_ANT=0
if [ -f "$TARBALL" ]; then
  python3 eval/select_ant.py "$TARBALL" "$E/ant"
  HAVE_ANT=1
else
  echo "ANT tarball not found at $TARBALL: skipping the ANT part" >&2
fi

# combined set: both directories under one root, for cross-article linking
cp -r "$E/seeds" "$E/all/seeds"
cp "$E"/seeds/*.txt "$E/all-text/"
cp eval/gold/seeds/*.ann "$E/gold-all/"
if [ "$HAVE_ANT" = 1 ]; then
  cp -r "$E/ant" "$E/all/ant"
  cp "$E"/ant/*.txt "$E/all-text/"
  cp eval/gold/ant/*.ann "$E/gold-all/"
fi

"$BIN" annotate "$E/seeds" --out "$E/out-seeds"
[ "$HAVE_ANT" = 1 ] && "$BIN" annotate "$E/ant" --out "$E/out-ant"
"$BIN" annotate "$E/all" --out "$E/out-all"

for out in "$E/out-seeds" "$E/out-all"; do
  [ -d "$out" ] || echo "warning: $BIN annotate wrote nothing to $out (is 'annotate' implemented?)" >&2
done
summary() {  # label gold sys text json
  # shellcheck disable=SC2086
  python3 eval/score.py "$2" "$3" "$4" --json "$5" $SCORE_ARGS | sed "s/^/[$1] /"
}
echo "== seeds (entity F1) =="
summary seeds eval/gold/seeds "$E/out-seeds" "$E/seeds" "$E/score-seeds.json"
if [ "$HAVE_ANT" = 1 ]; then
  echo "== ANT sample (entity F1) =="
  summary ant eval/gold/ant "$E/out-ant" "$E/ant" "$E/score-ant.json"
fi
echo "== combined run (cross-article linking F1, claims F1) =="
summary all "$E/gold-all" "$E/out-all" "$E/all-text" "$E/score-all.json"
python3 - "$E" "$HAVE_ANT" <<'PY'
import json, sys
e, have_ant = sys.argv[1], sys.argv[2] == "1"
s = json.load(open(e + "/score-seeds.json"))
a = json.load(open(e + "/score-ant.json")) if have_ant else None
c = json.load(open(e + "/score-all.json"))
print("SUMMARY seeds entity F1=%.3f | ANT entity F1=%s | combined linking F1=%.3f claims F1=%.3f"
      % (s["entities"]["f1"], "%.3f" % a["entities"]["f1"] if a else "n/a",
         c["linking"]["f1"], c["claims"]["f1"]))
PY
