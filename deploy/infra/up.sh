#!/usr/bin/env bash
# Start the local infrastructure (single-node Kafka in KRaft mode + a
# MongoDB-compatible server), wait until both answer, create the topics from
# deploy/kafka/topics.txt and write $INFRA_DIR/env.
#
# Idempotent: services that are already running (pid file + live process +
# answering port) are reused; only the topics are (re)ensured.
#
# Env: INFRA_DIR (default <repo>/.infra), KAFKA_PORT (9092),
#      KAFKA_CONTROLLER_PORT (9093), MONGO_PORT (27017), INFRA_WAIT_SECS (90),
#      KAFKA_HEAP_OPTS ("-Xms256m -Xmx768m"), INFRA_MONGO=ferretdb to ignore a
#      mongod found on PATH.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# One infra-up/down at a time (e.g. two terminals running make).
exec 9>"$RUN_DIR/.lock"
flock -w 900 9 || die "another infra-up/infra-down holds $RUN_DIR/.lock"

command -v java >/dev/null 2>&1 || die "java (17+) is required on PATH"

# ------------------------------------------------------------------ Kafka --

# Fetch the Kafka jars from Maven Central via deploy/kafka/pom.xml. A stamp
# holding the pom's checksum marks a complete copy, so later runs skip Maven
# entirely and a pom change triggers a fresh copy. Maven's own cache (~/.m2)
# makes a re-copy cheap.
ensure_kafka_libs() {
  local pom="$DEPLOY_DIR/kafka/pom.xml" stamp="$KAFKA_LIBS/.complete" want
  want="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn is required to fetch Kafka from Maven Central"
  log "kafka: fetching jars from Maven Central into $KAFKA_LIBS (first run: a minute or two)"
  local tmp="$KAFKA_HOME/libs.tmp"
  rm -rf "$tmp"
  mkdir -p "$KAFKA_HOME"
  # -B: batch mode (no colours/progress); copy into a temp dir so an
  # interrupted download never looks complete.
  if ! mvn -B -q -f "$pom" dependency:copy-dependencies -DoutputDirectory="$tmp" \
      -DincludeScope=runtime >"$LOG_DIR/maven.log" 2>&1; then
    show_log_tail "$LOG_DIR/maven.log" 60
    die "kafka: Maven could not fetch the jars (see $LOG_DIR/maven.log)"
  fi
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  echo "$want" >"$stamp"
  log "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars ready"
}

# Render deploy/kafka/server.properties (the template) for this INFRA_DIR/ports.
render_kafka_config() {
  sed -e "s|@KAFKA_HOST@|$INFRA_HOST|g" \
      -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
      -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@KAFKA_DATA_DIR@|$KAFKA_DATA|g" \
      "$DEPLOY_DIR/kafka/server.properties" >"$KAFKA_CONFIG.tmp"
  mv "$KAFKA_CONFIG.tmp" "$KAFKA_CONFIG"
}

# Format the KRaft storage once (a fresh data dir has no meta.properties).
# --standalone makes this node the single voter of a dynamic quorum (the
# Kafka 4.x way; see controller.quorum.bootstrap.servers in the template).
format_kafka_storage() {
  [[ -f "$KAFKA_DATA/meta.properties" ]] && return 0
  local cluster_id
  if [[ -s "$KAFKA_CLUSTER_ID_FILE" ]]; then
    cluster_id="$(cat "$KAFKA_CLUSTER_ID_FILE")"
  else
    cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid | tail -n 1)"
    [[ -n "$cluster_id" ]] || die "kafka: could not generate a cluster id"
    echo "$cluster_id" >"$KAFKA_CLUSTER_ID_FILE"
  fi
  log "kafka: formatting KRaft storage in $KAFKA_DATA (cluster id $cluster_id)"
  mkdir -p "$KAFKA_DATA"
  if ! kafka_tool kafka.tools.StorageTool format --config "$KAFKA_CONFIG" \
      --cluster-id "$cluster_id" --standalone --ignore-formatted >>"$KAFKA_TOOLS_LOG" 2>&1; then
    show_log_tail "$KAFKA_TOOLS_LOG"
    die "kafka: storage format failed"
  fi
}

