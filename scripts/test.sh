#!/usr/bin/env bash
# Builds once, then runs the whole suite against SQLite and against a real PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/check-toolchain.sh
# The mail tests talk to a real SMTP server on loopback (Python's aiosmtpd); the document tests read DOCX and XLSX with python-docx and openpyxl.
python3 -c "import aiosmtpd, docx, openpyxl" 2>/dev/null || python3 -m pip install --quiet aiosmtpd python-docx openpyxl

swift build --build-tests
# What the tests leave to look at (page 1 of each generated PDF as PNG, …), kept after the run.
export HOPTAC_TEST_ARTIFACTS="$PWD/test-artifacts"
mkdir -p "$HOPTAC_TEST_ARTIFACTS"
logs=$(mktemp -d)
passed=0

run_suite() { # label, then env assignments
  local label=$1; shift
  echo "== Kiểm thử trên $label"
  if ! env "$@" swift test --skip-build 2>&1 | tee "$logs/$label.log"; then
    echo "Kiểm thử trên $label THẤT BẠI." >&2
    exit 1
  fi
  local n
  n=$(grep -Eo 'Test run with [0-9]+ tests?' "$logs/$label.log" | grep -Eo '[0-9]+' | tail -n 1)
  if [ -z "$n" ] || [ "$n" -eq 0 ]; then
    echo "Không có kiểm thử nào chạy trên $label." >&2
    exit 1
  fi
  passed=$((passed + n))
}

run_suite SQLite HOPTAC_TEST_DATABASE_URL=

if [ "${1:-}" != "--sqlite-only" ]; then
  pgdir=/tmp/hoptac-test-postgres
  trap 'scripts/postgres.sh stop "$pgdir"' EXIT
  url=$(scripts/postgres.sh start "$pgdir" 5433 | tail -n 1)
  run_suite PostgreSQL HOPTAC_TEST_DATABASE_URL="$url"
fi

echo "== Trang chính trong trình duyệt (Chromium không giao diện)"
scripts/browser-check.sh

echo "$passed passed, 0 failed"
