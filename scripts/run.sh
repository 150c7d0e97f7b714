#!/usr/bin/env bash
# Sets up and runs Portico: installs missing tools, builds for release, and serves on
# http://127.0.0.1:3000 with an embedded SQLite database under data/ and the development
# mailbox. Settings come from the environment or .env (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/ensure-tools.sh release
scripts/build-site.sh release
cargo build --locked --release -p server --bin portico
export SITE_ROOT="${SITE_ROOT:-$PORTICO_SITE_ROOT}"
exec "$CARGO_TARGET_DIR/release/portico"
