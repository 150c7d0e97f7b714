#!/usr/bin/env bash
# Prints Portico's performance figures (release build): invitation throughput, the Users
# page's search at 100,000 people and a 10,000-row CSV import, on SQLite and on PostgreSQL
# (started here when none is reachable).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
PORTICO_TEST_POSTGRES_URL=$(scripts/postgres.sh)
export PORTICO_TEST_POSTGRES_URL
cargo bench --locked -p server --bench invite_throughput --bench member_search --bench csv_import
