#!/usr/bin/env bash
# Prints Portico's performance figures (release build): invitation throughput and how soon
# their mail is sent, accepts and the memory they take, the Users page's search at 10,000 and
# 100,000 people, and a 10,000-row CSV import, on SQLite and on PostgreSQL (started here when
# none is reachable).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
PORTICO_TEST_POSTGRES_URL=$(scripts/postgres.sh)
export PORTICO_TEST_POSTGRES_URL
# The invitation benchmark sends its mail to maildev, from end2end's npm packages.
[ -x end2end/node_modules/.bin/maildev ] || (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
cargo bench --locked -p server --bench invite_throughput --bench accept_throughput \
  --bench member_search --bench csv_import
