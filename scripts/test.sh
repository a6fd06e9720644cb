#!/usr/bin/env bash
# Every test, in one run: type checks and lint, then the unit, webview, real VS Code and conformance layers
# under one node:test runner (one summary at the end). Installs what the browser and VS Code
# layers need on first use (Chromium, Node 24, code-server), cached outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo; echo "== $*"; }

step "test host (Chromium, Node 24, code-server)"
bash scripts/ensure-test-host.sh >/dev/null

step "type check (host, webview, tests) and lint"
npm run --silent typecheck
npm run --silent lint

step "production build and VSIX"
npm run --silent package >/dev/null
node scripts/size.mjs

step "unit (plain Node), webview (Chromium), extension host and e2e (VS Code), conformance (the CLI under @modelcontextprotocol/conformance)"
node --import tsx --test --test-concurrency=1 \
  test/unit/*.test.ts test/webview/*.test.ts test/host/*.test.ts test/e2e/*.test.ts test/conformance/*.test.ts
