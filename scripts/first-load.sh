#!/usr/bin/env bash
# Prints what a browser transfers to show the sign-in, setup, join, Users and Groups pages,
# cold and on a repeat visit, and how soon each is usable on a slow connection (release build,
# Debian's Chromium through Playwright; scripts/first-load.js). Asserts nothing about speed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/ensure-tools.sh release
[ -x /usr/bin/chromium ] || scripts/apt-install.sh chromium
[ -d end2end/node_modules ] || (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
cargo build --locked --release -p server
scripts/build-site.sh release
scripts/bundle-size.sh

export PORTICO_E2E_DIR=/tmp/portico-first-load PORTICO_E2E_PROFILE=release
end2end/node_modules/.bin/maildev --ip 127.0.0.1 --smtp 3225 --web 3226 >/dev/null 2>&1 &
pids=$!
SMTP_URL=smtp://127.0.0.1:3225 scripts/e2e-server.sh owner 3221 bootstrap >/dev/null &
pids="$pids $!"
scripts/e2e-server.sh setup 3222 empty >/dev/null &
pids="$pids $!"
trap 'kill $pids 2>/dev/null || true' EXIT
for port in 3221 3222; do
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
    sleep 0.2
  done
done
setup_link=$(grep -o 'http://[^ ]*/setup[^ ]*' "$PORTICO_E2E_DIR/setup/output.log" | head -n 1 || true)
node scripts/first-load.js http://127.0.0.1:3221 "$setup_link"
