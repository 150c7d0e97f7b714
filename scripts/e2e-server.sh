#!/usr/bin/env bash
# Starts a Portico for the end-to-end tests on a fresh SQLite database.
# Usage: e2e-server.sh NAME PORT bootstrap|empty [short-ttl]   (output kept in $PORTICO_E2E_DIR/NAME)
# short-ttl: invitations expire after 3 seconds, for the expired-link specs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

name=$1 port=$2 kind=$3 ttl=${4:-}
dir="${PORTICO_E2E_DIR:-/tmp/portico-e2e}/$name"
rm -rf "$dir" && mkdir -p "$dir"

export DATABASE_URL="sqlite://$dir/portico.db?mode=rwc"
export LISTEN_ADDR="127.0.0.1:$port" APP_BASE_URL="http://127.0.0.1:$port"
export SITE_ROOT="$PORTICO_SITE_ROOT" SECRET_KEY_FILE="$dir/secret.key"
# The specs sign in and open invitation links many times from one address; throttling has its
# own integration tests.
export LOGIN_ATTEMPTS_PER_ACCOUNT=10000 LOGIN_ATTEMPTS_PER_CLIENT=100000
export INVITATION_ATTEMPTS_PER_CLIENT=100000 PASSWORD_RESET_ATTEMPTS_PER_CLIENT=100000
case "$ttl" in
  "") ;;
  short-ttl) export INVITATION_TTL_SECONDS=3 ;;
  *) echo "e2e-server.sh: unknown option $ttl" >&2; exit 2 ;;
esac
if [ "$kind" = bootstrap ]; then
  # maildev, started by playwright.config.ts (scripts/first-load.sh starts its own).
  export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:3025}"
  export PORTICO_BOOTSTRAP_EMAIL="owner@example.com"
  export PORTICO_BOOTSTRAP_PASSWORD="a long and quiet harbour at dawn"
fi
exec "$CARGO_TARGET_DIR/${PORTICO_E2E_PROFILE:-debug}/portico" > >(tee "$dir/output.log") 2>&1
