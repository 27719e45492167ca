#!/usr/bin/env bash
# Train the tagger isnad ships: data/tagger.bin (see data/TAGGER.md).
#
#   data/train_tagger.sh             the model, from the clusters in data/clusters.tsv
#   data/train_tagger.sh --clusters  first the word clusters again (data/train_clusters.py, in a
#                                    virtual environment under target/venv with gensim and
#                                    scikit-learn; a long run), then the model
#
# Training data: all of ANERcorp's train part (../shared/corpus/anercorp-train/train.conll, or
# $ANERCORP) and the evaluation corpus's train, train-extra and train-extra3 to train-extra7 articles
# with their gold (eval/gold/train, eval/gold/train-extra{,3,4,5,6,7}; the texts are extracted from the
# ANT tarball, ../shared/corpus/ant-v2.1-txt.tar.gz or $ANT_TARBALL). Never dev or test. The mean of
# four averaged perceptrons (30 epochs, seeds 20261202…20261205) without the features whose weights
# are all under 0.5 in magnitude: the same inputs give the same bytes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ANERCORP="${ANERCORP:-../shared/corpus/anercorp-train/train.conll}"
ANT_TARBALL="${ANT_TARBALL:-../shared/corpus/ant-v2.1-txt.tar.gz}"
TEXTS=target/eval/splits

if [ "${1:-}" = --clusters ]; then
  [ -x target/venv/bin/python ] || python3 -m venv target/venv
  target/venv/bin/pip install --quiet gensim scikit-learn
  cargo build --release --bin isnad-train-tagger
  PYTHONHASHSEED=0 target/venv/bin/python data/train_clusters.py "$ANT_TARBALL"
fi

cargo build --release --bin isnad-train-tagger
python3 eval/sample_splits.py "$ANT_TARBALL" --extract "$TEXTS" >/dev/null
python3 eval/sample_splits.py "$ANT_TARBALL" --extract-extra "$TEXTS" >/dev/null
target/release/isnad-train-tagger --out data/tagger.bin --anercorp "$ANERCORP" \
  --gold eval/gold/train --texts "$TEXTS/train" \
  --gold eval/gold/train-extra --texts "$TEXTS/train-extra" \
  --gold eval/gold/train-extra3 --texts "$TEXTS/train-extra3" \
  --gold eval/gold/train-extra4 --texts "$TEXTS/train-extra4" \
  --gold eval/gold/train-extra5 --texts "$TEXTS/train-extra5" \
  --gold eval/gold/train-extra6 --texts "$TEXTS/train-extra6" \
  --gold eval/gold/train-extra7 --texts "$TEXTS/train-extra7" \
  --clusters data/clusters.tsv --epochs 30 --seed 20261202 --bag 4 --prune 0.5
sha256sum data/tagger.bin
