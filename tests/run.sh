#!/usr/bin/env bash
# `npm test`: every test of the project, from a fresh clone. Installs what the tests need
# (npm packages, Debian's chromium when run as root), type-checks, runs the unit tests, builds the
# site from scratch and runs the end-to-end tests against the built site in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if [[ ! -d node_modules/@observablehq/framework ]]; then
  step "Installing npm packages"
  npm ci --no-audit --no-fund
fi

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM_PATH" ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    step "Installing Debian's chromium for the end-to-end tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The end-to-end tests need Chromium at $CHROMIUM_PATH, and it is not there." >&2
    echo "Install it (Debian/Ubuntu: sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary." >&2
    exit 1
  fi
fi
export CHROMIUM_PATH

step "Type-checking"
npx tsc --noEmit

step "Unit tests"
npx vitest run tests/unit

step "Building the site (data loaders rerun from scratch)"
# Framework reuses cached loader output even when it is stale; the tests must see what a fresh build ships.
rm -rf dist src/.observablehq/cache/data src/.observablehq/cache/*.bin src/.observablehq/cache/*.json
# `npm run build`: observable build, then the post-build step (sw.js, .br/.gz copies) the end-to-end tests need.
npm run build

step "End-to-end tests in headless Chromium"
npx vitest run tests/e2e
