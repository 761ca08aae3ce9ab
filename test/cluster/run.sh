#!/usr/bin/env bash
# npm run test:cluster: build the app, start the local cluster (cluster.sh), run every
# test/cluster/*.cluster-spec.ts through nginx, and stop everything the cluster started, pass or fail.
# New invariants (flash-sale storm, red packets, L1 invalidation) are new *.cluster-spec.ts files.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in nginx redis-server redis-cli pg_basebackup; do
  command -v "$tool" > /dev/null || { echo "missing $tool (apt-get install -y --no-install-recommends nginx-light)" >&2; exit 1; }
done

started=$(date +%s)
on_exit() {
  local status=$?
  if [[ $status -ne 0 ]]; then
    echo "== cluster failed; last log lines"
    tail -n 20 "${CLUSTER_DIR:-/tmp/flashmart-cluster}"/logs/*.log 2> /dev/null || true
  fi
  bash test/cluster/cluster.sh stop
  echo "== cluster run took $(($(date +%s) - started)) s"
  exit $status
}
trap on_exit EXIT

echo "== build"; npm run build --silent > /dev/null
echo "== start"; bash test/cluster/cluster.sh start
echo "== cluster tests"; npx jest --selectProjects cluster --runInBand "$@"
