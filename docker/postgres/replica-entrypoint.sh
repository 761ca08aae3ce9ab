#!/usr/bin/env bash
# A hot-standby replica: on first start, copy the primary with pg_basebackup (-R writes the
# standby settings), then run postgres. Later starts reuse the data directory and stream on.
set -euo pipefail
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  until pg_isready -h postgres-primary -U postgres; do sleep 1; done
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h postgres-primary -U replicator \
    -D "$PGDATA" -R -X stream --checkpoint=fast
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
