#!/usr/bin/env sh
# One-shot: joins the three Redis nodes into a cluster of 3 masters (16384 slots split evenly),
# unless they already form one. redis-cli --cluster create wants addresses, so names are resolved.
set -eu
if redis-cli -h redis-1 cluster info | grep -q 'cluster_state:ok'; then exit 0; fi
nodes=""
for host in redis-1 redis-2 redis-3; do
  nodes="$nodes $(getent hosts "$host" | awk '{print $1}'):6379"
done
# shellcheck disable=SC2086 # one argument per node
redis-cli --cluster create $nodes --cluster-replicas 0 --cluster-yes
