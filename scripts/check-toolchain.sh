#!/usr/bin/env bash
# Fails early, in plain words, when the Swift toolchain is missing, and installs the system packages the product uses.
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
# PDF documents come from LibreOffice headless (DOCX still works without it); the tests read PDFs with poppler.
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  echo "Cài LibreOffice Writer và poppler-utils (apt-get) để xuất văn bản PDF…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui poppler-utils fonts-liberation >/dev/null
fi
