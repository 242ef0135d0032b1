#!/usr/bin/env bash
# Show whether the local Kafka and MongoDB-compatible server are running.
# Exit status: 0 when both run and answer, 1 otherwise (usable in scripts).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

all_ok=true

# report NAME PIDFILE PATTERN PORT ENDPOINT
report() {
  local name="$1" pidfile="$2" pattern="$3" port="$4" endpoint="$5" answer
  if pid_alive "$pidfile" "$pattern"; then
    if port_open "$port"; then answer="answering"; else answer="NOT answering yet"; all_ok=false; fi
    printf '%-6s running  pid %-8s RSS %-9s %s (%s)\n' \
      "$name" "$(pid_of "$pidfile")" "$(rss_of "$pidfile")" "$endpoint" "$answer"
  else
    all_ok=false
    if port_open "$port"; then
      printf '%-6s stopped  (but port %s is in use by a process infra-up did not start)\n' "$name" "$port"
    else
      printf '%-6s stopped\n' "$name"
    fi
  fi
}

report kafka "$KAFKA_PID" "$KAFKA_PATTERN" "$KAFKA_PORT" "$KAFKA_BOOTSTRAP"
mongo_kind=mongo
if pid_alive "$MONGO_PID" "$MONGO_PATTERN"; then
  grep -q ferretdb "/proc/$(pid_of "$MONGO_PID")/cmdline" && mongo_kind=ferretdb || mongo_kind=mongod
fi
report mongo "$MONGO_PID" "$MONGO_PATTERN" "$MONGO_PORT" "$MONGODB_URI [$mongo_kind]"

if pid_alive "$KAFKA_PID" "$KAFKA_PATTERN" && port_open "$KAFKA_PORT" && [[ -d "$KAFKA_LIBS" ]]; then
  if topics="$(KAFKA_TOOL_TIMEOUT=20 kafka_tool org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "$KAFKA_BOOTSTRAP" --list 2>>"$KAFKA_TOOLS_LOG")"; then
    echo "topics: $(grep -v '^__' <<<"$topics" | paste -sd' ' -)"
  else
    echo "topics: (listing failed, see $KAFKA_TOOLS_LOG)"
    all_ok=false
  fi
fi
echo "infra dir: $INFRA_DIR"

$all_ok
