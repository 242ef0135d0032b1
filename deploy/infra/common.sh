# shellcheck shell=bash
# Shared settings and helpers for deploy/infra/{up,down,status}.sh.
# Sourced, not executed. Everything the local infrastructure writes (jars,
# binaries, data, logs, pid files) lives under $INFRA_DIR.

set -euo pipefail

# ---------------------------------------------------------------- settings --

INFRA_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_SCRIPTS_DIR/../.." && pwd)"
DEPLOY_DIR="$REPO_ROOT/deploy"

INFRA_DIR="${INFRA_DIR:-$REPO_ROOT/.infra}"
mkdir -p "$INFRA_DIR"
INFRA_DIR="$(cd "$INFRA_DIR" && pwd)"   # absolute: it ends up in configs and pid checks

INFRA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
MONGO_PORT="${MONGO_PORT:-27017}"
# How long infra-up waits for each service to answer.
INFRA_WAIT_SECS="${INFRA_WAIT_SECS:-90}"
# How long infra-down waits after SIGTERM before SIGKILL.
INFRA_STOP_SECS="${INFRA_STOP_SECS:-20}"

RUN_DIR="$INFRA_DIR/run"          # pid files
LOG_DIR="$INFRA_DIR/logs"
BIN_DIR="$INFRA_DIR/bin"          # built binaries (kept by infra-clean)
ENV_FILE="$INFRA_DIR/env"

KAFKA_HOME="$INFRA_DIR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"     # jars from Maven Central (kept by infra-clean)
KAFKA_DATA="$KAFKA_HOME/data"     # KRaft metadata + topic logs
KAFKA_CONFIG="$KAFKA_HOME/server.properties"
KAFKA_CLUSTER_ID_FILE="$KAFKA_HOME/cluster.id"
KAFKA_PID="$RUN_DIR/kafka.pid"
KAFKA_LOG="$LOG_DIR/kafka.log"            # written by log4j2 (see deploy/kafka/log4j2.xml)
KAFKA_STDOUT="$LOG_DIR/kafka.stdout.log"  # JVM stdout/stderr (crashes, GC warnings)
KAFKA_TOOLS_LOG="$LOG_DIR/kafka-tools.log"
KAFKA_BOOTSTRAP="$INFRA_HOST:$KAFKA_PORT"

MONGO_PID="$RUN_DIR/mongo.pid"
MONGOD_DATA="$INFRA_DIR/mongod/data"      # used when a real mongod is on PATH
FERRETDB_DATA="$INFRA_DIR/ferretdb/data"  # otherwise FerretDB's SQLite files
FERRETDB_BIN="$BIN_DIR/ferretdb"
MONGO_LOG="$LOG_DIR/mongo.log"
MONGODB_URI="mongodb://$INFRA_HOST:$MONGO_PORT"

# JVM settings. The tools are short-lived: C1 only + serial GC start faster.
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_JVM_OPTS=(-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true)
KAFKA_TOOL_JVM_OPTS=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true)

mkdir -p "$RUN_DIR" "$LOG_DIR"

# ----------------------------------------------------------------- helpers --

log()  { printf '[infra] %s\n' "$*" >&2; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die()  { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# show_log_tail FILE [LINES]: print the end of a log file to stderr (for errors).
show_log_tail() {
  local file="$1" lines="${2:-40}"
  if [[ -s "$file" ]]; then
    printf '[infra] ---- last %s lines of %s ----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf '[infra] ---- end of %s ----\n' "$file" >&2
  else
    printf '[infra] (%s is empty or missing)\n' "$file" >&2
  fi
}

# port_open PORT: true if something accepts TCP connections on 127.0.0.1:PORT.
# Uses bash's /dev/tcp so that no nc/curl is needed.
port_open() {
  timeout 2 bash -c ">/dev/tcp/$INFRA_HOST/$1" 2>/dev/null
}

# pid_of PIDFILE: print the pid stored in PIDFILE (nothing if missing/garbage).
pid_of() {
  local pid=""
  [[ -r "$1" ]] && read -r pid <"$1" || true
  [[ "$pid" =~ ^[0-9]+$ ]] && printf '%s' "$pid"
  return 0
}

# pid_alive PIDFILE PATTERN: true if PIDFILE names a live process whose command
# line matches the extended regex PATTERN. Matching the command line guards
# against a stale pid file whose pid was reused by an unrelated process.
pid_alive() {
  local pid cmdline
  pid="$(pid_of "$1")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" =~ $2 ]]
}

# Command-line patterns that identify our processes (see pid_alive).
KAFKA_PATTERN='java .*kafka\.Kafka '
MONGO_PATTERN='(ferretdb|mongod) '

