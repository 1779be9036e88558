#!/usr/bin/env bash
# rtc ice on loopback: time from reading the peer's description to nomination, rtc against rtc (roles forced and
# settled by the tie-breakers) and against aioice (Debian python3-aioice, the independent agent of the tests), next
# to two aioice agents against each other; then --measure's figures on loopback (RTT, jitter, loss, MOS estimate).
# Prints a markdown section on stdout. Needs java and python3 (for the JSON); aioice rows when /usr/bin/python3 has aioice. Uses
# target/rtc.jar (built with mvn -q -o package -DskipTests when missing). Bounded: every run has a timeout.
# The same in the two-NAT lab, next to aioice there, and the pacing: bench/ice-lab.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init ice java python3

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) printf "%.1f\n", a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
ICE=(ice --interface lo --family 4)
nominated_ms() {  # the report's timings.nominatedMs, nothing when it did not connect
  python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))["timings"]["nominatedMs"]; print(v if v is not None else "")' "$1" 2>/dev/null | grep . || true
}
PY=/usr/bin/python3
have_aioice=0
[ -x "$PY" ] && "$PY" -c 'import aioice' 2>/dev/null && have_aioice=1

# pair A_ARGS... -- B_ARGS...: two rtc ice through fifos, reports in $WORK/a.json and $WORK/b.json
pair() {
  local a=() b=()
  while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
  b=("$@")
  rm -f "$WORK/ab" "$WORK/ba"; mkfifo "$WORK/ab" "$WORK/ba"
  timeout 120 java -jar "$JAR" "${ICE[@]}" "${a[@]}" --format json -o "$WORK/a.json" <"$WORK/ba" >"$WORK/ab" &
  local pid=$!
  timeout 120 java -jar "$JAR" "${ICE[@]}" "${b[@]}" --format json -o "$WORK/b.json" >"$WORK/ba" <"$WORK/ab" || true
  wait "$pid" || true
}

# nomination LABEL A_ARGS... -- B_ARGS...: median of a's nominatedMs over RUNS runs
nomination() {
  local label=$1; shift
  : >"$WORK/n"
  for _ in $(seq 1 "$RUNS"); do
    pair "$@"
    nominated_ms "$WORK/a.json" >>"$WORK/n"
  done
  printf '| %s | %s | %s |\n' "$label" "$(wc -l <"$WORK/n")/$RUNS" "$(median <"$WORK/n")"
}

against_aioice() {
  : >"$WORK/n"
  for _ in $(seq 1 "$RUNS"); do
    rm -f "$WORK/ab" "$WORK/ba"; mkfifo "$WORK/ab" "$WORK/ba"
    timeout 60 java -jar "$JAR" "${ICE[@]}" --role controlling --format json -o "$WORK/a.json" \
      <"$WORK/ba" >"$WORK/ab" &
    local pid=$!
    timeout 60 "$PY" src/test/resources/dev/rtc/ice/aioice_peer.py controlled >"$WORK/ba" <"$WORK/ab" \
      2>/dev/null || true
    wait "$pid" || true
    nominated_ms "$WORK/a.json" >>"$WORK/n"
  done
  printf '| %s | %s | %s |\n' "rtc (controlling) against aioice" "$(wc -l <"$WORK/n")/$RUNS" "$(median <"$WORK/n")"
}

echo "## rtc ice: time to nomination and --measure on loopback"
echo
echo "Milliseconds from the moment the peer's description is read to the nomination (rtc's \`timings.nominatedMs\`;"
echo "for two aioice agents, from the start of their \`connect()\` to both connected). Medians of $RUNS runs on"
echo "$(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the start. One host candidate each, so one pair:"
echo "the figure is one check's round trip plus, for the controlling side, one more with USE-CANDIDATE. Not like"
echo "for like: each rtc ice is a fresh JVM whose agent code runs cold (class loading, interpreter) and whose peer"
echo "is another process that reads the description when it gets to it, while the two aioice agents share one warm"
echo "Python process and are handed each other's candidates directly."
echo
echo "| Pair | Connected | Nomination (ms) |"
echo "|---|---|---|"
nomination "rtc controlling against rtc controlled" --role controlling -- --role controlled
nomination "rtc against rtc, roles by the tie-breakers" -- 
if [ "$have_aioice" = 1 ]; then
  against_aioice
  timeout 120 "$PY" bench/aioice-pair.py "$RUNS" >"$WORK/n" || true
  printf '| %s | %s | %s |\n' "aioice against aioice (aioice $("$PY" -c 'import aioice; print(aioice.__version__)'))" \
    "$(wc -l <"$WORK/n")/$RUNS" "$(median <"$WORK/n")"
else
  echo "| aioice | not installed | - |"
fi
echo
echo "\`--measure 5s\` on both sides (audio: 50 packets/s of 160 bytes; video: 90 packets/s of 1000 bytes), as"
echo "side a reports it: the floor this machine's loopback and scheduling set (the lossy path is in the tests)."
echo
echo "| Profile | RTT p50 / p95 / max (ms) | Jitter to / from peer (ms) | Loss to / from / round trip | MOS estimate |"
echo "|---|---|---|---|---|"
for profile in audio video; do
  pair --role controlling --measure 5s --profile "$profile" -- --role controlled --measure 5s --profile "$profile"
  python3 - "$profile" "$WORK/a.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[2]))["measure"]
r, t, f, b = m["rttMs"], m["toPeer"], m["fromPeer"], m["roundTrip"]
print("| %s | %s / %s / %s | %s / %s | %s / %s / %s of %s | %s |" % (sys.argv[1], r["p50"], r["p95"], r["max"],
      t["jitterMs"], f["jitterMs"], t["lost"], f["lost"], b["lost"], b["sent"], t["mosEstimate"]))
PY
done
echo
