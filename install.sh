#!/usr/bin/env bash
# install.sh: builds rtc and installs it (jar, launcher `rtc`, man pages, bash completion, AppCDS archive).
# Safe to run again: it skips what is already there.
#
#   ./install.sh                  install under /usr/local (root) or ~/.local (anyone else)
#   ./install.sh --prefix DIR     install under DIR (DIR/bin/rtc, DIR/lib/rtc, DIR/share/man/man1, ...)
#   ./install.sh --test           also install what the tests use, run the whole test suite (mvn -B verify),
#                                 then install the jar it built
#   ./install.sh --update-man     rewrite man/ from the picocli annotations (no install)
#   ./install.sh --help
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian packages: what rtc needs at run time, and what its tests talk to.
# libpcap0.8-dev provides the unversioned libpcap.so that pcap4j loads through JNA.
RUNTIME_PACKAGES=(libpcap0.8 libpcap0.8-dev)
TEST_PACKAGES=(coturn tshark tcpdump iptables nftables conntrack stun-client stun-server openssl tmux iproute2
               procps prometheus chromium python3-aioice python3-aiortc)

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

prefix=""
run_tests=0
update_man=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?"--prefix needs a directory"}; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --test) run_tests=1; shift ;;
    --update-man) update_man=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see ./install.sh --help)" >&2; exit 2 ;;
  esac
done

is_root() { [ "$(id -u)" -eq 0 ]; }
say() { echo "install.sh: $*" >&2; }

if [ -z "$prefix" ]; then
  if is_root; then prefix=/usr/local; else prefix="$HOME/.local"; fi
fi

# --- tools the build needs ----------------------------------------------------------------------------------
check_tools() {
  local missing=()
  if ! command -v java >/dev/null 2>&1; then
    missing+=("Java 17 or newer (no 'java' on PATH): apt-get install openjdk-17-jdk-headless")
  else
    local v
    v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -z "$v" ] || [ "${v%%.*}" -lt 17 ] 2>/dev/null; then
      missing+=("Java 17 or newer (found Java ${v:-of unknown version} at $(command -v java)): apt-get install openjdk-17-jdk-headless")
    elif ! command -v javac >/dev/null 2>&1; then
      missing+=("a JDK, not only a JRE (no 'javac' on PATH): apt-get install openjdk-17-jdk-headless")
    fi
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    missing+=("Maven (no 'mvn' on PATH): apt-get install maven")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    say "cannot build rtc, missing:"
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
  fi
}

# --- Debian packages -------------------------------------------------------------------------------------------
not_installed() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}

ensure_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian system: make sure these are installed: $*"
    return 0
  fi
  local missing
  mapfile -t missing < <(not_installed "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! is_root; then
    say "these packages are missing; as root run:"
    echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" >&2
    return 0
  fi
  say "installing ${missing[*]}"
  apt-get update -q >/dev/null || { say "apt-get update failed"; exit 1; }
  # tshark asks whether non-root users may capture: answer no without a prompt.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || { say "apt-get install ${missing[*]} failed"; exit 1; }
  quiet_coturn
}

# Debian's coturn package enables a turnserver service on systemd machines; it would hold port 3478, which the
# README's examples and the benchmarks use. Tests start their own turnserver on free ports.
quiet_coturn() {
  if [ -d /run/systemd/system ] && systemctl is-enabled coturn.service >/dev/null 2>&1; then
    say "disabling the coturn service that the package enabled (rtc's tests start their own turnserver)"
    systemctl disable --now coturn.service >/dev/null 2>&1 || true
  fi
}

# --- build and install ---------------------------------------------------------------------------------------------
build() {
  say "building (mvn package)"
  mvn -B -q -Dstyle.color=never package -DskipTests
}

java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  else
    readlink -f "$(command -v java)"
  fi
}

write_launcher() {
  local launcher=$1 lib=$2 java=$3
  cat >"$launcher.tmp" <<EOF
#!/bin/sh
# rtc launcher written by install.sh. Equivalent to: java -jar $lib/rtc.jar "\$@"
# plus start-up flags: the AppCDS archive made at install time (ignored if it does not match), the serial GC,
# no perf-data file, and the quick C1 compiler alone for every command but the long-lived shell (C2's
# compilations would take the second core that capture's file reading and writing threads use, and on a
# million-packet file cost more than they win). RTC_JAVA_OPTS adds JVM options.
java="$java"
[ -x "\$java" ] || java=java
if [ -f "$lib/rtc.jsa" ]; then
  cds="-XX:SharedArchiveFile=$lib/rtc.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
else
  cds=""
fi
jit="-XX:TieredStopAtLevel=1"
for arg in "\$@"; do
  case "\$arg" in
    -*) ;;
    shell) jit=""; break ;;
    *) break ;;
  esac
