#!/usr/bin/env bash
# bench/lib.sh: set-up shared by the benchmarks that run against a coturn started here on 127.0.0.1 (sourced by
# bench/gather.sh and bench/stun.sh; prints and starts nothing by itself). After `bench_init NAME CMD...`:
# JAR (target/rtc.jar, built when missing), RUNS (default 5), WORK (a temporary directory removed on exit),
# free_port, bench_cert ($WORK/cert.pem and key.pem for localhost / 127.0.0.1) and bench_turnserver.

# bench_init NAME CMD...: fails with "bench/NAME.sh: needs CMD" when a command is missing
bench_init() {
  BENCH=$1; shift
  RUNS=${RUNS:-5}
  JAR=target/rtc.jar
  [ -f "$JAR" ] || mvn -q -o package -DskipTests >/dev/null
  local p
  for p in "$@"; do
    command -v "$p" >/dev/null || { echo "bench/$BENCH.sh: needs $p" >&2; exit 1; }
  done
  WORK=$(mktemp -d "/tmp/rtc-bench-$BENCH-$$-XXXX")
  TURN_PID=
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if [ -n "$TURN_PID" ]; then kill "$TURN_PID" 2>/dev/null || true; wait "$TURN_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}

free_port() {  # a port with nothing listening on it (TCP or UDP), and its successor free too
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 20000))
    if ! ss -Hltun | awk '{print $5}' | grep -Eq ":($p|$((p + 1)))\$"; then echo "$p"; return; fi
  done
  echo "bench/$BENCH.sh: no free port" >&2; exit 1
}

bench_cert() {  # a self-signed certificate for localhost and 127.0.0.1: $WORK/cert.pem, $WORK/key.pem
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -keyout "$WORK/key.pem" \
    -out "$WORK/cert.pem" -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1
}

# bench_turnserver PORT TLS_PORT [TURNSERVER-OPTION...]: coturn on 127.0.0.1 (UDP and TCP on PORT, TLS on TLS_PORT
# with bench_cert's certificate), log in $WORK/turnserver.log; returns once the TLS port accepts, or after 10 s
bench_turnserver() {
  local port=$1 tls_port=$2; shift 2
  turnserver -n --listening-ip 127.0.0.1 --relay-ip 127.0.0.1 --listening-port "$port" \
    --tls-listening-port "$tls_port" --cert "$WORK/cert.pem" --pkey "$WORK/key.pem" --no-cli \
    --log-file stdout --simple-log --pidfile "$WORK/turnserver.pid" --userdb "$WORK/turndb" "$@" \
    >"$WORK/turnserver.log" 2>&1 &
  TURN_PID=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$tls_port") 2>/dev/null && break
    sleep 0.1
  done
}
