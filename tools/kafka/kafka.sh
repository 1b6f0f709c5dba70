#!/usr/bin/env bash
# Runs a local single-node Apache Kafka broker (KRaft, combined broker and
# controller) on 127.0.0.1 for development, tests and CI.
#
# The broker jars come from Maven Central through tools/kafka/pom.xml. The
# jars, the broker's data, its configuration, its log and its pid file all live
# in a cache folder (default: .cache/kafka in the repository, which git ignores).
# Each broker port gets its own instance folder, so two brokers on different
# ports do not share data.

set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"

cache_dir="${FUTURA_KAFKA_CACHE:-$repo_root/.cache/kafka}"
broker_port="${FUTURA_KAFKA_PORT:-9092}"
controller_port="${FUTURA_KAFKA_CONTROLLER_PORT:-9093}"
heap="${FUTURA_KAFKA_HEAP:-256m}"
start_timeout_s="${FUTURA_KAFKA_START_TIMEOUT:-90}"
stop_timeout_s="${FUTURA_KAFKA_STOP_TIMEOUT:-30}"

usage() {
  cat <<'EOF'
Usage: tools/kafka/kafka.sh [options] COMMAND

Commands:
  resolve   download the Kafka broker jars through Maven into the cache folder
  start     format (first time only) and start the broker, wait until it is ready
  stop      stop the broker with SIGTERM; SIGKILL after the stop timeout
  status    print whether the broker runs; exit 0 if it runs, 3 if not
  kill      stop the broker with SIGKILL at once (for crash tests)
  reset     delete the broker's data, configuration and logs (broker must be stopped)

Options (each also settable through the environment variable shown):
  --cache-dir DIR          cache folder              FUTURA_KAFKA_CACHE            (.cache/kafka)
  --port PORT              broker (PLAINTEXT) port   FUTURA_KAFKA_PORT             (9092)
  --controller-port PORT   KRaft controller port     FUTURA_KAFKA_CONTROLLER_PORT  (9093)
  --heap SIZE              JVM maximum heap          FUTURA_KAFKA_HEAP             (256m)
  --start-timeout SECONDS  wait for readiness        FUTURA_KAFKA_START_TIMEOUT    (90)
  --stop-timeout SECONDS   wait before SIGKILL       FUTURA_KAFKA_STOP_TIMEOUT     (30)

Clients connect to 127.0.0.1:PORT, for example FUTURA_KAFKA_BROKERS=127.0.0.1:9092.
EOF
}

log() { printf 'kafka.sh: %s\n' "$*"; }
fail() { printf 'kafka.sh: error: %s\n' "$*" >&2; exit 1; }

command_name=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cache-dir) cache_dir="${2:?--cache-dir needs a folder}"; shift 2 ;;
    --port) broker_port="${2:?--port needs a number}"; shift 2 ;;
    --controller-port) controller_port="${2:?--controller-port needs a number}"; shift 2 ;;
    --heap) heap="${2:?--heap needs a size such as 256m}"; shift 2 ;;
    --start-timeout) start_timeout_s="${2:?--start-timeout needs seconds}"; shift 2 ;;
    --stop-timeout) stop_timeout_s="${2:?--stop-timeout needs seconds}"; shift 2 ;;
    -h|--help|help) usage; exit 0 ;;
    -*) usage >&2; fail "unknown option: $1" ;;
    *)
      [[ -z "$command_name" ]] || fail "more than one command given: $command_name and $1"
      command_name="$1"; shift ;;
  esac
done

require_whole_number() {
  [[ "$2" =~ ^[0-9]+$ ]] || fail "invalid $1: '$2' (expected a whole number)"
}
require_whole_number --port "$broker_port"
require_whole_number --controller-port "$controller_port"
require_whole_number --start-timeout "$start_timeout_s"
require_whole_number --stop-timeout "$stop_timeout_s"
[[ "$broker_port" != "$controller_port" ]] || fail "broker port and controller port are both $broker_port; pick two different ports"
[[ "$heap" =~ ^[0-9]+[kKmMgG]$ ]] || fail "invalid heap size: '$heap' (expected a size such as 256m)"

mkdir -p "$cache_dir"
cache_dir="$(cd "$cache_dir" && pwd)"
libs_dir="$cache_dir/libs"
m2_dir="$cache_dir/m2"
instance_dir="$cache_dir/broker-$broker_port"
data_dir="$instance_dir/data"
config_file="$instance_dir/server.properties"
log4j_file="$instance_dir/log4j2.properties"
log_file="$instance_dir/broker.log"
pid_file="$instance_dir/broker.pid"

