#!/bin/sh
# Records aiortc-turn-udp.pcap and aiortc-turn-tcp.pcap: coturn on 127.14.0.1:3478 (a long-term user, loopback
# peers allowed, relay ports 49160-49199), two aiortc peers relayed through it (aiortc_turn_call.py, over TURN UDP
# and then TURN TCP), tcpdump on loopback for each call (see README.md). Needs root, coturn, tcpdump and Debian's
# python3-aiortc. Every process it starts is ended by its PID; each call is bounded by timeout.
set -e
cd "$(dirname "$0")"
dir=$(mktemp -d)
trap 'kill "$turn" 2>/dev/null || true; rm -rf "$dir"' EXIT
turnserver -n --listening-ip 127.14.0.1 --relay-ip 127.14.0.1 --listening-port 3478 --no-tls --no-dtls \
  --user rtc:rtc-secret --realm rtc.test --lt-cred-mech --allow-loopback-peers --min-port 49160 --max-port 49199 \
  --no-cli --log-file stdout --simple-log --pidfile "$dir/turnserver.pid" --userdb "$dir/turndb" >"$dir/log" 2>&1 &
turn=$!
sleep 1.5
for transport in udp tcp; do
  tcpdump -i lo -U -w "aiortc-turn-$transport.pcap" 'host 127.14.0.1' 2>/dev/null &
  dump=$!
  sleep 1
  timeout 40 /usr/bin/python3 aiortc_turn_call.py "turn:127.14.0.1:3478?transport=$transport" rtc rtc-secret 2
  sleep 1
  kill "$dump"
  wait "$dump" || true
done
