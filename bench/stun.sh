#!/usr/bin/env bash
# One STUN Binding transaction against a coturn started here on 127.0.0.1, by rtc stun and by the tools people
# use for the job today (coturn's turnutils_stunclient, Debian's Vovida `stun`), plus the time each takes to
# give a verdict when the port is dead. Prints a markdown section on stdout.
# Needs turnserver, openssl, java; stun and turnutils_stunclient are measured when installed.
# Uses target/rtc.jar (built with mvn -q -o package -DskipTests when missing). Bounded: every run has a timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init stun turnserver openssl java

PORT=$(free_port); TLS_PORT=$(free_port); DEAD=$(free_port)
bench_cert
bench_turnserver "$PORT" "$TLS_PORT"

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# run LABEL LIMIT_S CMD...: RUNS runs, median wall time in ms, the exit codes seen, and rtc's own RTT if printed
row() {
  local label=$1 limit=$2; shift 2
  local walls="$WORK/walls" rtts="$WORK/rtts" codes="" out rc t0 t1
  : >"$walls"; : >"$rtts"
  for _ in $(seq 1 "$RUNS"); do
    t0=$(date +%s%N)
    set +e
    out=$(timeout "$limit" "$@" 2>&1)
    rc=$?
    set -e
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000000 ))" >>"$walls"
    case " $codes " in *" $rc "*) ;; *) codes="$codes $rc" ;; esac
    grep -Eo '"rttMs" : [0-9.]+' <<<"$out" | awk '{print $3}' >>"$rtts" || true
  done
  local verdict
  verdict=$(grep -Eo 'refused \(ICMP port unreachable\)|no answer.*|"mappedAddress" : "[^"]*"|reflexive addr: [0-9.:]+|Primary: [A-Za-z ]+' <<<"$out" | head -1 | tr -d '"' | tr -s ' ' || true)
  [ -n "$verdict" ] || verdict=$( [ "${rc:-0}" = 124 ] && echo "still waiting after ${limit} s (killed)" || echo "-")
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$(median <"$walls")" "$(median <"$rtts")" "${codes# }" "$verdict"
}

echo "## rtc stun: one Binding transaction (loopback coturn)"
echo
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) when the run started (other jobs share it)."
echo
echo "$RUNS runs each, median. Wall time is the whole process (rtc's includes the JVM start); RTT is the one"
echo "\`rtc stun\` reports (request to answer, measured in-process). Dead port: a UDP port with nothing bound."
echo
echo "| run | wall ms | rtc RTT ms | exit codes | verdict |"
echo "|---|---:|---:|---|---|"
row "rtc stun UDP" 30 java -jar "$JAR" stun "127.0.0.1:$PORT" --format json
row "rtc stun TCP" 30 java -jar "$JAR" stun --tcp "127.0.0.1:$PORT" --format json
row "rtc stun TLS (cert checked)" 30 java -jar "$JAR" stun --tls --ca-file "$WORK/cert.pem" "127.0.0.1:$TLS_PORT" --format json
if command -v turnutils_stunclient >/dev/null; then
  row "turnutils_stunclient UDP" 30 turnutils_stunclient -p "$PORT" 127.0.0.1
fi
if command -v stun >/dev/null; then
  row "stun (Vovida) UDP" 30 stun "127.0.0.1:$PORT"
fi
row "rtc stun, dead port" 30 java -jar "$JAR" stun "127.0.0.1:$DEAD"
if command -v turnutils_stunclient >/dev/null; then
  row "turnutils_stunclient, dead port" 15 turnutils_stunclient -p "$DEAD" 127.0.0.1
fi
if command -v stun >/dev/null; then
  row "stun (Vovida), dead port" 15 stun "127.0.0.1:$DEAD"
fi
echo
echo "rtc reports a dead UDP port as refused as soon as the ICMP port unreachable arrives (its socket is"
echo "connected to the server); the other clients wait for their own timeouts or forever."
