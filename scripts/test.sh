#!/usr/bin/env bash
# The whole suite: type check, lint, unit tests, e2e tests against the real PostgreSQL and Redis
# (the e2e global setup creates the test database and applies the migrations), then the local
# cluster run (Redis Cluster, PostgreSQL replica, replicas behind nginx) where nginx is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci

echo "== type check"; npx tsc --noEmit -p tsconfig.json && npx tsc -p k6/tsconfig.json
echo "== lint"; npx eslint .
echo "== unit"; npx jest --selectProjects unit
echo "== e2e"; npx jest --selectProjects e2e --runInBand
if command -v nginx > /dev/null; then
  echo "== local cluster"; bash test/cluster/run.sh
else
  echo "== local cluster: SKIPPED, nginx is not installed (apt-get install -y --no-install-recommends nginx-light)"
fi
