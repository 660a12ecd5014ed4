#!/usr/bin/env bash
# Make sure Debian's chromium is at /usr/bin/chromium for the page tests (tests/test_page.py drive it
# with Playwright's `executable_path`; we never run `playwright install`, which downloads browsers).
#
# Usage:   bash .ci/chromium.sh        # idempotent: does nothing when /usr/bin/chromium exists
# Needs root (or sudo) for apt-get. Everything it prints goes to stderr.
set -euo pipefail

log() { echo "[chromium.sh] $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ -x /usr/bin/chromium ]; then
  log "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo '/usr/bin/chromium')"
  exit 0
fi

log "installing chromium from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq >&2
as_root apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
log "installed: $(/usr/bin/chromium --version 2>/dev/null || echo '/usr/bin/chromium')"
