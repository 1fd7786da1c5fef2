#!/usr/bin/env bash
# Fails early, in plain words, when the Swift toolchain is missing.
set -euo pipefail
if ! command -v swift >/dev/null 2>&1; then
  echo "Không tìm thấy Swift (cần Swift 6.1 trở lên, ví dụ /opt/swift/usr/bin)." >&2
  exit 1
fi
# XLSX support links zlib; Debian images normally have it, a bare one gets it here.
if [ ! -f /usr/include/zlib.h ]; then
  echo "Cài zlib1g-dev (apt-get)…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zlib1g-dev
fi
