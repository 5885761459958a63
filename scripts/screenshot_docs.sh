#!/usr/bin/env bash
# Screenshots in headless Chromium: the library's HTML views (a report, a batch of returns, a
# summary, an assessment; scripts/render_views.py) and one page of each kind of the built site.
# The guides show them (docs/guide/analysts.md); tests/test_screenshots.py runs the views part.
#   apt-get install -y chromium fonts-wqy-microhei   # Debian's packages
#   python -m sphinx -W -b html docs docs/_build/html && scripts/screenshot_docs.sh
#   scripts/screenshot_docs.sh --views               # the views only (no site build needed)
# Writes $OUT/<kind>.png (default docs/_static/screenshots; shrunk with pngquant when installed).
set -euo pipefail
cd "$(dirname "$0")/.."
SITE="$PWD/docs/_build/html"
OUT="${OUT:-$PWD/docs/_static/screenshots}"
PYTHON="${PYTHON:-python}"
BROWSER="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
test -n "$BROWSER" || { echo "no Chromium found: apt-get install -y chromium (or set CHROMIUM)" >&2; exit 2; }
VIEWS_ONLY=0
if [ "${1:-}" = "--views" ]; then VIEWS_ONLY=1; fi
mkdir -p "$OUT"

shoot() {  # shoot NAME URL WIDTH HEIGHT
  local profile
  profile="$(mktemp -d)"
  "$BROWSER" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --hide-scrollbars --user-data-dir="$profile" --window-size="$3,$4" --force-device-scale-factor=1 \
    --screenshot="$OUT/$1.png" "$2" >/dev/null 2>&1
  rm -rf "$profile"
  test -s "$OUT/$1.png" || { echo "no screenshot of $1 ($2)" >&2; exit 1; }
  if command -v pngquant >/dev/null; then pngquant --force --skip-if-larger --ext .png 64 "$OUT/$1.png" || true; fi
  echo "$OUT/$1.png"
}

# the views, rendered as standalone pages
VIEWS="$(mktemp -d)"
trap 'rm -rf "$VIEWS"' EXIT
"$PYTHON" scripts/render_views.py "$VIEWS" | while read -r name size; do
  shoot "view-$name" "file://$VIEWS/$name.html" "${size%x*}" "${size#*x}"
done
if [ "$VIEWS_ONLY" = 1 ]; then exit 0; fi

# the site's pages
test -f "$SITE/index.html" || { echo "build the site first: python -m sphinx -W -b html docs docs/_build/html" >&2; exit 2; }
declare -A PAGES=(
  [home]="index.html"
  [campaign]="catalogue/campaign-pingdingshan-2010.html"
  [form-catalogue]="catalogue/form-wuhan-2015-swn.html"
  [guide]="guide/testers.html"
  [notebook]="guide/analysts.html"
  [english]="en/catalogue/campaign-changzhou-edz-2021.html"
)
for kind in "${!PAGES[@]}"; do
  shoot "$kind" "file://$SITE/${PAGES[$kind]}" 1280 1600
done