# Prints the broker's pid when the pid file names a live process that runs this
# instance's configuration. A stale pid file, or a pid reused by another
# process, prints nothing.
running_pid() {
  [[ -f "$pid_file" ]] || return 0
  local pid
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  [[ -r "/proc/$pid/cmdline" ]] || return 0
  if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$config_file"; then
    printf '%s\n' "$pid"
  fi
}

# Succeeds when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

require_java() {
  command -v java >/dev/null 2>&1 ||
    fail "java not found. The broker needs Java 17 or newer: apt-get install -y openjdk-17-jre-headless"
}

cmd_resolve() {
  # Two instances may resolve at once; the second waits and finds the jars.
  exec 8>"$cache_dir/.resolve.lock"
  flock -w 600 8 || fail "another kafka.sh resolve held the lock for 600 s"

  # The marker stores a hash of pom.xml, so a changed pom (another Kafka
  # version) resolves again.
  local pom_hash
  pom_hash="$(sha256sum "$script_dir/pom.xml" | cut -d ' ' -f 1)"
  if [[ "$(cat "$libs_dir/.resolved" 2>/dev/null)" == "$pom_hash" ]]; then
    exec 8>&-
    log "jars already resolved in $libs_dir ($(find "$libs_dir" -name '*.jar' | wc -l) jars)"
    return 0
  fi

  command -v mvn >/dev/null 2>&1 ||
    fail "mvn not found. The resolve step uses Maven to download the broker jars: apt-get install -y maven"
  require_java

  log "resolving Kafka jars with Maven (tools/kafka/pom.xml) into $libs_dir"
  # Resolve into a new folder and swap it in, so that a broker running from the
  # old jars keeps the files it has open.
  local new_libs="$libs_dir.new"
  rm -rf "$new_libs"
  mkdir -p "$new_libs"
  local maven_log="$cache_dir/resolve.log"
  if ! mvn -B -Dstyle.color=never -f "$script_dir/pom.xml" \
      -Dmaven.repo.local="$m2_dir" \
      dependency:copy-dependencies \
      -DoutputDirectory="$new_libs" \
      -DincludeScope=runtime >"$maven_log" 2>&1; then
    tail -n 40 "$maven_log" >&2
    fail "Maven could not resolve the broker jars (full output in $maven_log); check that Maven Central is reachable"
  fi
  ls "$new_libs"/kafka_2.13-*.jar >/dev/null 2>&1 ||
    fail "Maven finished but no kafka_2.13 jar is in $new_libs"

  printf '%s\n' "$pom_hash" >"$new_libs/.resolved"
  rm -rf "$libs_dir.old"
  if [[ -d "$libs_dir" ]]; then
    mv "$libs_dir" "$libs_dir.old"
  fi
  mv "$new_libs" "$libs_dir"
  rm -rf "$libs_dir.old"

  local jar_count
  jar_count="$(find "$libs_dir" -name '*.jar' | wc -l)"
  log "resolved $jar_count jars ($(du -sh "$libs_dir" | cut -f1))"
  exec 8>&-
}

write_config() {
  mkdir -p "$instance_dir" "$data_dir"
  cat >"$config_file" <<EOF
# Written by tools/kafka/kafka.sh on every start; edits here are overwritten.
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://127.0.0.1:$broker_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$broker_port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
controller.quorum.voters=1@127.0.0.1:$controller_port
log.dirs=$data_dir

# One broker: every internal topic gets one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1

# A group's first member does not wait 3 s for others to join.
group.initial.rebalance.delay.ms=0
# After a SIGKILL the controller fences the dead broker's old session after
# 3 s instead of 9 s, so a restarted broker is ready sooner.
broker.session.timeout.ms=3000
broker.heartbeat.interval.ms=1000
# Check time and size retention every 2 s (default 5 min) so that a topic
# with a short retention.ms loses its old segments promptly in tests.
log.retention.check.interval.ms=2000
# Start that check 1 s after start-up instead of 30 s (Kafka documents this
# setting as meant for tests, which is what this broker is for).
log.initial.task.delay.ms=1000
EOF
  cat >"$log4j_file" <<EOF
# Broker log: INFO to standard output, which kafka.sh sends to broker.log.
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=INFO
rootLogger.appenderRef.stdout.ref=STDOUT
logger.request.name=kafka.request.logger
logger.request.level=WARN
EOF
}

