#!/usr/bin/env bash
# run.sh: runs every bench/*.sh (each prints a markdown section), keeps each section in bench/results/NAME.md,
# and assembles bench/RESULTS.md with the date and the machine (cores, Java, tool versions).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out=bench/RESULTS.md
tmp=$(mktemp)
version() { command -v "$1" >/dev/null 2>&1 && { "$@" 2>/dev/null | head -n 1; } || echo "not installed"; }
{
  echo "# rtc benchmark results"
  echo
  echo "Made by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "| machine | |"
  echo "|---|---|"
  echo "| cores (nproc) | $(nproc) |"
  echo "| memory | $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) |"
  echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo "| java | $(java -version 2>&1 | sed -n 2p) |"
  echo "| tshark | $(version tshark -v) |"
  echo "| tcpdump | $(version tcpdump --version) |"
  echo "| turnserver | $(dpkg-query -W -f='coturn ${Version}' coturn 2>/dev/null || echo "not installed") |"
  echo "| hyperfine | $(version hyperfine --version) |"
  echo "| rtc | $(git describe --always --dirty 2>/dev/null || echo unknown) |"
  echo
} >"$tmp"
status=0
for script in bench/*.sh; do
  name=$(basename "$script" .sh)
  case $name in run|lib) continue ;; esac  # lib.sh is sourced by the others
  echo "bench/run.sh: $script" >&2
  if section=$(bash "$script"); then
    printf '%s\n' "$section" >"bench/results/$name.md"
    printf '%s\n\n' "$section" >>"$tmp"
  else
    echo "bench/run.sh: $script failed" >&2
    printf '## %s\n\n%s failed on this run.\n\n' "$name" "$script" >>"$tmp"
    status=1
  fi
done
mv "$tmp" "$out"
echo "bench/run.sh: wrote $out" >&2
exit $status
