#!/usr/bin/env bash
# Fails early, in plain words, when the Swift toolchain is missing.
set -euo pipefail
if ! command -v swift >/dev/null 2>&1; then
  echo "Không tìm thấy Swift (cần Swift 6.1 trở lên, ví dụ /opt/swift/usr/bin)." >&2
  exit 1
fi
