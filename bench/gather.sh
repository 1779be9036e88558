#!/usr/bin/env bash
# Time for `rtc gather` to reach "Done" against a coturn started here on 127.0.0.1 (STUN + TURN over UDP, TCP
# and TLS), and the same with one unreachable server in the list. Prints a markdown section on stdout.
# Needs turnserver and openssl; uses target/rtc.jar (built with mvn -q -o package -DskipTests when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
JAR=target/rtc.jar
[ -f "$JAR" ] || mvn -q -o package -DskipTests >/dev/null
for p in turnserver openssl java; do
  command -v "$p" >/dev/null || { echo "bench/gather.sh: needs $p" >&2; exit 1; }
done

WORK=$(mktemp -d "/tmp/rtc-bench-gather-$$-XXXX")
TURN_PID=
cleanup() {
  if [ -n "$TURN_PID" ]; then kill "$TURN_PID" 2>/dev/null || true; wait "$TURN_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {  # a port with nothing listening on it (TCP or UDP), and its successor free too
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 20000))
    if ! ss -Hltun | awk '{print $5}' | grep -Eq ":($p|$((p + 1)))\$"; then echo "$p"; return; fi
  done
  echo "bench/gather.sh: no free port" >&2; exit 1
}

PORT=$(free_port); TLS_PORT=$(free_port); DEAD=$(free_port); RELAY_LOW=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -keyout "$WORK/key.pem" \
  -out "$WORK/cert.pem" -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1
turnserver -n --listening-ip 127.0.0.1 --relay-ip 127.0.0.1 --listening-port "$PORT" \
  --tls-listening-port "$TLS_PORT" --cert "$WORK/cert.pem" --pkey "$WORK/key.pem" \
  --user alice:wonderland --realm rtc.test --lt-cred-mech --no-cli --allow-loopback-peers \
  --min-port "$RELAY_LOW" --max-port $((RELAY_LOW + 200)) --log-file stdout --simple-log \
  --pidfile "$WORK/turnserver.pid" --userdb "$WORK/turndb" >"$WORK/turnserver.log" 2>&1 &
TURN_PID=$!
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$TLS_PORT") 2>/dev/null && break
  sleep 0.1
done

SERVERS=(-s "stun:127.0.0.1:$PORT" -s "turn:127.0.0.1:$PORT" -s "turn:127.0.0.1:$PORT?transport=tcp"
         -s "turns:127.0.0.1:$TLS_PORT")
COMMON=(gather --interface lo --family 4 -u alice --credential-file "$WORK/pw" --ca-file "$WORK/cert.pem")
printf 'wonderland\n' >"$WORK/pw"

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# one scenario: RUNS runs; "Done in" as rtc reports it and the wall time of the whole process (JVM start included)
scenario() {
  local label=$1; shift
  local done_file="$WORK/done" wall_file="$WORK/wall" out
  : >"$done_file"; : >"$wall_file"
  for _ in $(seq 1 "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    out=$(timeout 60 java -jar "$JAR" "${COMMON[@]}" "$@" 2>&1 || true)
    t1=$(date +%s%N)
    echo "$out" | sed -n 's/^Done in \([0-9.]*\) s.*/\1/p' >>"$done_file"
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", (b - a) / 1e9}' >>"$wall_file"
    LAST_OUT=$out
  done
  local slowest
  slowest=$(echo "$LAST_OUT" | sed -n 's/^Done in .*; slowest server \(.*\)$/\1/p')
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$RUNS" "$(median <"$done_file")" "$(median <"$wall_file")" \
    "${slowest:--}"
}

echo "## rtc gather: time to \"Done\" (loopback coturn $(turnserver --version 2>&1 | tail -1))"
echo
echo "Servers: STUN, TURN over UDP, TCP and TLS (long-term credential, certificate checked against the test CA)."
echo "\"Done\" is rtc's own figure (all verdicts in, allocations released); wall includes JVM start-up."
echo "Medians of $RUNS runs on $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the start. The first TLS"
echo "handshake in a JVM pays for loading the TLS classes, so turns: is usually the slowest on loopback."
echo "For comparison, Chrome 156's trickle-ice page reported a dead STUN port only after 40.05 s."
echo
echo "| Scenario | Runs | Done (s) | Wall (s) | Slowest server |"
echo "|---|---|---|---|---|"
scenario "STUN + TURN UDP/TCP/TLS" "${SERVERS[@]}"
scenario "... with --check-relay (10 packets per TURN URL)" "${SERVERS[@]}" --check-relay
scenario "... + one unreachable STUN server (default --timeout 5s)" "${SERVERS[@]}" -s "stun:127.0.0.1:$DEAD"
scenario "... + one unreachable STUN server, --timeout 2s" "${SERVERS[@]}" -s "stun:127.0.0.1:$DEAD" --timeout 2s
scenario "... + one refused TCP TURN server" "${SERVERS[@]}" -s "turn:127.0.0.1:$DEAD?transport=tcp"
echo
