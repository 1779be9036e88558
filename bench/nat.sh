#!/usr/bin/env bash
# bench/nat.sh: time to a NAT verdict, per NAT type, for rtc nat-type, Debian's Vovida `stun` client and coturn's
# turnutils_natdiscovery, on the same NAT lab (network namespaces + nftables, documentation addresses only) in the
# same run, all against `rtc stun-server`. Prints a markdown section on stdout. Needs root, ip, nft, conntrack,
# stun, turnutils_natdiscovery; uses target/rtc.jar (built with mvn -q -o package -DskipTests if missing).
# Bounded: RUNS (default 3) runs per tool and type, each killed after 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
LABSH=src/test/resources/dev/rtc/nat/natlab.sh
LAB=rtcbench$$
JAR=target/rtc.jar
JAVA=(java -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$PWD/$JAR")

if [ "$(id -u)" != 0 ]; then echo "## NAT type detection"; echo; echo "Skipped: needs root (network namespaces)."; exit 0; fi
for c in ip nft conntrack stun turnutils_natdiscovery; do
  command -v "$c" >/dev/null || { echo "## NAT type detection"; echo; echo "Skipped: '$c' is not installed."; exit 0; }
done
[ -f "$JAR" ] || mvn -q -o package -DskipTests >&2

server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  sh "$LABSH" down "$LAB" || true
}
trap cleanup EXIT
sh "$LABSH" down "$LAB"
sh "$LABSH" up "$LAB"
ip netns exec "$LAB-s" "${JAVA[@]}" stun-server --primary 203.0.113.1:3478 --alternate 203.0.113.2:3479 \
  --rate-limit 0 >/dev/null 2>"/tmp/$LAB-server.log" &
server_pid=$!
for _ in $(seq 100); do grep -q listening "/tmp/$LAB-server.log" 2>/dev/null && break; sleep 0.1; done

now() { date +%s%N; }
# run TOOL TYPE -> prints "seconds ok" where ok is 1 when the tool's answer is right for TYPE
run() {
  local tool=$1 type=$2 out start end ok=0 inner=""
  start=$(now)
  case $tool in
    rtc) out=$(timeout 30 ip netns exec "$LAB-c" "${JAVA[@]}" nat-type --server 203.0.113.1 --format json 2>&1 || true)
         echo "$out" | grep -q "\"type\" : \"$type\"" && ok=1
         inner=$(echo "$out" | sed -n 's/.*"elapsedMs" : \([0-9.]*\).*/\1/p' | head -n 1) ;;
    stun) out=$(timeout 30 ip netns exec "$LAB-c" stun 203.0.113.1 2>&1 || true)
         case $type in
           open-internet) want="Primary: Open" ;;
           full-cone) want="Independent Mapping, Independent Filter" ;;
           restricted-cone) want="Independent Mapping, Address Dependent Filter" ;;
           port-restricted-cone) want="Independent Mapping, Port Dependent Filter" ;;
           symmetric) want="Dependent Mapping" ;;
           symmetric-udp-firewall) want="Primary: Firewall" ;;
           udp-blocked) want="Primary: Blocked" ;;
         esac
         echo "$out" | grep -q "$want" && ok=1 ;;
    natdiscovery) out=$(timeout 30 ip netns exec "$LAB-c" turnutils_natdiscovery -m -f 203.0.113.1 2>&1 || true)
         case $type in
           open-internet|full-cone) want="Endpoint Independent Mapping.*Endpoint Independent Filtering" ;;
           restricted-cone) want="Endpoint Independent Mapping.*Address Dependent Filtering" ;;
           port-restricted-cone|symmetric-udp-firewall) want="Endpoint Independent Mapping.*Address and Port Dependent Filtering" ;;
           symmetric) want="Address and Port Dependent Mapping.*Address and Port Dependent Filtering" ;;
           udp-blocked) want="" ;;
         esac
         flat=$(echo "$out" | tr '\n' ' ')
         if [ -z "$want" ]; then echo "$flat" | grep -q "NAT with" || ok=1; else echo "$flat" | grep -q "$want" && ok=1; fi ;;
  esac
  end=$(now)
  echo "$(( (end - start) / 1000000 )) $ok $inner"
}

# median of the first column, and how many runs were right
summary() {
  local times oks n
  times=$(printf '%s\n' "$@" | awk '{print $1}' | sort -n)
  oks=$(printf '%s\n' "$@" | awk '{s += $2} END {print s}')
  n=$#
  median=$(echo "$times" | awk -v n="$n" 'NR == int((n + 1) / 2) {printf "%.2f", $1 / 1000}')
  inner=$(printf '%s\n' "$@" | awk '$3 != "" {print $3}' | sort -n | awk '{a[NR] = $1} END {if (NR) printf "%.2f", a[int((NR + 1) / 2)] / 1000}')
  if [ -n "$inner" ]; then
    echo "$median s, probing $inner s ($oks/$n right)"
  else
    echo "$median s ($oks/$n right)"
  fi
}

echo "## NAT type detection: time to a verdict"
echo
echo "Lab: client -- NAT router -- server in network namespaces; each NAT behaviour built with nftables on the"
echo "router, conntrack flushed before every run; all tools against \`rtc stun-server\` (203.0.113.1:3478 +"
echo "203.0.113.2:3479). Median wall-clock time of $RUNS runs per cell (including JVM start for rtc), and how many"
echo "runs gave the right answer. rtc runs with its defaults (--rto 50ms --timeout 800ms); \"probing\" is rtc's own"
echo "time from the first request to the verdict (its JSON elapsedMs), the rest is JVM start-up. Load average at"
echo "start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
echo
echo "| NAT type | rtc nat-type | Vovida stun | turnutils_natdiscovery -m -f |"
echo "|---|---|---|---|"
for type in open-internet full-cone restricted-cone port-restricted-cone symmetric symmetric-udp-firewall udp-blocked; do
  labtype=$type
  [ "$type" = open-internet ] && labtype=open
  row="| $type |"
  for tool in rtc stun natdiscovery; do
    results=()
    for _ in $(seq "$RUNS"); do
      sh "$LABSH" nat "$LAB" "$labtype"
      results+=("$(run "$tool" "$type")")
    done
    row="$row $(summary "${results[@]}") |"
  done
  echo "$row"
done
echo
echo "natdiscovery does mapping and filtering only (no RFC 3489 label); it cannot tell Open Internet from a full"
echo "cone NAT, nor a symmetric UDP firewall from a port restricted cone NAT, so those count as right when its"
echo "mapping/filtering pair matches."
