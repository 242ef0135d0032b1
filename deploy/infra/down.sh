#!/usr/bin/env bash
# Stop what deploy/infra/up.sh started, by the pids in $INFRA_DIR/run
# (SIGTERM, up to INFRA_STOP_SECS=20 s, then SIGKILL). Data is kept.
#
#   down.sh          stop Kafka and the MongoDB-compatible server
#   down.sh --clean  stop, then delete data, logs, generated config and env
#                    (keeps the downloaded Kafka jars and built binaries)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

clean=false
case "${1:-}" in
  "") ;;
  --clean) clean=true ;;
  *) die "usage: $0 [--clean]" ;;
esac

exec 9>"$RUN_DIR/.lock"
flock -w 900 9 || die "another infra-up/infra-down holds $RUN_DIR/.lock"

stop_daemon kafka "$KAFKA_PID" "$KAFKA_PATTERN"
stop_daemon mongo "$MONGO_PID" "$MONGO_PATTERN"

if $clean; then
  # INFRA_DIR is absolute (common.sh); refuse anything that looks wrong
  # before deleting.
  [[ "$INFRA_DIR" == /?* ]] \
    || die "refusing to clean suspicious INFRA_DIR=$INFRA_DIR"
  log "removing data, logs and generated files under $INFRA_DIR (keeping kafka/libs and bin/)"
  rm -rf "$KAFKA_DATA" "$KAFKA_CONFIG" "$KAFKA_CLUSTER_ID_FILE" "$KAFKA_HOME/libs.tmp" \
         "$MONGOD_DATA" "$FERRETDB_DATA" "$ENV_FILE" "$LOG_DIR"
  rmdir "$INFRA_DIR/mongod" "$INFRA_DIR/ferretdb" 2>/dev/null || true
fi
