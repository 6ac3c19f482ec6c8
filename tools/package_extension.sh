#!/usr/bin/env bash
# Builds the zips a reader installs, from extension/ as it is (no build step):
#   dist/caveat-chromium-<version>.zip  (chrome://extensions "Load unpacked" after unzipping, or a store upload)
#   dist/caveat-firefox-<version>.zip   (web-ext build: the same folder, linted for Firefox)
# Needs `npm ci` first (web-ext is a dev dependency in package.json).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(python3 -c 'import json; print(json.load(open("extension/manifest.json"))["version"])')
mkdir -p dist
chromium_zip="dist/caveat-chromium-${version}.zip"
rm -f "$chromium_zip"
(cd extension && python3 -m zipfile -c "../${chromium_zip}" $(ls -A))
npx --no-install web-ext build --source-dir extension --artifacts-dir dist \
  --filename "caveat-firefox-{version}.zip" --overwrite-dest >/dev/null
echo "built ${chromium_zip} and dist/caveat-firefox-${version}.zip"
