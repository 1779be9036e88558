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
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/startup.json" "${commands[@]}" >"$work/hyperfine.log" 2>&1 \
  || { echo "startup.sh: hyperfine failed, see $work/hyperfine.log" >&2; exit 1; }

# One row per command from hyperfine's JSON (one key per line): mean, min, and CPU time (user + system), which
# other work on the machine disturbs much less than wall time.
rows() {
  awk -v strip1="$PWD/$work/prefix/bin/" -v strip2="$PWD/$work/prefix/lib/rtc/" -v strip3="${sample%/*}/" '
    function num(line) { sub(/.*: */, "", line); sub(/,$/, "", line); return line + 0 }
    function unstrip(s, p) { while ((i = index(s, p)) > 0 && p != "/") s = substr(s, 1, i - 1) substr(s, i + length(p)); return s }
    /"command":/ { c = $0; sub(/^ *"command": "/, "", c); sub(/",$/, "", c); gsub(/\\"/, "\"", c)
                   c = unstrip(unstrip(unstrip(c, strip1), strip2), strip3) }
    /"mean":/ { mean = num($0) } /"stddev":/ { sd = num($0) } /"user":/ { user = num($0) }
    /"system":/ { sys = num($0) }
    /"min":/ { printf "%s\t%.3f\t%.3f\t%.3f\t%.3f\n", c, mean, sd, num($0), user + sys }
  ' "$work/startup.json"
}

echo "## Start-up"
echo
echo "One run of each command (hyperfine, $runs runs after 3 warm-ups, no shell). \`rtc\` is the installed launcher"
echo "(AppCDS archive, serial GC, C1 for short commands); \`java -jar\` is the same jar without them. CPU is user +"
echo "system time of one run, which other work on the machine disturbs much less than wall time."
echo "Target: \`rtc --version\` <= 0.15 s, and every short command within 0.1 s of it."
echo "Sample: $([ -n "$sample" ] && basename "$sample" || echo none). Load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
echo
echo "| command | mean (s) | min (s) | CPU (s) |"
echo "|---|---:|---:|---:|"
rows | while IFS=$'\t' read -r c mean sd min cpu; do
  echo "| \`$c\` | $mean ± $sd | $min | $cpu |"
done
v=$(rows | awk -F'\t' '$1 == "rtc --version" { print $2 " " $4 }')
t=$(rows | awk -F'\t' '$1 == "tshark -v" { print $2 " " $4 }')
if [ -n "$v" ]; then
  set -- $v
  echo
  echo "\`rtc --version\`: mean $1 s, min $2 s (target 0.15 s: $(awk -v v="$1" 'BEGIN { print (v <= 0.15 ? "met" : "not met") }'))${t:+; \`tshark -v\`: mean ${t% *} s, min ${t#* } s}."
fi
