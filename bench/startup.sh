#!/usr/bin/env bash
# startup.sh: wall time of short rtc commands (installed launcher with its AppCDS archive, and plain java -jar)
# next to tshark's, over repeated runs with hyperfine. Prints a markdown section on stdout.
# Installs rtc into bench/work/startup (./install.sh --prefix); assumes the project builds.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

work=bench/work/startup
mkdir -p "$work"
./install.sh --prefix "$PWD/$work/prefix" >"$work/install.log" 2>&1 \
  || { echo "startup.sh: install failed, see $work/install.log" >&2; exit 1; }
rtc="$PWD/$work/prefix/bin/rtc"
jar="$PWD/$work/prefix/lib/rtc/rtc.jar"

sample=""
for s in samples/turn-udp-session.pcap src/test/resources/corpus/turn-udp-session.pcap; do
  [ -f "$s" ] && { sample=$(readlink -f "$s"); break; }
done
hex=000100002112a442b7e7a701bc34d686fa87dfae   # a Binding request, header only
has() { "$rtc" --help 2>/dev/null | grep -qE "^ +$1( |$)"; }

commands=("$rtc --version" "java -jar $jar --version")
has filter && commands+=("$rtc filter check 'stun && udp.port==3478'")
has stun && commands+=("$rtc stun --decode $hex")
[ -n "$sample" ] && has capture && commands+=("$rtc capture -r $sample -q stun")
commands+=("tshark -v")
[ -n "$sample" ] && command -v tshark >/dev/null && commands+=("tshark -r $sample -Y stun")

runs=${STARTUP_RUNS:-30}
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/startup.md" "${commands[@]}" >"$work/hyperfine.log" 2>&1 \
  || { echo "startup.sh: hyperfine failed, see $work/hyperfine.log" >&2; exit 1; }

mean_of() {  # mean in seconds of the row whose command is exactly $1 (after path shortening)
  awk -F'|' -v c="\`$1\`" '{ gsub(/^ +| +$/, "", $2) } $2 == c { split($3, m, " "); print m[1] / 1000 }' "$work/table.md"
}
sed -e "s|$PWD/$work/prefix/bin/||g" -e "s|$PWD/$work/prefix/lib/rtc/||g" ${sample:+-e "s|${sample%/*}/||g"} \
  "$work/startup.md" >"$work/table.md"

echo "## Start-up"
echo
echo "Wall time of one run (hyperfine, $runs runs after 3 warm-ups, no shell). \`rtc\` is the installed launcher"
echo "(AppCDS archive, serial GC, C1 for short commands); \`java -jar\` is the same jar without them."
echo "Target: \`rtc --version\` <= 0.15 s, and every short command within 0.1 s of it."
echo "Sample: ${sample:+$(basename "$sample")}${sample:-none}. Load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
cat "$work/table.md"
v=$(mean_of "rtc --version")
t=$(mean_of "tshark -v")
if [ -n "$v" ]; then
  echo
  verdict=$(awk -v v="$v" 'BEGIN { print (v <= 0.15 ? "met" : "not met") }')
  echo "\`rtc --version\`: ${v} s (target 0.15 s: $verdict)${t:+; \`tshark -v\`: $t s}."
fi
