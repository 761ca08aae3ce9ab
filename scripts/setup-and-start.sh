#!/usr/bin/env bash
# One command from a fresh clone to a running service on the local PostgreSQL and Redis:
# install, configure, create the database, migrate, load demo data, build, start.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f .env ] || { cp .env.example .env; echo "created .env from .env.example"; }
[ -d node_modules ] || npm ci

echo "== building"
npm run build --silent

echo "== database"
node dist/scripts/prepare-database.js

echo "== demo data"
node dist/scripts/seed-demo.js

echo "== starting on http://localhost:${HTTP_PORT:-3000} (API docs at /docs)"
exec node dist/src/main.js
