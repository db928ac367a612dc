#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is missing (the test project runs this before its tests;
# .ci/run relies on that too). Playwright's own browser download is never used.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "The browser tests need Debian's chromium at /usr/bin/chromium: run 'apt-get install -y chromium' as root." >&2
  exit 1
fi

echo "Installing Debian's chromium for the browser tests (once)..."
export DEBIAN_FRONTEND=noninteractive
# Another apt process may hold the lists lock for a while: wait for it rather than fail.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  "${as_root[@]}" apt-get update -qq -o DPkg::Lock::Timeout=600 && break
  sleep 15
done
"${as_root[@]}" apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium >/dev/null