# rss_of PIDFILE: resident memory of the process, human readable.
rss_of() {
  local pid kb
  pid="$(pid_of "$1")"
  kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
  [[ -n "$kb" ]] && printf '%d MiB' "$((kb / 1024))" || printf '?'
}

# start_daemon PIDFILE LOGFILE CMD...: start CMD detached from this shell so it
# survives make/the terminal exiting: its own session (setsid), SIGHUP ignored
# (nohup), no stdin, stdout+stderr appended to LOGFILE. The inner bash writes
# its own pid ($$) and then exec's CMD, so the pid file holds the pid of the
# real server process whatever setsid does about forking.
start_daemon() {
  local pidfile="$1" logfile="$2"
  shift 2
  rm -f "$pidfile"
  # 9>&-: do not hand the infra lock (fd 9, see up.sh) to the daemon, or it
  # would hold the lock for its whole life.
  nohup setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 9>&- &
  # Wait (briefly) for the pid file so callers can rely on it.
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.1
  done
  die "could not start: $*"
}

# stop_daemon NAME PIDFILE PATTERN: SIGTERM the process from PIDFILE, wait up
# to INFRA_STOP_SECS, then SIGKILL. Only ever signals that one pid.
stop_daemon() {
  local name="$1" pidfile="$2" pattern="$3" pid i
  if ! pid_alive "$pidfile" "$pattern"; then
    [[ -e "$pidfile" ]] && log "$name: not running (removing stale pid file)" || log "$name: not running"
    rm -f "$pidfile"
    return 0
  fi
  pid="$(pid_of "$pidfile")"
  log "$name: stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < INFRA_STOP_SECS * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name: still alive after ${INFRA_STOP_SECS}s, sending SIGKILL to $pid"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$pidfile"
  log "$name: stopped"
}

# kafka_tool MAIN_CLASS ARGS...: run a Kafka CLI class from the downloaded jars,
# killed after KAFKA_TOOL_TIMEOUT seconds (the admin client otherwise retries
# for a minute against a broker that is not up). Its logging goes to
# $KAFKA_TOOLS_LOG; stdout/stderr are the tool's own output.
kafka_tool() {
  local main="$1"
  shift
  timeout "${KAFKA_TOOL_TIMEOUT:-60}" java "${KAFKA_TOOL_JVM_OPTS[@]}" \
    -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/log4j2.xml" \
    -Dkafka.logs.dir="$LOG_DIR" -Dkafka.log.name=kafka-tools -Dkafka.log.level=WARN \
    -cp "$KAFKA_LIBS/*" "$main" "$@"
}

# topics_wanted: topic names from deploy/kafka/topics.txt (comments stripped).
topics_wanted() {
  sed -e 's/#.*//' -e 's/[[:space:]]//g' "$DEPLOY_DIR/kafka/topics.txt" | grep -v '^$' || true
}

# mongo_ping: true if the server on MONGO_PORT answers a real {ping: 1}.
# Speaks the wire protocol (OP_MSG) with the Python standard library, so
# neither pymongo nor a mongo shell is needed.
mongo_ping() {
  command -v python3 >/dev/null 2>&1 || { port_open "$MONGO_PORT"; return; }
  python3 - "$INFRA_HOST" "$MONGO_PORT" <<'PY'
import socket, struct, sys
host, port = sys.argv[1], int(sys.argv[2])

def cstr(s): return s.encode() + b"\0"
# BSON {ping: 1, $db: "admin"}
body = (b"\x10" + cstr("ping") + struct.pack("<i", 1)
        + b"\x02" + cstr("$db") + struct.pack("<i", 6) + cstr("admin"))
doc = struct.pack("<i", len(body) + 5) + body + b"\0"
msg = struct.pack("<I", 0) + b"\0" + doc          # flagBits, section kind 0
packet = struct.pack("<iiii", 16 + len(msg), 1, 0, 2013) + msg  # OP_MSG
try:
    with socket.create_connection((host, port), timeout=3) as s:
        s.sendall(packet)
        buf = b""
        while len(buf) < 4 or len(buf) < struct.unpack("<i", buf[:4])[0]:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
except OSError:
    sys.exit(1)
# Reply: header(16) flags(4) kind(1) BSON doc; look for ok: 1 (double or int32).
ok = (b"\x01ok\x00" + struct.pack("<d", 1.0) in buf) or (b"\x10ok\x00" + struct.pack("<i", 1) in buf)
sys.exit(0 if ok else 1)
PY
}

# find_go: print the go binary to use (PATH first, then the usual install dir).
find_go() {
  if command -v go >/dev/null 2>&1; then command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then echo /usr/local/go/bin/go
  else return 1
  fi
}
