#!/usr/bin/env bash
# rtc capture against tshark and tcpdump on a generated pcap of 1,000,000 UDP packets (STUN on 3478 and
# elsewhere, TURN ChannelData on 3478, RTP, DNS). Same input, same run: results compared for identity, then wall
# time, CPU time, packets/s and peak RSS (GNU time). Prints a markdown section on stdout.
# rtc runs as users run it: this checkout installed by ./install.sh --prefix bench/work/capture (its launcher,
# JVM flags and AppCDS archive).
# Usage: bench/capture.sh   (env: PACKETS=1000000, RTC="other command", RUNS=5)
set -euo pipefail
cd "$(dirname "$0")/.."
PACKETS=${PACKETS:-1000000}
RUNS=${RUNS:-5}
FILTER='stun && udp.port==3478'
BPF='udp port 3478'
WORK=bench/work
mkdir -p "$WORK"
for tool in tshark tcpdump python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench/capture.sh: $tool is missing" >&2; exit 1; }
done
if [ -z "${RTC:-}" ]; then
    ./install.sh --prefix "$PWD/$WORK/capture" >"$WORK/capture-install.log" 2>&1 \
        || { echo "bench/capture.sh: ./install.sh failed, see $WORK/capture-install.log" >&2; exit 1; }
    RTC="$PWD/$WORK/capture/bin/rtc"
fi
BIG=$WORK/big-$PACKETS.pcap
SMALL=$WORK/small-$((PACKETS / 10)).pcap
[ -f "$BIG" ] || python3 bench/capture-gen.py "$BIG" "$PACKETS"
[ -f "$SMALL" ] || python3 bench/capture-gen.py "$SMALL" $((PACKETS / 10))

# measure NAME OUTFILE CMD...: best wall time of $RUNS runs; prints "wall user+sys rss_kib"
measure() {
    local out=$1; shift
    local best=""
    for _ in $(seq "$RUNS"); do
        sync  # every run starts with no earlier run's output still being written back to disk
        /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" > "$out" 2> "$WORK/stderr.txt" \
            || { echo "bench/capture.sh: failed: $* ($(tail -1 "$WORK/stderr.txt"))" >&2; exit 1; }
        local line; line=$(tail -1 "$WORK/time.txt")
        local wall; wall=$(echo "$line" | awk '{print $1}')
        if [ -z "$best" ] || awk -v a="$wall" -v b="$(echo "$best" | awk '{print $1}')" 'BEGIN{exit !(a<b)}'; then
            best=$(echo "$line" | awk '{printf "%s %.2f %d", $1, $2 + $3, $4}')
        fi
    done
    echo "$best"
}

row() { # name wall cpu rss
    awk -v n="$1" -v w="$2" -v c="$3" -v r="$4" -v p="$PACKETS" \
        'BEGIN { printf "| %s | %.2f | %.2f | %.0f | %.0f |\n", n, w, c, p / w, r / 1024 }'
}

read -r T_WALL T_CPU T_RSS < <(RUNS=1 measure "$WORK/tshark.txt" tshark -n -r "$BIG" -Y "$FILTER" -T fields -e frame.number)
read -r RQ_WALL RQ_CPU RQ_RSS < <(measure "$WORK/rtc-q.txt" $RTC capture -r "$BIG" -q "$FILTER")
read -r RF_WALL RF_CPU RF_RSS < <(measure "$WORK/rtc-fields.txt" $RTC capture -r "$BIG" -T fields -e frame.number "$FILTER")
read -r RW_WALL RW_CPU RW_RSS < <(measure /dev/null $RTC capture -r "$BIG" -w "$WORK/rtc-out.pcap" "$FILTER")
read -r D_WALL D_CPU D_RSS < <(measure /dev/null tcpdump -n -r "$BIG" -w "$WORK/tcpdump-out.pcap" "$BPF")
read -r S_WALL S_CPU S_RSS < <(measure /dev/null $RTC capture -r "$SMALL" -q "$FILTER")

MATCHED=$(wc -l < "$WORK/tshark.txt")
if cmp -s "$WORK/tshark.txt" "$WORK/rtc-fields.txt"; then FIELDS_SAME="identical ($MATCHED frames)"; else FIELDS_SAME="DIFFERENT"; fi
RQ_COUNT=$(awk '{print $1}' "$WORK/rtc-q.txt")
[ "$RQ_COUNT" = "$MATCHED" ] && Q_SAME="identical ($RQ_COUNT)" || Q_SAME="DIFFERENT ($RQ_COUNT vs $MATCHED)"
# the pcap files: same records after the 24-byte file header
if cmp -s <(tail -c +25 "$WORK/rtc-out.pcap") <(tail -c +25 "$WORK/tcpdump-out.pcap"); then
    W_SAME="identical records ($(tshark -r "$WORK/rtc-out.pcap" 2>/dev/null | wc -l) packets)"
else
    W_SAME="DIFFERENT"
fi

cat <<MD
## rtc capture: display filter on $PACKETS packets

Input: \`bench/capture-gen.py\` (seeded) writes $PACKETS Ethernet/IPv4/UDP packets: STUN Binding on 3478 and on
other ports (heuristic), TURN ChannelData on 3478, RTP, DNS. Filter \`$FILTER\`; tcpdump's BPF \`$BPF\` selects the
same packets on this input. rtc runs as \`${RTC#$PWD/}\` (installed by install.sh). Best wall time of $RUNS runs (tshark: one run).
Machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg) (shared with other jobs:
wall times include waiting for a core, CPU = user + sys).

| command | wall s | CPU s | packets/s (wall) | peak RSS MiB |
|---|---:|---:|---:|---:|
$(row "tshark -n -r big.pcap -Y '$FILTER' -T fields -e frame.number" "$T_WALL" "$T_CPU" "$T_RSS")
$(row "rtc capture -r big.pcap -q '$FILTER'" "$RQ_WALL" "$RQ_CPU" "$RQ_RSS")
$(row "rtc capture -r big.pcap -T fields -e frame.number '$FILTER'" "$RF_WALL" "$RF_CPU" "$RF_RSS")
$(row "rtc capture -r big.pcap -w out.pcap '$FILTER'" "$RW_WALL" "$RW_CPU" "$RW_RSS")
$(row "tcpdump -n -r big.pcap -w out.pcap '$BPF'" "$D_WALL" "$D_CPU" "$D_RSS")

- Results: \`-T fields\` frame numbers vs tshark: $FIELDS_SAME; \`-q\` count: $Q_SAME; \`-w\` file vs tcpdump's: $W_SAME.
- Speed-up over tshark (-q): $(awk -v a="$T_WALL" -v b="$RQ_WALL" 'BEGIN{printf "%.1fx wall", a/b}'), $(awk -v a="$T_CPU" -v b="$RQ_CPU" 'BEGIN{printf "%.1fx CPU", a/b}') (target: 15x).
- rtc -w against tcpdump -w: $(awk -v a="$RW_WALL" -v b="$D_WALL" 'BEGIN{printf "%.1fx the wall time", a/b}') (target: within 2x).
- Memory: peak RSS $(awk -v r="$S_RSS" 'BEGIN{printf "%.0f", r/1024}') MiB on $((PACKETS / 10)) packets, $(awk -v r="$RQ_RSS" 'BEGIN{printf "%.0f", r/1024}') MiB on $PACKETS: it does not grow with the number of packets (one reused frame, bounded state).
MD