start_kafka() {
  if pid_alive "$KAFKA_PID" "$KAFKA_PATTERN"; then
    log "kafka: already running (pid $(pid_of "$KAFKA_PID")), reusing it"
    return 0
  fi
  rm -f "$KAFKA_PID"
  if port_open "$KAFKA_PORT" || port_open "$KAFKA_CONTROLLER_PORT"; then
    die "kafka: port $KAFKA_PORT or $KAFKA_CONTROLLER_PORT is already taken by a process we did not start; stop it or set KAFKA_PORT/KAFKA_CONTROLLER_PORT"
  fi
  ensure_kafka_libs
  mkdir -p "$KAFKA_HOME"
  render_kafka_config
  format_kafka_storage
  local heap
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  log "kafka: starting broker+controller on $KAFKA_BOOTSTRAP (log: $KAFKA_LOG)"
  printf '\n===== %s starting kafka =====\n' "$(date -Is)" >>"$KAFKA_STDOUT"
  start_daemon "$KAFKA_PID" "$KAFKA_STDOUT" \
    java "${heap[@]}" "${KAFKA_JVM_OPTS[@]}" \
    -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/log4j2.xml" \
    -Dkafka.logs.dir="$LOG_DIR" -Dkafka.log.name=kafka \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG"
}

kafka_failed() {
  show_log_tail "$KAFKA_STDOUT" 20
  show_log_tail "$KAFKA_LOG" 40
  die "kafka: $*"
}

# Wait until the broker port accepts and a topic listing works; leaves the
# listing in KAFKA_TOPICS.
KAFKA_TOPICS=""
wait_kafka() {
  local deadline=$((SECONDS + INFRA_WAIT_SECS))
  until port_open "$KAFKA_PORT"; do
    pid_alive "$KAFKA_PID" "$KAFKA_PATTERN" || kafka_failed "process exited during start-up"
    ((SECONDS < deadline)) || kafka_failed "port $KAFKA_PORT not open after ${INFRA_WAIT_SECS}s"
    sleep 1
  done
  until KAFKA_TOPICS="$(KAFKA_TOOL_TIMEOUT=30 kafka_tool org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "$KAFKA_BOOTSTRAP" --list 2>>"$KAFKA_TOOLS_LOG")"; do
    pid_alive "$KAFKA_PID" "$KAFKA_PATTERN" || kafka_failed "process exited during start-up"
    if ((SECONDS >= deadline)); then
      show_log_tail "$KAFKA_TOOLS_LOG" 20
      kafka_failed "broker does not answer a topic listing after ${INFRA_WAIT_SECS}s"
    fi
    sleep 2
  done
  log "kafka: ready on $KAFKA_BOOTSTRAP"
}

# Create the topics of deploy/kafka/topics.txt that the listing lacks.
# --if-not-exists keeps this safe even if another client creates one meanwhile.
ensure_topics() {
  local topic created=0
  while read -r topic; do
    if grep -qxF -- "$topic" <<<"$KAFKA_TOPICS"; then
      continue
    fi
    if ! kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
        --create --if-not-exists --topic "$topic" --partitions 6 --replication-factor 1 \
        >>"$KAFKA_TOOLS_LOG" 2>&1; then
      show_log_tail "$KAFKA_TOOLS_LOG" 30
      die "kafka: could not create topic $topic"
    fi
    log "kafka: created topic $topic (6 partitions, RF 1)"
    created=$((created + 1))
  done < <(topics_wanted)
  ((created > 0)) || log "kafka: all $(topics_wanted | wc -l) topics already exist"
}

# ---------------------------------------------------------------- MongoDB --

# Real mongod if installed (and not opted out), otherwise FerretDB v1 + SQLite.
use_mongod() {
  [[ "${INFRA_MONGO:-auto}" != ferretdb ]] && command -v mongod >/dev/null 2>&1
}

