#!/usr/bin/env bash
# The main job on the embedded default: sets the machine up, starts the service on a local folder tree
# (run/) with SQLite, puts the sample images into its inbox, processes them all, and exits when idle.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
mkdir -p run/inbox
cp tests/fixtures/corpus/*.png tests/fixtures/corpus/*.jpg tests/fixtures/corpus/*.bmp \
   tests/fixtures/corpus/*.tif tests/fixtures/corpus/*.webp run/inbox/ 2>/dev/null || true
dotnet run -c Release --project src/TableRecovery.Worker -- serve --root run --exit-when-idle "$@"
echo "results: $(ls run/out/*.json 2>/dev/null | wc -l) documents in run/out/"
