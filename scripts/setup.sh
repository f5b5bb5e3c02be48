#!/usr/bin/env bash
# Installs everything TableRecovery needs on a fresh Debian 12 machine, idempotently:
# the native engines, their language data (copied into the repo's tessdata/), fonts and Chromium for the
# corpus generator, ImageMagick for degrading it, poppler for PDFs (qpdf makes the encrypted one of the tests) and
# PostgreSQL for the multi-machine tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(libtesseract5 tesseract-ocr libleptonica-dev libtesseract-dev tesseract-ocr-eng tesseract-ocr-chi-sim
  chromium fonts-noto-cjk fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-ukai fonts-arphic-uming
  fonts-liberation2 fonts-urw-base35 fonts-crosextra-carlito
  imagemagick poppler-utils qpdf postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The engine reads its models only from the repo's tessdata/, so a deployment is self-contained.
for lang in eng chi_sim; do
  src=$(ls /usr/share/tesseract-ocr/*/tessdata/$lang.traineddata 2>/dev/null | head -n1)
  [ -n "$src" ] || { echo "setup: $lang.traineddata not found after install" >&2; exit 1; }
  cmp -s "$src" "$root/tessdata/$lang.traineddata" 2>/dev/null || cp "$src" "$root/tessdata/$lang.traineddata"
done
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
echo "setup: ok"
