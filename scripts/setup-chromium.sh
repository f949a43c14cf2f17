#!/usr/bin/env bash
# Makes Debian's Chromium available for the HTML report's browser test (no browser download is possible here):
# installs the chromium package when /usr/bin/chromium is missing. Used by `npm test` (pretest) and .ci/run.
set -euo pipefail
BROWSER=/usr/bin/chromium

if [ -x "$BROWSER" ]; then exit 0; fi

if [ "$(id -u)" != 0 ]; then
  echo "setup-chromium: $BROWSER is missing and this is not root; install Debian's chromium (apt-get install chromium) as root, then retry." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-chromium: $BROWSER is missing and there is no apt-get; install Chromium there, then retry." >&2
  exit 1
fi
echo "setup-chromium: installing Debian's chromium" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$BROWSER" --version >&2
