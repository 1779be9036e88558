#!/usr/bin/env bash
# Time for `rtc gather` to reach "Done" against a coturn started here on 127.0.0.1 (STUN + TURN over UDP, TCP
# and TLS), and the same with one unreachable server in the list. Prints a markdown section on stdout.
# Needs turnserver and openssl; uses target/rtc.jar (built with mvn -q -o package -DskipTests when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init gather turnserver openssl java

PORT=$(free_port); TLS_PORT=$(free_port); DEAD=$(free_port); RELAY_LOW=$(free_port)
bench_cert
bench_turnserver "$PORT" "$TLS_PORT" --user alice:wonderland --realm rtc.test --lt-cred-mech --allow-loopback-peers \
  --min-port "$RELAY_LOW" --max-port $((RELAY_LOW + 200))

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
