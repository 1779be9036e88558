#!/usr/bin/env bash
# rtc ice in the two-NAT lab of the tests (src/test/resources/dev/rtc/ice/icelab.sh: hosts A and B behind their
# own nftables NATs, a STUN server and coturn on the "internet" namespace; documentation addresses only, nothing
# in the root namespace): time from reading the peer's description to the nomination, rtc against rtc and rtc
# against aioice (Debian python3-aioice, which prints its own time), for a direct pair (srflx through two
# port-restricted cone NATs) and a relayed one (two symmetric NATs, through coturn). Then the pacing: how many
# new checks rtc starts per second against a peer whose candidates never answer, for three values of --pace.
# Prints a markdown section on stdout. Needs root, ip, nft, conntrack, turnserver, java, python3. Uses
# target/rtc.jar. Bounded: every run has a timeout; the lab is deleted on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_init ice-lab java python3 ip nft conntrack turnserver
[ "$(id -u)" -eq 0 ] || { echo "bench/ice-lab.sh: needs root (network namespaces)" >&2; exit 1; }

LAB=rtcbench$$
# icelab.sh takes its NAT rule sets from natlab.sh, which it expects next to itself
cp src/test/resources/dev/rtc/ice/icelab.sh src/test/resources/dev/rtc/nat/natlab.sh "$WORK/"
SCRIPT=$WORK/icelab.sh
PY=/usr/bin/python3
have_aioice=0
[ -x "$PY" ] && "$PY" -c 'import aioice' 2>/dev/null && have_aioice=1
PIDS=()
lab_cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -f "$SCRIPT" ] && sh "$SCRIPT" down "$LAB" >/dev/null 2>&1 || true
  bench_cleanup
}
trap lab_cleanup EXIT
sh "$SCRIPT" up "$LAB" >/dev/null

ip netns exec "$LAB-i" java -jar "$JAR" stun-server --primary 203.0.113.1:3478 --alternate 203.0.113.2:3479 \
  --rate-limit 0 >"$WORK/stun.log" 2>&1 &
PIDS+=($!)
ip netns exec "$LAB-i" turnserver -n --listening-ip 203.0.113.3 --relay-ip 203.0.113.3 --listening-port 3478 \
  --no-tls --no-dtls --no-cli --log-file stdout --simple-log --lt-cred-mech --realm rtc.test --user bench:bench \
  --min-port 49152 --max-port 49407 --pidfile "$WORK/turn.pid" --userdb "$WORK/turndb" >"$WORK/turn.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do
  grep -q listening "$WORK/stun.log" && grep -q "Total General servers" "$WORK/turn.log" && break
  sleep 0.2
done

SERVERS=(-s stun:203.0.113.1:3478 -s turn:203.0.113.3:3478 -u bench --credential bench)
ICE=(ice --interface cr --family 4 --timeout 8s)
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) printf "%.1f\n", a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
report() {  # nominatedMs and the selected pair's kinds from a report; nothing when it did not connect
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d.get("selectedPair")
if d.get("connected") and s and d["timings"]["nominatedMs"] is not None:
    print(d["timings"]["nominatedMs"], s["local"]["type"] + "-" + s["remote"]["type"])' "$1" 2>/dev/null || true
}

