#!/usr/bin/env bash
# Screenshots of the built site in headless Chromium, one per kind of page, for review (not run by CI).
#   apt-get install -y chromium   # Debian's package
#   python -m sphinx -W -b html docs docs/_build/html && scripts/screenshot_docs.sh
# Writes docs/_static/screenshots/<kind>.png (shrunk with pngquant/optipng when installed).
set -euo pipefail
cd "$(dirname "$0")/.."
SITE="$PWD/docs/_build/html"
OUT="$PWD/docs/_static/screenshots"
BROWSER="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
test -f "$SITE/index.html" || { echo "build the site first: python -m sphinx -W -b html docs docs/_build/html" >&2; exit 2; }
mkdir -p "$OUT"
declare -A PAGES=(
  [home]="index.html"
  [campaign]="catalogue/campaign-pingdingshan-2010.html"
  [form-catalogue]="catalogue/form-wuhan-2015-swn.html"
  [guide]="guide/testers.html"
  [notebook]="guide/analysts.html"
  [english]="en/catalogue/campaign-changzhou-edz-2021.html"
)
for kind in "${!PAGES[@]}"; do
  profile="$(mktemp -d)"
  "$BROWSER" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --hide-scrollbars --user-data-dir="$profile" --window-size=1280,1600 \
    --screenshot="$OUT/$kind.png" "file://$SITE/${PAGES[$kind]}" >/dev/null 2>&1
  rm -rf "$profile"
  if command -v pngquant >/dev/null; then pngquant --force --skip-if-larger --ext .png 64 "$OUT/$kind.png" || true; fi
  echo "$OUT/$kind.png"
done
