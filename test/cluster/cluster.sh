#!/usr/bin/env bash
# The local cluster: on this one machine, on loopback ports,
#   - a Redis Cluster of 3 masters (the installed redis-server),
#   - a PostgreSQL streaming replica of the local server (pg_basebackup into a temp dir),
#   - 3 API replicas and 2 workers of the built app (dist/, from `npm run build`),
#   - nginx (system package) load balancing across the API replicas.
# Usage: cluster.sh start | stop | start-api N | kill-api N (SIGKILL) | stop-api N (out of nginx, SIGTERM, wait)
#        | kill-worker N (SIGKILL) | start-worker N
# Everything it starts is recorded by pid (or data dir) under $CLUSTER_DIR, and `stop` ends exactly that.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CLUSTER_DIR="${CLUSTER_DIR:-/tmp/flashmart-cluster}"
REDIS_PORTS=(${CLUSTER_REDIS_PORTS:-7101 7102 7103})
REPLICA_PORT="${CLUSTER_REPLICA_PORT:-5499}"
API_PORTS=(${CLUSTER_API_PORTS:-3101 3102 3103})
WORKER_PORTS=(${CLUSTER_WORKER_PORTS:-3111 3112})
LB_PORT="${CLUSTER_LB_PORT:-8088}"
DATABASE="${CLUSTER_DATABASE:-flashmart_cluster}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PIDS="$CLUSTER_DIR/pids"
LOGS="$CLUSTER_DIR/logs"

log() { echo "[cluster $(date +%T)] $*"; }

# The settings every app process shares; the tests read the same file.
write_env() {
  local redis_nodes
  redis_nodes="$(printf '127.0.0.1:%s,' "${REDIS_PORTS[@]}")"
  cat > "$CLUSTER_DIR/cluster.env" <<EOF
NODE_ENV=production
DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DATABASE
DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:$REPLICA_PORT/$DATABASE
DATABASE_POOL_SIZE=10
REDIS_URL=redis://127.0.0.1:${REDIS_PORTS[0]}/0
REDIS_CLUSTER_NODES=${redis_nodes%,}
REDIS_KEY_PREFIX=fmcluster:
JWT_SECRET=cluster-test-secret-that-is-long-enough-0123
ADMIN_EMAIL=admin@cluster.local
ADMIN_PASSWORD=admin-cluster-password
LOG_LEVEL=info
SHUTDOWN_DRAIN_DELAY_MS=2000
# Every request reaches the replicas from nginx on 127.0.0.1: a per-IP limit would refuse the storms.
RATE_LIMIT_PER_IP=100000000
# A killed worker's jobs come back within seconds, not the production default of half a minute.
QUEUE_LOCK_DURATION_MS=5000
QUEUE_STALLED_INTERVAL_MS=2000
CLUSTER_URL=http://127.0.0.1:$LB_PORT
CLUSTER_REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT/$DATABASE
CLUSTER_DIR=$CLUSTER_DIR
EOF
}

wait_for() { # description, seconds, command...
  local what="$1" seconds="$2"
  shift 2
  for _ in $(seq $((seconds * 10))); do
    if "$@" > /dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  log "timed out waiting for $what"
  return 1
}

start_redis() {
  for port in "${REDIS_PORTS[@]}"; do
    mkdir -p "$CLUSTER_DIR/redis-$port"
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
      --dir "$CLUSTER_DIR/redis-$port" --save "" --appendonly no --daemonize yes \
      --pidfile "$PIDS/redis-$port.pid" --logfile "$LOGS/redis-$port.log"
  done
  for port in "${REDIS_PORTS[@]}"; do wait_for "redis $port" 10 redis-cli -p "$port" ping; done
  redis-cli --cluster create $(printf '127.0.0.1:%s ' "${REDIS_PORTS[@]}") --cluster-replicas 0 --cluster-yes > "$LOGS/redis-create.log"
  wait_for "the Redis Cluster" 20 bash -c "redis-cli -p ${REDIS_PORTS[0]} cluster info | grep -q cluster_state:ok"
  log "Redis Cluster up on ${REDIS_PORTS[*]}"
}