# Build our FerretDB launcher (deploy/ferretdb) unless the binary is newer
# than all of its sources. ferretdb_no_postgresql: we only use the SQLite
# backend, so leave the PostgreSQL one out (smaller binary, faster build).
# FerretDB's module is copied from the Go module cache, patched with
# deploy/ferretdb/patches/*.patch (see each patch's header for why) and built
# through a generated go.mod that replaces the module with the patched copy;
# the committed go.mod/go.sum stay those of the upstream release.
ensure_ferretdb_bin() {
  local src="$DEPLOY_DIR/ferretdb"
  if [[ -x "$FERRETDB_BIN" ]] && [[ -z "$(find "$src" -type f \
      \( -name '*.go' -o -name go.mod -o -name go.sum -o -name '*.patch' \) \
      -newer "$FERRETDB_BIN")" ]]; then
    return 0
  fi
  local go build upstream patched
  go="$(find_go)" || die "go is required to build FerretDB (or put a mongod on PATH)"
  log "ferretdb: building $FERRETDB_BIN with $("$go" env GOVERSION) (first run: a few minutes)"
  mkdir -p "$BIN_DIR"
  build="$INFRA_DIR/build/ferretdb"
  patched="$build/FerretDB"
  {
    upstream="$(cd "$src" && "$go" mod download -json github.com/FerretDB/FerretDB \
      | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$upstream" ]] || { echo "FerretDB module not found in the Go module cache"; exit 1; }
    rm -rf "$patched" && mkdir -p "$build" && cp -R "$upstream" "$patched" && chmod -R u+w "$patched"
    for patch in "$src"/patches/*.patch; do
      (cd "$patched" && git apply --verbose "$patch") || { echo "patch failed: $patch"; exit 1; }
    done
    cp "$src/go.mod" "$build/go.patched.mod"
    cp "$src/go.sum" "$build/go.patched.sum"
    echo "replace github.com/FerretDB/FerretDB => $patched" >>"$build/go.patched.mod"
  } >"$LOG_DIR/ferretdb-build.log" 2>&1 || {
    show_log_tail "$LOG_DIR/ferretdb-build.log" 60
    die "ferretdb: preparing the patched source failed"
  }
  if ! (cd "$src" && CGO_ENABLED=0 "$go" build -trimpath -tags ferretdb_no_postgresql \
      -modfile "$build/go.patched.mod" -o "$FERRETDB_BIN.tmp" .) \
      >>"$LOG_DIR/ferretdb-build.log" 2>&1; then
    show_log_tail "$LOG_DIR/ferretdb-build.log" 60
    die "ferretdb: go build failed"
  fi
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
}

start_mongo() {
  if pid_alive "$MONGO_PID" "$MONGO_PATTERN"; then
    log "mongo: already running (pid $(pid_of "$MONGO_PID")), reusing it"
    return 0
  fi
  rm -f "$MONGO_PID"
  if port_open "$MONGO_PORT"; then
    die "mongo: port $MONGO_PORT is already taken by a process we did not start; stop it or set MONGO_PORT"
  fi
  printf '\n===== %s starting mongo =====\n' "$(date -Is)" >>"$MONGO_LOG"
  if use_mongod; then
    mkdir -p "$MONGOD_DATA"
    log "mongo: starting mongod on $INFRA_HOST:$MONGO_PORT (log: $MONGO_LOG)"
    # Foreground mongod under start_daemon (not --fork) so the pid file is ours.
    start_daemon "$MONGO_PID" "$MONGO_LOG" \
      mongod --dbpath "$MONGOD_DATA" --bind_ip "$INFRA_HOST" --port "$MONGO_PORT"
  else
    ensure_ferretdb_bin
    mkdir -p "$FERRETDB_DATA"
    log "mongo: starting FerretDB (SQLite) on $INFRA_HOST:$MONGO_PORT (log: $MONGO_LOG)"
    start_daemon "$MONGO_PID" "$MONGO_LOG" \
      "$FERRETDB_BIN" -listen-addr "$INFRA_HOST:$MONGO_PORT" \
      -sqlite-dir "$FERRETDB_DATA" -log-level "${FERRETDB_LOG_LEVEL:-info}"
  fi
}

mongo_failed() {
  show_log_tail "$MONGO_LOG" 40
  die "mongo: $*"
}

wait_mongo() {
  local deadline=$((SECONDS + INFRA_WAIT_SECS))
  until port_open "$MONGO_PORT" && mongo_ping; do
    pid_alive "$MONGO_PID" "$MONGO_PATTERN" || mongo_failed "process exited during start-up"
    ((SECONDS < deadline)) || mongo_failed "no answer to ping on port $MONGO_PORT after ${INFRA_WAIT_SECS}s"
    sleep 1
  done
  log "mongo: ready on $MONGODB_URI"
}

# ------------------------------------------------------------------- main --

start=$SECONDS
# Start both first (Kafka boots while FerretDB builds), then wait for both.
start_kafka
start_mongo
wait_kafka
ensure_topics
wait_mongo

cat >"$ENV_FILE" <<ENV
# Written by deploy/infra/up.sh; use with: source $ENV_FILE
export KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP
export MONGODB_URI=$MONGODB_URI
ENV

log "infrastructure up in $((SECONDS - start))s; endpoints (also in $ENV_FILE):"
echo "KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP"
echo "MONGODB_URI=$MONGODB_URI"
