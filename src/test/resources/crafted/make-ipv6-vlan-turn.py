#!/usr/bin/env python3
"""Rewrites ../corpus/turn-udp-session.pcap into ipv6-vlan-turn.pcap (see README.md)."""
import struct

SRC = "../corpus/turn-udp-session.pcap"
DST = "ipv6-vlan-turn.pcap"
CLIENT = bytes.fromhex("20010db8000000000000000000000001")
SERVER = bytes.fromhex("20010db8000000000000000000000002")


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def convert(frame, n):
    eth, ip = frame[:14], frame[14:]
    if eth[12:14] != b"\x08\x00":
        return frame
    ihl = (ip[0] & 0x0F) * 4
    udp = bytearray(ip[ihl:])
    sport, dport = struct.unpack("!HH", udp[:4])
    src, dst = (SERVER, CLIENT) if sport == 3478 else (CLIENT, SERVER)
    tclass = 0xB8 if udp[8:9] and 0x40 <= udp[8] <= 0x4F else 0
    udp[6:8] = b"\0\0"
    pseudo = src + dst + struct.pack("!IxxxB", len(udp), 17)
    udp[6:8] = struct.pack("!H", checksum(pseudo + bytes(udp)) or 0xFFFF)
    nxt, ext = 17, b""
    if n % 5 == 0:
        ext = struct.pack("!BB", 17, 0) + b"\x01\x04\0\0\0\0"  # hop-by-hop: PadN
        nxt = 0
    payload = ext + bytes(udp)
    hdr = struct.pack("!IHBB", (6 << 28) | (tclass << 20), len(payload), nxt, 64) + src + dst
    ethertype = b"\x86\xdd"
    if n % 3 == 0:
        ethertype = b"\x81\x00" + struct.pack("!H", (5 << 13) | 42) + ethertype
    return eth[:12] + ethertype + hdr + payload


with open(SRC, "rb") as f:
    data = f.read()
out = bytearray(data[:24])
pos, n = 24, 0
while pos + 16 <= len(data):
    sec, usec, incl, orig = struct.unpack("<IIII", data[pos:pos + 16])
    frame = data[pos + 16:pos + 16 + incl]
    pos += 16 + incl
    n += 1
    new = convert(frame, n)
    out += struct.pack("<IIII", sec, usec, len(new), len(new) + (orig - incl)) + new
with open(DST, "wb") as f:
    f.write(out)