done
exec "\$java" \$cds \$jit -XX:+UseSerialGC -XX:-UsePerfData \${RTC_JAVA_OPTS:-} -jar "$lib/rtc.jar" "\$@"
EOF
  chmod 755 "$launcher.tmp"
  mv "$launcher.tmp" "$launcher"
}

# AppCDS: one JVM runs a few representative commands (through the shell's script mode, so the classes of all of
# them land in one class list), then a static archive is dumped from that list. A static archive, not
# -XX:ArchiveClassesAtExit: picocli ships Java 5 class files, which JDK 17 leaves out of dynamic archives.
make_cds_archive() {
  local lib=$1 java=$2
  local jsa="$lib/rtc.jsa" list script
  rm -f "$jsa"
  list=$(mktemp) script=$(mktemp)
  local written
  written=$(mktemp)
  {
    echo "--version"
    echo "filter check 'stun && udp.port==3478'"
    echo "stun --decode 000100002112a442b7e7a701bc34d686fa87dfae"
    local pcap
    for pcap in samples/turn-udp-session.pcap src/test/resources/corpus/turn-udp-session.pcap; do
      if [ -f "$pcap" ]; then
        echo "capture -r '$(pwd)/$pcap' -q stun"
        echo "capture -r '$(pwd)/$pcap' -w '$written' 'stun && udp.port==3478'"
        break
      fi
    done
  } >"$script"
  # Commands a branch does not have yet fail harmlessly; their classes are simply not in the list.
  "$java" -XX:DumpLoadedClassList="$list" -jar "$lib/rtc.jar" shell <"$script" >/dev/null 2>&1 || true
  if [ ! -s "$list" ]; then
    "$java" -XX:DumpLoadedClassList="$list" -jar "$lib/rtc.jar" --version >/dev/null 2>&1 || true
  fi
  "$java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$jsa" -Xlog:cds=off \
    -cp "$lib/rtc.jar" >/dev/null 2>&1 || rm -f "$jsa"
  rm -f "$list" "$script" "$written"
  if [ -s "$jsa" ]; then
    say "AppCDS archive $jsa"
  else
    rm -f "$jsa"
    say "no AppCDS archive (this JVM could not write one); rtc starts without it"
  fi
}

install_files() {
  local jar=target/rtc.jar
  [ -f "$jar" ] || { say "no $jar: the build did not produce it"; exit 1; }
  local bin="$prefix/bin" lib="$prefix/lib/rtc" man1="$prefix/share/man/man1"
  local completions="$prefix/share/bash-completion/completions"
  mkdir -p "$bin" "$lib" "$man1" "$completions"
  local java
  java=$(java_bin)

  if ! cmp -s "$jar" "$lib/rtc.jar"; then
    cp "$jar" "$lib/rtc.jar.tmp" && mv "$lib/rtc.jar.tmp" "$lib/rtc.jar"
    rm -f "$lib/rtc.jsa"
  fi
  write_launcher "$bin/rtc" "$lib" "$java"
  # man pages: the committed ones (the test suite checks they match the annotations); remove pages of commands
  # that no longer exist.
  local page
  for page in "$man1"/rtc.1 "$man1"/rtc-*.1; do
    [ -e "$page" ] && [ ! -e "man/$(basename "$page")" ] && rm -f "$page"
  done
  cp man/rtc*.1 "$man1/"
  "$java" -jar "$lib/rtc.jar" generate-completion >"$completions/rtc"
  [ -f "$lib/rtc.jsa" ] || make_cds_archive "$lib" "$java"

  say "installed $bin/rtc ($("$bin/rtc" --version | head -n 1))"
  case ":$PATH:" in
    *":$bin:"*) ;;
    *) say "note: $bin is not on your PATH; add it, e.g.: export PATH=\"$bin:\$PATH\"" ;;
  esac
}

# --- main ------------------------------------------------------------------------------------------------------------
check_tools

if [ "$update_man" -eq 1 ]; then
  mvn -B -q -Pman -DskipTests process-test-classes
  exit 0
fi

if [ "$run_tests" -eq 1 ]; then
  ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  # verify builds target/rtc.jar too: install that one rather than building twice.
  mvn -B verify
else
  ensure_packages "${RUNTIME_PACKAGES[@]}"
  build
fi
install_files
