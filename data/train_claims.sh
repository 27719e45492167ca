#!/usr/bin/env bash
# Train the claim check-worthiness model isnad ships: data/claims.tsv (see data/CLAIMS.md).
#
#   data/train_claims.sh
#
# Training data: the evaluation corpus's train and train-extra articles with their gold claims
# (eval/gold/train, eval/gold/train-extra); the threshold is chosen on dev (eval/gold/dev). Never
# test. The texts are extracted from the ANT tarball (../shared/corpus/ant-v2.1-txt.tar.gz or
# $ANT_TARBALL). Logistic regression, L2 penalty 5, features seen in at least 2 sentences,
# 2000 full-batch iterations: the same inputs give the same bytes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ANT_TARBALL="${ANT_TARBALL:-../shared/corpus/ant-v2.1-txt.tar.gz}"
TEXTS=target/eval/splits

cargo build --release --bin isnad-train-claims
python3 eval/sample_splits.py "$ANT_TARBALL" --extract "$TEXTS" >/dev/null
python3 eval/sample_splits.py "$ANT_TARBALL" --extract-extra "$TEXTS" >/dev/null
target/release/isnad-train-claims --out data/claims.tsv \
  --train "$TEXTS/train" eval/gold/train \
  --train "$TEXTS/train-extra" eval/gold/train-extra \
  --dev "$TEXTS/dev" eval/gold/dev \
  --c2 5 --min-count 2 --iterations 2000 --min-precision 0.70