format_storage() {
  if [[ -f "$data_dir/meta.properties" ]]; then
    return 0
  fi
  local cluster_id
  cluster_id="$(java -cp "$libs_dir/*" kafka.tools.StorageTool random-uuid | tail -n 1)"
  log "formatting storage in $data_dir (cluster id $cluster_id)"
  java -cp "$libs_dir/*" -Dlog4j2.configurationFile="$log4j_file" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$config_file" >"$instance_dir/format.log" 2>&1 ||
    { cat "$instance_dir/format.log" >&2; fail "formatting the storage failed"; }
}

# Waits until the broker logs that it started and accepts connections on its
# port. The port alone is not enough: the broker binds it when it creates the
# listener, about 2 s before it serves requests.
wait_until_ready() {
  local pid="$1"
  local deadline=$((SECONDS + start_timeout_s))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "the broker exited during start-up; last lines of $log_file:"
      tail -n 30 "$log_file" >&2 || true
      rm -f "$pid_file"
      fail "the broker did not start"
    fi
    if grep -q "Kafka Server started" "$log_file" 2>/dev/null && port_open "$broker_port"; then
      return 0
    fi
    sleep 0.2
  done
  log "last lines of $log_file:"
  tail -n 30 "$log_file" >&2 || true
  fail "the broker (pid $pid) was not ready within ${start_timeout_s} s; it keeps running, stop it with: $0 --port $broker_port stop"
}

cmd_start() {
  require_java
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    log "broker already running (pid $pid) on 127.0.0.1:$broker_port; waiting until it is ready"
    wait_until_ready "$pid"
    log "broker ready on 127.0.0.1:$broker_port"
    return 0
  fi
  for port in "$broker_port" "$controller_port"; do
    ! port_open "$port" || fail "port $port on 127.0.0.1 is already in use by another process; pick free ports with --port and --controller-port"
  done

  cmd_resolve
  write_config
  format_storage

  if [[ -f "$log_file" ]]; then
    mv -f "$log_file" "$log_file.1"
  fi
  log "starting broker on 127.0.0.1:$broker_port (controller 127.0.0.1:$controller_port, heap $heap, log $log_file)"
  # setsid puts the broker in its own session so that Ctrl-C in the shell
  # that started it does not stop it; use `kafka.sh stop` for that.
  setsid java \
    "-Xmx$heap" "-Xms$heap" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$log4j_file" \
    -cp "$libs_dir/*" \
    kafka.Kafka "$config_file" \
    >"$log_file" 2>&1 </dev/null 8>&- 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$pid_file"
  log "waiting until the broker is ready (pid $pid, at most ${start_timeout_s} s)"
  local started_at=$SECONDS
  wait_until_ready "$pid"
  log "broker ready on 127.0.0.1:$broker_port after $((SECONDS - started_at)) s"
}

# Sends a signal and waits up to $2 seconds for the process to exit.
signal_and_wait() {
  local pid="$1" timeout_s="$2" signal="$3"
  kill "-$signal" "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + timeout_s))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

cmd_stop() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$pid_file"
    log "broker not running on 127.0.0.1:$broker_port"
    return 0
  fi
  log "stopping broker (pid $pid) with SIGTERM, waiting at most ${stop_timeout_s} s"
  if signal_and_wait "$pid" "$stop_timeout_s" TERM; then
    log "broker stopped"
  else
    log "broker still running after ${stop_timeout_s} s; sending SIGKILL"
    signal_and_wait "$pid" 10 KILL || fail "broker (pid $pid) survived SIGKILL"
    log "broker killed"
  fi
  rm -f "$pid_file"
}

cmd_kill() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$pid_file"
    log "broker not running on 127.0.0.1:$broker_port"
    return 0
  fi
  log "killing broker (pid $pid) with SIGKILL"
  signal_and_wait "$pid" 10 KILL || fail "broker (pid $pid) survived SIGKILL"
  rm -f "$pid_file"
  log "broker killed"
}

cmd_status() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    log "broker not running on 127.0.0.1:$broker_port"
    return 3
  fi
  if port_open "$broker_port"; then
    log "broker running (pid $pid) on 127.0.0.1:$broker_port"
  else
    log "broker process running (pid $pid) but 127.0.0.1:$broker_port does not accept connections yet"
  fi
}

cmd_reset() {
  local pid
  pid="$(running_pid)"
  [[ -z "$pid" ]] || fail "broker is running (pid $pid); stop it first: $0 --port $broker_port stop"
  log "deleting $instance_dir (data, configuration, logs)"
  rm -rf "$instance_dir"
}

# Serializes commands on one broker instance (two test processes may call
# `start` at the same moment). The broker itself must not inherit this file
# descriptor, or it would hold the lock for as long as it runs.
lock_instance() {
  mkdir -p "$instance_dir"
  exec 9>"$instance_dir/.lock"
  flock -w 300 9 || fail "another kafka.sh command on port $broker_port held the lock for 300 s"
}

case "$command_name" in
  start|stop|kill|reset) lock_instance ;;
esac

case "$command_name" in
  resolve) cmd_resolve ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill) cmd_kill ;;
  reset) cmd_reset ;;
  "") usage >&2; exit 2 ;;
  *) usage >&2; fail "unknown command: $command_name" ;;
esac
