#!/usr/bin/env bash
# Sets up and runs every test: unit and property tests, integration tests on SQLite and on
# PostgreSQL (started here when none is reachable), and the Playwright suite on Debian's
# Chromium, hydrated and with JavaScript off. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
started=$SECONDS

step() { printf '\n==> %s (%ss)\n' "$1" "$((SECONDS - started))"; }

step "tools"
scripts/ensure-tools.sh dev
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  step "installing Chromium (Debian)"
  scripts/apt-install.sh chromium
fi
(cd end2end && npm ci --no-audit --no-fund --loglevel=error)

step "PostgreSQL"
PORTICO_TEST_POSTGRES_URL=$(scripts/postgres.sh)
export PORTICO_TEST_POSTGRES_URL
# Each PostgreSQL test makes a database of its own and leaves it for a failure to be looked
# at; the next run drops them, so repeated runs do not fill the disk.
psql "$PORTICO_TEST_POSTGRES_URL" -qAtc \
  "select format('drop database %I;', datname) from pg_database where datname like 'portico\_test\_%'" |
  psql "$PORTICO_TEST_POSTGRES_URL" -q

step "format and lints"
cargo fmt --all -- --check
cargo clippy --locked -p app -p server --all-targets -- -D warnings
cargo clippy --locked -p frontend --target wasm32-unknown-unknown -- -D warnings

step "unit, property and integration tests (SQLite and PostgreSQL)"
cargo test --locked -p app -p server

step "building the browser bundle for the end-to-end tests"
# The server binary they start was built by `cargo test` above (it builds binaries for
# integration tests), so it is not built a second time with other features.
scripts/build-site.sh dev

step "end-to-end tests (Chromium: hydrated and JavaScript off)"
(cd end2end && npx playwright test)

step "all tests passed"
