#!/usr/bin/env bash
# The whole suite: type check, lint, unit tests, then e2e tests against the real PostgreSQL and
# Redis (the e2e global setup creates the test database and applies the migrations).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci

echo "== type check"; npx tsc --noEmit -p tsconfig.json && npx tsc -p k6/tsconfig.json
echo "== lint"; npx eslint .
echo "== unit"; npx jest --selectProjects unit
echo "== e2e"; npx jest --selectProjects e2e --runInBand
