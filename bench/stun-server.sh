#!/usr/bin/env bash
# STUN Binding throughput and latency of `rtc stun-server --rate-limit 0`, Debian's stund and coturn, on loopback
# in the same run, under the closed-loop load of bench/stun-load.c (compiled here with gcc): OUTSTANDING (32)
# requests in flight over 4 client sockets, WARMUP_S (2) seconds not counted, then MEASURE_S (8) seconds counted,
# per server, in ROUNDS (3) rounds of all four servers; ratios are of the medians. Each server is started here on
# its own free ports and stopped by its PID. Prints a markdown section. Needs gcc, java, stund, turnserver. Uses
# target/rtc.jar (built when missing). Bounded: about 12 s per server and round.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init stun-server gcc java stund turnserver
MEASURE_S=${MEASURE_S:-8}; WARMUP_S=${WARMUP_S:-2}; OUTSTANDING=${OUTSTANDING:-32}; ROUNDS=${ROUNDS:-3}
gcc -O2 -Wall -o "$WORK/stun-load" bench/stun-load.c
SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=
}
trap 'stop_server; bench_cleanup' EXIT

wait_udp() {  # wait_udp PORT: until something listens on UDP PORT of 127.0.0.1 (at most 10 s)
  for _ in $(seq 1 100); do
    [ -n "$(ss -Hlun "sport = :$1")" ] && return 0
    sleep 0.1
  done
  echo "bench/stun-server.sh: nothing listens on UDP 127.0.0.1:$1" >&2; return 1
}

cpu_s() {  # user + system CPU seconds of a process and its threads
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"
}

# measure LABEL PORT [KEY]: runs the load against 127.0.0.1:PORT while $SERVER_PID serves it, prints a table row
measure() {
  local label=$1 port=$2 key=${3:-$1} line cpu0 cpu1 rss
  wait_udp "$port"
  "$WORK/stun-load" 127.0.0.1 "$port" "$MEASURE_S" "$WARMUP_S" "$OUTSTANDING" 4 >"$WORK/load.out" &
  local load=$!
  sleep "$WARMUP_S"
  cpu0=$(cpu_s "$SERVER_PID")   # the server's CPU over the counted seconds only (the load counts after warm-up)
  wait "$load"
  cpu1=$(cpu_s "$SERVER_PID")
  line=$(cat "$WORK/load.out")
  rss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status")
  stop_server
  set -- $line
  # answers N seconds S rate R p50_us A p99_us B lost L load_cpu_s C
  local cpu per_cpu
  cpu=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.2f", b - a}')
  per_cpu=$(awk -v n="$2" -v c="$cpu" 'BEGIN {if (c > 0) printf "%.0f", n / c; else print 0}')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$6" "$8" "${10}" "${12}" "$cpu" "$per_cpu" \
    "${14}" "$rss"
  echo "$6" >>"$WORK/rate-$key"
  echo "$per_cpu" >>"$WORK/rate-cpu-$key"
}

rows=
for round in $(seq 1 "$ROUNDS"); do
  P=$(free_port)
  java -jar "$JAR" stun-server --primary "127.0.0.1:$P" --alternate "127.0.0.2:$((P + 1))" --rate-limit 0 \
    >/dev/null 2>"$WORK/rtc.log" &
  SERVER_PID=$!
  rows+=$(measure rtc "$P"); rows+=$'\n'; SERVER_PID=  # measure ran in a subshell and stopped it

  P=$(free_port)
  java -jar "$JAR" stun-server --primary "127.0.0.1:$P" --alternate "127.0.0.2:$((P + 1))" --rate-limit 0 \
    --udp-batch 1 >/dev/null 2>"$WORK/rtc1.log" &
  SERVER_PID=$!
  rows+=$(measure "rtc --udp-batch 1" "$P" rtc1); rows+=$'\n'; SERVER_PID=

  P=$(free_port)
  stund -h 127.0.0.1 -a 127.0.0.2 -p "$P" -o "$((P + 1))" >/dev/null 2>&1 &
  SERVER_PID=$!
  rows+=$(measure stund "$P"); rows+=$'\n'; SERVER_PID=

  P=$(free_port)
  # coturn as a plain STUN server: no TURN, no TLS/DTLS listeners, no CLI, its own user database file
  turnserver -n --stun-only --no-auth --listening-ip 127.0.0.1 --listening-port "$P" --no-tls --no-dtls --no-cli \
    --log-file stdout --simple-log --pidfile "$WORK/turnserver.pid" --userdb "$WORK/turndb" >"$WORK/coturn.log" 2>&1 &
  SERVER_PID=$!
  rows+=$(measure coturn "$P"); rows+=$'\n'; SERVER_PID=
done

median() { sort -n "$WORK/rate-$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }

echo "## rtc stun-server: Binding answers per second (loopback)"
echo
echo "Load: \`bench/stun-load.c\`, closed loop, $OUTSTANDING requests outstanding over 4 client sockets (20-byte"
echo "RFC 5389 Binding requests), ${WARMUP_S} s warm-up then ${MEASURE_S} s counted per server, servers one after"
echo "another in the same run, $ROUNDS rounds of all four (this machine's loopback varies by tens of percent from one"
echo "minute to the next); the ratios are of each server's median over the rounds. rtc runs \`stun-server --rate-limit 0\` (UDP and TCP listeners, no log), with its"
echo "batched UDP (recvmmsg/sendmmsg, the default) and with \`--udp-batch 1\` (one datagram per call); stund is"
echo "Debian's stun-server package; coturn runs \`--stun-only --no-auth\`. Latency is request to answer as the load"
echo "tool sees it. CPU is the server's user + system seconds during the counted seconds, and the answers counted"
echo "per such second (how much one core of the server answers); the load tool's CPU over the same seconds (near"
echo "the counted seconds: the tool, not the server, set the pace); RSS is the server's peak."
echo "Machine: $(nproc) cores shared by the load tool and the server (and other jobs: load average"
echo "$(cut -d' ' -f1-3 /proc/loadavg) at the end)."
echo
echo "| server | answers/s | p50 µs | p99 µs | lost | server CPU s | answers per CPU s | load tool CPU s | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
echo "$rows"
echo
echo "Medians, answers/s: rtc $(median rtc), rtc --udp-batch 1 $(median rtc1), stund $(median stund), coturn $(median coturn)."
echo
echo "rtc / stund: $(ratio rtc stund)x (target: at least 1.5x); rtc / coturn: $(ratio rtc coturn)x (target: at least 1x);"
echo "batched / one datagram per call: $(ratio rtc rtc1)x. Answers per server CPU second: rtc / stund"
echo "$(ratio cpu-rtc cpu-stund)x, rtc / coturn $(ratio cpu-rtc cpu-coturn)x, batched / one per call $(ratio cpu-rtc cpu-rtc1)x."