# Debian's default pg_hba.conf may allow no replication connection; pg_basebackup needs one
# over the local socket for the postgres user.
allow_local_replication() {
  local allowed
  allowed="$(psql -h 127.0.0.1 -U postgres -Atc "SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database) AND type = 'local'")"
  if [[ "$allowed" == "0" ]]; then
    local hba
    hba="$(psql -h 127.0.0.1 -U postgres -Atc 'SHOW hba_file')"
    log "adding 'local replication postgres peer' to $hba"
    echo "local replication postgres peer" >> "$hba"
    psql -h 127.0.0.1 -U postgres -Atc 'SELECT pg_reload_conf()' > /dev/null
  fi
}

start_postgres_replica() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" -c "CREATE DATABASE $DATABASE"
  (cd "$ROOT" && set -a && . "$CLUSTER_DIR/cluster.env" && set +a &&
    node node_modules/typeorm/cli.js migration:run -d dist/src/database/data-source.js > "$LOGS/migrations.log")

  allow_local_replication
  local data="$CLUSTER_DIR/pg-replica"
  install -d -o postgres -m 700 "$data"
  su postgres -c "$PG_BIN/pg_basebackup -h /var/run/postgresql -D $data -R -X stream --checkpoint=fast" < /dev/null
  cat > "$data/postgresql.conf" <<EOF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data'
hot_standby = on
max_connections = 100
fsync = off
EOF
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > "$data/pg_hba.conf"
  chown postgres "$data/postgresql.conf" "$data/pg_hba.conf"
  su postgres -c "$PG_BIN/pg_ctl -D $data -l $data/server.log start -w" < /dev/null > /dev/null
  log "PostgreSQL replica up on $REPLICA_PORT (streaming from 5432)"
}

start_app() { # role, port
  local role="$1" port="$2"
  (
    cd "$ROOT"
    set -a
    . "$CLUSTER_DIR/cluster.env"
    set +a
    APP_ROLE="$role" HTTP_HOST=127.0.0.1 HTTP_PORT="$port" nohup node dist/src/main.js >> "$LOGS/$role-$port.log" 2>&1 < /dev/null &
    echo $! > "$PIDS/$role-$port.pid"
  )
}

wait_ready() { # port
  wait_for "the app on $1" 60 bash -c "curl -sf http://127.0.0.1:$1/health/ready"
}

start_apps() {
  for port in "${API_PORTS[@]}"; do start_app api "$port"; done
  for port in "${WORKER_PORTS[@]}"; do start_app worker "$port"; done
  for port in "${API_PORTS[@]}" "${WORKER_PORTS[@]}"; do wait_ready "$port"; done
  log "API replicas on ${API_PORTS[*]}, workers on ${WORKER_PORTS[*]}"
}

# Renders nginx.conf from the template; replicas listed in $CLUSTER_DIR/api-down are marked down.
render_nginx() {
  local servers="" port
  for port in "${API_PORTS[@]}"; do
    local down=""
    if grep -qx "$port" "$CLUSTER_DIR/api-down" 2> /dev/null; then down=" down"; fi
    servers+="    server 127.0.0.1:$port max_fails=1 fail_timeout=2s$down;"$'\n'
  done
  sed -e "s|@LB_PORT@|$LB_PORT|; s|@PID@|$PIDS/nginx.pid|; s|@LOGS@|$LOGS|g" \
    -e "/@API_SERVERS@/{
r /dev/stdin
d
}" "$ROOT/test/cluster/nginx.conf" <<< "$servers" > "$CLUSTER_DIR/nginx/nginx.conf"
}

start_nginx() {
  mkdir -p "$CLUSTER_DIR/nginx"
  render_nginx
  nginx -c "$CLUSTER_DIR/nginx/nginx.conf" -p "$CLUSTER_DIR/nginx"
  wait_for "nginx" 10 curl -sf "http://127.0.0.1:$LB_PORT/health/ready"
  log "nginx on $LB_PORT"
}

