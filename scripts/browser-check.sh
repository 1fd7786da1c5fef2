#!/usr/bin/env bash
# Loads the main pages in headless Chromium against a fresh demo database (see scripts/browser_check.py).
# Usage: scripts/browser-check.sh [SCREENSHOT_DIR]   (installs chromium and playwright when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "Cài chromium (apt-get)…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
python3 -c "import playwright" 2>/dev/null || python3 -m pip install --quiet playwright
binary=.build/debug/hoptac
[ -x "$binary" ] || swift build --product hoptac
work=$(mktemp -d)
export HOPTAC_DATABASE_URL="$work/demo.sqlite"
"$binary" demo --scale province >/dev/null
password="kiem-tra-trinh-duyet-2026"
"$binary" user create --email browser@test.hoptac.vn --password "$password" --role province-officer --unit 42 >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
HOPTAC_PORT=$port "$binary" serve >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/login" >/dev/null && break; sleep 0.2; done
shots=${1:-}
[ -n "$shots" ] && mkdir -p "$shots"
python3 scripts/browser_check.py --base "http://127.0.0.1:$port" --email browser@test.hoptac.vn --password "$password" --binary "$binary" ${shots:+--screenshots "$shots"}
