#!/usr/bin/env bash
# Train a tagger variant on the development arrangement and score it on the dev sets:
#
#   eval/tagger_dev.sh NAME [isnad-train-tagger options…]
#
# Training: the first five sixths of ANERcorp's train part (eval/anercorp.py split) and the
# evaluation corpus's train split; scored on our dev split (eval/score.py) and on the held-out
# sixth of ANERcorp (eval/anercorp.py score; as pseudo-articles of 15 sentences). The model goes to target/tagger/NAME.bin; the final
# model (data/train_tagger.sh) is trained the same way on all of ANERcorp's train part.
# `eval/tagger_dev.sh rules` scores the rules alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NAME="$1"; shift
E=target/eval
mkdir -p target/tagger
[ -d "$E/anercorp/dev-docs" ] || python3 eval/anercorp.py split >/dev/null
python3 eval/sample_splits.py --extract "$E/splits" >/dev/null
if [ "$NAME" = rules ]; then
  export ISNAD_TAGGER=off
else
  target/release/isnad-train-tagger --out "target/tagger/$NAME.bin" --anercorp "$E/anercorp/train.conll" \
    --gold eval/gold/train --texts "$E/splits/train" "$@" 2>&1 | tail -1
  export ISNAD_TAGGER_MODEL="target/tagger/$NAME.bin"
  # The clusters the model was trained with, if any (`--clusters FILE` among the options).
  prev=""
  for a in "$@"; do [ "$prev" = --clusters ] && export ISNAD_TAGGER_CLUSTERS="$a"; prev="$a"; done
fi
rm -rf "$E/out-dev-$NAME"
target/release/isnad annotate "$E/splits/dev" --out "$E/out-dev-$NAME"
python3 eval/score.py eval/gold/dev "$E/out-dev-$NAME" "$E/splits/dev" | grep -E "^  (PER|LOC|ORG)|docs=" | sed "s/^/[$NAME dev] /"
target/release/isnad annotate "$E/anercorp/dev-docs" --format conll > "$E/anercorp/sys-$NAME.conll"
python3 eval/anercorp.py score "$E/anercorp/dev.conll" "$E/anercorp/sys-$NAME.conll" | sed "s/^/[$NAME anercorp-dev] /"