# Takes a replica out of (or back into) nginx's upstream: a graceful reload, no request dropped.
set_api_down() { # port, down|up
  touch "$CLUSTER_DIR/api-down"
  grep -vx "$1" "$CLUSTER_DIR/api-down" > "$CLUSTER_DIR/api-down.new" || true
  if [[ "$2" == "down" ]]; then echo "$1" >> "$CLUSTER_DIR/api-down.new"; fi
  mv "$CLUSTER_DIR/api-down.new" "$CLUSTER_DIR/api-down"
  render_nginx
  nginx -c "$CLUSTER_DIR/nginx/nginx.conf" -p "$CLUSTER_DIR/nginx" -s reload
}

# A rolling restart's stop with open-source nginx: out of the upstream first, then SIGTERM
# (the app's drain delay covers nginx's reload), then wait for the graceful exit.
stop_api() { # port
  set_api_down "$1" down
  stop_pids TERM "$PIDS/api-$1.pid"
}

start_api() { # port
  start_app api "$1"
  wait_ready "$1"
  set_api_down "$1" up
}

# Signals every process named by the pid files at once, then waits for each (SIGKILL after 15 s).
stop_pids() { # signal, pid files...
  local signal="$1" file pid
  shift
  local pids=()
  for file in "$@"; do
    [[ -f "$file" ]] || continue
    pid="$(cat "$file")"
    rm -f "$file"
    if kill "-$signal" "$pid" 2> /dev/null; then pids+=("$pid"); fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 150); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2> /dev/null; then log "pid $pid did not stop in 15 s: SIGKILL"; kill -KILL "$pid" 2> /dev/null || true; fi
  done
}

stop() {
  log "stopping"
  stop_pids QUIT "$PIDS/nginx.pid"
  stop_pids TERM "$PIDS"/api-*.pid "$PIDS"/worker-*.pid
  for port in "${REDIS_PORTS[@]}"; do
    if [[ -f "$PIDS/redis-$port.pid" ]]; then
      redis-cli -p "$port" shutdown nosave > /dev/null 2>&1 || stop_pids TERM "$PIDS/redis-$port.pid"
    fi
  done
  if [[ -f "$CLUSTER_DIR/pg-replica/postmaster.pid" ]]; then
    su postgres -c "$PG_BIN/pg_ctl -D $CLUSTER_DIR/pg-replica stop -m fast" < /dev/null > /dev/null || true
  fi
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" 2> /dev/null || true
  if [[ "${KEEP_CLUSTER_LOGS:-}" == "" ]]; then rm -rf "$CLUSTER_DIR"; fi
  log "stopped"
}

start() {
  [[ -f "$ROOT/dist/src/main.js" ]] || { echo "build the app first: npm run build" >&2; exit 1; }
  if [[ -d "$PIDS" ]] && ls "$PIDS"/*.pid > /dev/null 2>&1; then stop; fi
  rm -rf "$CLUSTER_DIR"
  mkdir -p "$PIDS" "$LOGS"
  write_env
  start_redis
  start_postgres_replica
  start_apps
  start_nginx
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  start-api) start_api "${API_PORTS[$2 - 1]}" ;;
  kill-api) stop_pids KILL "$PIDS/api-${API_PORTS[$2 - 1]}.pid" ;;
  stop-api) stop_api "${API_PORTS[$2 - 1]}" ;;
  kill-worker) stop_pids KILL "$PIDS/worker-${WORKER_PORTS[$2 - 1]}.pid" ;;
  start-worker) start_app worker "${WORKER_PORTS[$2 - 1]}"; wait_ready "${WORKER_PORTS[$2 - 1]}" ;;
  *) echo "usage: $0 start | stop | start-api N | kill-api N | stop-api N | kill-worker N | start-worker N" >&2; exit 2 ;;
esac
