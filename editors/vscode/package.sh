#!/usr/bin/env bash
# Builds the isnad VS Code extension into a .vsix that bundles the release binary.
#   bash editors/vscode/package.sh [OUT.vsix]
# Default output: target/editor-tests/isnad-<version>-linux-x64.vsix (under the repository).
# Needs Node.js 20+ and npm; builds target/release/isnad first if it is missing
# (ISNAD_BIN=/path/to/isnad packages another binary).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$HERE"

BIN=${ISNAD_BIN:-$ROOT/target/release/isnad}
if [[ ! -x $BIN ]]; then
  (cd "$ROOT" && cargo build --release)
fi
[[ -x $BIN ]] || { echo "package.sh: no isnad binary at $BIN" >&2; exit 1; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) TARGET=linux-x64 ;;
  Linux-aarch64) TARGET=linux-arm64 ;;
  Darwin-x86_64) TARGET=darwin-x64 ;;
  Darwin-arm64) TARGET=darwin-arm64 ;;
  *) echo "package.sh: unknown platform $(uname -sm)" >&2; exit 1 ;;
esac
VERSION=$(node -p "require('./package.json').version")
OUT=${1:-$ROOT/target/editor-tests/isnad-$VERSION-$TARGET.vsix}
mkdir -p "$(dirname "$OUT")"

npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
rm -rf bin && mkdir -p bin
# Debug symbols are not needed in the editor; strip them when a strip tool is around.
if command -v strip >/dev/null; then strip -o bin/isnad "$BIN"; else cp "$BIN" bin/isnad; fi
chmod +x bin/isnad
npx --no-install @vscode/vsce package --no-dependencies --target "$TARGET" \
  --allow-missing-repository --skip-license --out "$OUT"
echo "package.sh: wrote $OUT"
