#!/usr/bin/env bash
# rtc probe as an exporter under load, against a coturn started here on 127.0.0.1: probes per second with
# --max-concurrent 16 (16 scrapes at a time, as many as the exporter's slots), for STUN and for TURN (Allocate with
# a long-term credential, then released), and the exporter's memory after 1,000 and after 10,000 probes (it must
# not grow). Prints a markdown section on stdout. Needs turnserver, openssl, java, curl (7.66+ for --parallel),
# jcmd. Uses target/rtc.jar (rebuilt when it has no probe command). Bounded: fixed counts, every step timed out.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
unzip -l target/rtc.jar 2>/dev/null | grep -q 'dev/rtc/cli/ProbeCommand.class' || mvn -q -o package -DskipTests >/dev/null
bench_init probe turnserver openssl java curl jcmd

PORT=$(free_port); TLS_PORT=$(free_port); RELAY_LOW=$(free_port); HTTP_PORT=$(free_port)
COUNT=${PROBE_COUNT:-2000}
MEMORY_COUNT=${PROBE_MEMORY_COUNT:-10000}
bench_cert
bench_turnserver "$PORT" "$TLS_PORT" --user alice:wonderland --realm rtc.test --lt-cred-mech \
  --min-port "$RELAY_LOW" --max-port $((RELAY_LOW + 400))
printf 'wonderland\n' >"$WORK/pw"
cat >"$WORK/probe.yml" <<YAML
modules:
  stun:
    prober: stun
  turn_udp:
    prober: turn
    credentials: {username: alice, password_file: pw}
YAML

java -jar "$JAR" probe --listen "127.0.0.1:$HTTP_PORT" --config "$WORK/probe.yml" --max-concurrent 16 \
  2>"$WORK/exporter.log" &
EXPORTER_PID=$!
stop_exporter() { kill "$EXPORTER_PID" 2>/dev/null || true; wait "$EXPORTER_PID" 2>/dev/null || true; bench_cleanup; }
trap stop_exporter EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/-/healthy" >/dev/null 2>&1 && break
  sleep 0.1
done

# scrape MODULE N: N scrapes of /probe, 16 at a time (one curl process); prints the wall seconds
scrape() {
  local module=$1 n=$2 i t0 t1
  : >"$WORK/urls"
  for i in $(seq 1 "$n"); do
    printf 'url = "http://127.0.0.1:%s/probe?module=%s&target=127.0.0.1:%s"\noutput = "/dev/null"\n' \
      "$HTTP_PORT" "$module" "$PORT" >>"$WORK/urls"
  done
  t0=$(date +%s%N)
  timeout 600 curl -s --no-progress-meter --parallel --parallel-max 16 -K "$WORK/urls" -w '%{http_code}\n' >>"$WORK/codes" 2>/dev/null
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f\n", (b - a) / 1e9}'
}

counter() {  # the exporter's own count of probes of MODULE with RESULT
  curl -s "http://127.0.0.1:$HTTP_PORT/metrics" |
    awk -v m="$1" -v r="$2" '$1 == "rtc_exporter_probes_total{module=\"" m "\",result=\"" r "\"}" {v = $2}
      END {printf "%d", v + 0}'
}

# memory: resident set of the exporter, and heap in use right after a full GC (jcmd), in MiB
memory() {
  jcmd "$EXPORTER_PID" GC.run >/dev/null
  sleep 0.5
  local rss heap
  rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$EXPORTER_PID/status")
  heap=$(curl -s "http://127.0.0.1:$HTTP_PORT/metrics" |
    awk '$1 == "jvm_memory_used_bytes{area=\"heap\"}" {printf "%.1f", $2 / 1048576}')
  echo "$rss $heap"
}

: >"$WORK/codes"
scrape stun 200 >/dev/null   # warm-up: JIT, TLS-free paths, thread pools
scrape turn_udp 200 >/dev/null

echo "## rtc probe: exporter throughput and memory (loopback coturn $(turnserver --version 2>&1 | tail -1))"
echo
echo "\`rtc probe --listen --max-concurrent 16\`; one curl process scraping /probe 16 at a time (\`--parallel"
echo "--parallel-max 16\`) against a coturn on 127.0.0.1, after a warm-up of 200 scrapes per module. A TURN probe is"
echo "a full Allocate (401, then with the long-term credential) and its release (Refresh LIFETIME 0). $(nproc) cores"
echo "shared by the exporter, coturn and curl; load average $(cut -d' ' -f1 /proc/loadavg) at the start."
echo
echo "| module | scrapes | wall (s) | probes/s | succeeded | HTTP 503 |"
echo "|---|---:|---:|---:|---:|---:|"
for module in stun turn_udp; do
  before=$(counter "$module" success)
  : >"$WORK/codes"
  wall=$(scrape "$module" "$COUNT")
  after=$(counter "$module" success)
  rejected=$(grep -c '^503$' "$WORK/codes" || true)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$module" "$COUNT" "$wall" \
    "$(awk -v n="$COUNT" -v w="$wall" 'BEGIN {printf "%.0f", n / w}')" "$((after - before))" "$rejected"
done
echo
read -r rss1 heap1 < <(memory)
done_so_far=$(( $(counter stun success) + $(counter turn_udp success) + $(counter stun failure) + $(counter turn_udp failure) ))
rest=$((MEMORY_COUNT - done_so_far))
half=$((rest / 2))
scrape stun "$half" >/dev/null
scrape turn_udp "$((rest - half))" >/dev/null
total=$(( $(counter stun success) + $(counter turn_udp success) + $(counter stun failure) + $(counter turn_udp failure) ))
read -r rss2 heap2 < <(memory)
echo "| after probes | resident (MiB) | heap in use after a full GC (MiB) |"
echo "|---:|---:|---:|"
echo "| $done_so_far | $rss1 | $heap1 |"
echo "| $total | $rss2 | $heap2 |"
echo
echo "Heap after GC holds the config, the last 100 results of the status page and the exporter's counters; it"
echo "should not grow with the number of probes (resident size also counts JIT code and the heap the JVM keeps)."
