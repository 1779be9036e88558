#!/bin/sh
# Records rtp-rtcp.pcap: tcpdump on loopback while rtp_rtcp_sender.py sends its flows (see README.md). Needs root.
set -e
cd "$(dirname "$0")"
tcpdump -i lo -U -w rtp-rtcp.pcap 'udp and net 127.12.0.0/16' 2>/dev/null &
pid=$!
sleep 1.5
/usr/bin/python3 rtp_rtcp_sender.py
sleep 1
kill "$pid"
wait "$pid" || true
