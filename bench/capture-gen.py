#!/usr/bin/env python3
"""Writes a pcap of N UDP packets on Ethernet mixing STUN (port 3478 and elsewhere), TURN ChannelData on 3478,
RTP and DNS, deterministic (seeded), for bench/capture.sh. Usage: capture-gen.py OUT.pcap N"""
import random
import struct
import sys

out, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(3478)
COOKIE = 0x2112A442


def stun(msg_type, txid, attrs=b""):
    return struct.pack("!HHI", msg_type, len(attrs), COOKIE) + txid + attrs


def xor_mapped(ip, port):
    a = struct.unpack("!I", bytes(ip))[0] ^ COOKIE
    return struct.pack("!HHBBHI", 0x0020, 8, 0, 1, port ^ 0x2112, a)


def packet(src, dst, sport, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), rnd.getrandbits(16), 0x4000, 64, 17, 0,
                     bytes(src), bytes(dst))
    return b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00" + ip + udp


client, server, peer = [10, 0, 0, 1], [10, 0, 0, 2], [10, 0, 0, 3]
with open(out, "wb", buffering=1 << 20) as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    t = 1_700_000_000_000_000
    pending = None
    for i in range(n):
        t += rnd.randint(5, 40)
        r = rnd.random()
        if pending is not None:
            p = packet(server, client, 3478, 40000, stun(0x0101, pending, xor_mapped(client, 40000)))
            pending = None
        elif r < 0.15:
            txid = rnd.randbytes(12)
            p = packet(client, server, 40000, 3478, stun(0x0001, txid))
            pending = txid
        elif r < 0.20:
            txid = rnd.randbytes(12)
            p = packet(client, peer, 50000 + i % 8, 61000, stun(0x0001, txid, struct.pack("!HHI", 0x0024, 4, i)))
        elif r < 0.45:
            data = rnd.randbytes(rnd.choice((40, 100, 160)))
            p = packet(client, server, 40000, 3478, struct.pack("!HH", 0x4000 + i % 4, len(data)) + data)
        elif r < 0.85:
            rtp = struct.pack("!BBHII", 0x80, 111, i & 0xFFFF, i * 960 & 0xFFFFFFFF, 0x1234) + rnd.randbytes(120)
            p = packet(client, peer, 5004, 50002, rtp)
        else:
            q = struct.pack("!HHHHHH", i & 0xFFFF, 0x0100, 1, 0, 0, 0) + b"\x07example\x03org\x00\x00\x01\x00\x01"
            p = packet(client, [10, 0, 0, 53], 53000 + i % 100, 53, q)
        f.write(struct.pack("<IIII", t // 1_000_000, t % 1_000_000, len(p), len(p)))
        f.write(p)