# row LABEL NAT_A NAT_B: RUNS runs of rtc (A, controlling) against rtc (B), then against aioice on B
row() {
  local label=$1 nat_a=$2 nat_b=$3
  sh "$SCRIPT" nat "$LAB" a "$nat_a" >/dev/null
  sh "$SCRIPT" nat "$LAB" b "$nat_b" >/dev/null
  : >"$WORK/n"; : >"$WORK/path"
  for _ in $(seq 1 "$RUNS"); do
    rm -f "$WORK/ab" "$WORK/ba"; mkfifo "$WORK/ab" "$WORK/ba"
    ip netns exec "$LAB-a" timeout 60 java -jar "$JAR" "${ICE[@]}" "${SERVERS[@]}" --role controlling \
      --format json -o "$WORK/a.json" <"$WORK/ba" >"$WORK/ab" &
    local pid=$!
    ip netns exec "$LAB-b" timeout 60 java -jar "$JAR" "${ICE[@]}" "${SERVERS[@]}" --role controlled \
      --format json -o "$WORK/b.json" >"$WORK/ba" <"$WORK/ab" || true
    wait "$pid" || true
    report "$WORK/a.json" | awk '{print $1 >> "'"$WORK/n"'"; print $2 >> "'"$WORK/path"'"}'
  done
  printf '| %s | rtc against rtc | %s | %s/%s | %s | - |\n' "$label" "$(sort -u "$WORK/path" | paste -sd, -)" \
    "$(wc -l <"$WORK/n")" "$RUNS" "$(median <"$WORK/n")"
  [ "$have_aioice" = 1 ] || return 0
  : >"$WORK/n"; : >"$WORK/m"; : >"$WORK/path"
  for _ in $(seq 1 "$RUNS"); do
    rm -f "$WORK/ab" "$WORK/ba"; mkfifo "$WORK/ab" "$WORK/ba"
    ip netns exec "$LAB-a" timeout 60 java -jar "$JAR" "${ICE[@]}" "${SERVERS[@]}" --role controlling \
      --format json -o "$WORK/a.json" <"$WORK/ba" >"$WORK/ab" &
    local pid=$!
    ip netns exec "$LAB-b" timeout 60 "$PY" src/test/resources/dev/rtc/ice/aioice_peer.py controlled \
      --host 192.0.2.10 --stun 203.0.113.1:3478 --turn 203.0.113.3:3478 --turn-user bench \
      --turn-password bench >"$WORK/ba" <"$WORK/ab" 2>"$WORK/aioice.err" || true
    wait "$pid" || true
    report "$WORK/a.json" | awk '{print $1 >> "'"$WORK/n"'"; print $2 >> "'"$WORK/path"'"}'
    sed -n 's/^connected .* in \([0-9.]*\) ms$/\1/p' "$WORK/aioice.err" >>"$WORK/m"
  done
  printf '| %s | rtc against aioice | %s | %s/%s | %s | %s |\n' "$label" "$(sort -u "$WORK/path" | paste -sd, -)" \
    "$(wc -l <"$WORK/n")" "$RUNS" "$(median <"$WORK/n")" "$(median <"$WORK/m")"
}

echo "## rtc ice in the two-NAT lab"
echo
echo "Milliseconds from reading the peer's description to the nomination, medians of $RUNS runs on $(nproc) cores"
echo "(load average $(cut -d' ' -f1 /proc/loadavg) at the start); A is controlling, both sides are given the lab's"
echo "STUN server and coturn. rtc's time is A's \`timings.nominatedMs\`; aioice's (as the controlled side B) is"
echo "from reading the description to \`connect()\` returning. Each rtc ice is a fresh JVM; the description"
echo "exchange goes through pipes, so the first checks may wait for the peer to have read A's description."
echo
echo "| NATs (A / B) | Agents | Selected (local-remote at A) | Connected | rtc (ms) | aioice (ms) |"
echo "|---|---|---|---|---|---|"
row "port-restricted cone / port-restricted cone" port-restricted-cone port-restricted-cone
row "symmetric / symmetric (relay)" symmetric symmetric

echo
echo "Pacing: rtc ice on loopback against a description of 100 host candidates on 127.0.0.1 ports where nothing"
echo "listens (nothing answers), for 2 s: the pairs it started checks on, per second, next to 1/Ta (a new check"
echo "every Ta, RFC 8445 section 6.1.4.2; retransmissions follow their own timer and do not count)."
echo
echo "| --pace | pairs checked in 2 s | checks started per second | 1/Ta |"
echo "|---|---|---|---|"
{
  echo "a=ice-ufrag:benc"
  echo "a=ice-pwd:benchbenchbenchbenchbe"
  for i in $(seq 1 100); do echo "a=candidate:$i 1 udp $((2130706431 - i)) 127.0.0.1 $((40000 + i)) typ host"; done
  echo "a=end-of-candidates"
  echo
} >"$WORK/peer.txt"
for pace in 50ms 20ms 10ms; do
  timeout 30 java -jar "$JAR" ice --interface lo --family 4 --role controlling --pace "$pace" --timeout 2s \
    --format json -o "$WORK/p.json" <"$WORK/peer.txt" >/dev/null 2>&1 || true
  python3 - "$pace" "$WORK/p.json" <<'PY'
import json, sys
pace = sys.argv[1]
d = json.load(open(sys.argv[2]))
checked = sum(1 for p in d["pairs"] if p["requestsSent"] > 0)
ta = float(pace[:-2]) / 1000
print("| %s | %d | %.1f | %.0f |" % (pace, checked, checked / 2.0, 1 / ta))
PY
done
echo
echo "(At most 100 pairs: at 10 ms all of them are started within the first second, so that row is capped.)"
echo
