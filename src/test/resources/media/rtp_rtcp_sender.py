#!/usr/bin/python3
"""Sends real RTP and RTCP over UDP on loopback, for rtc's media tests (see README.md).

Three flows between 127.12.0.1 (A) and 127.12.0.2 (B), each on its own sockets:
  plain   RTP 40000 -> 40002 and RTCP 40001 -> 40003 (RFC 3550 even/odd ports, no STUN): CSRCs, one-byte and
          two-byte header extensions (RFC 8285), another profile's extension, padding, a lost packet, and every
          RTCP packet type rtc decodes (SR, RR, SDES, BYE, APP, RTPFB NACK, PSFB PLI and REMB), plus malformed ones
  webrtc  41000 <-> 41001: a STUN Binding check and its answer, then RTP and RTCP multiplexed (RFC 5761) both ways
  decode  RTP 42001 -> 42000 without STUN, for Decode As
"""
import socket
import struct
import sys
import time

A = "127.12.0.1"  # the side that sends first
B = "127.12.0.2"
NTP_EPOCH = 2208988800


def sock(host, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((host, port))
    return s


def rtp(pt, seq, ts, ssrc, payload, marker=False, csrcs=(), ext=None, padding=0):
    b0 = 0x80 | (0x20 if padding else 0) | (0x10 if ext else 0) | len(csrcs)
    out = struct.pack("!BBHII", b0, (0x80 if marker else 0) | pt, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc)
    for c in csrcs:
        out += struct.pack("!I", c)
    if ext:
        profile, body = ext
        body += b"\0" * (-len(body) % 4)
        out += struct.pack("!HH", profile, len(body) // 4) + body
    out += payload
    if padding:
        out += b"\0" * (padding - 1) + bytes([padding])
    return out


def one_byte(*elements):
    return b"".join(bytes([(i << 4) | (len(d) - 1)]) + d for i, d in elements)


def two_byte(*elements):
    return b"".join(bytes([i, len(d)]) + d for i, d in elements)


def header(count, pt, body, padding=0):
    total = 4 + len(body) + padding
    b0 = 0x80 | (0x20 if padding else 0) | count
    pad = b"\0" * (padding - 1) + bytes([padding]) if padding else b""
    return struct.pack("!BBH", b0, pt, total // 4 - 1) + body + pad


def ntp(t):
    secs = int(t) + NTP_EPOCH
    return struct.pack("!II", secs, int((t - int(t)) * (1 << 32)))


def block(ssrc, fraction, lost, ext_high, jitter, lsr, dlsr):
    return struct.pack("!IB", ssrc, fraction) + (lost & 0xFFFFFF).to_bytes(3, "big") + struct.pack(
        "!IIII", ext_high, jitter, lsr, dlsr)


def sr(ssrc, t, rtp_ts, packets, octets, blocks=(), padding=0):
    body = struct.pack("!I", ssrc) + ntp(t) + struct.pack("!III", rtp_ts, packets, octets) + b"".join(blocks)
    return header(len(blocks), 200, body, padding)


def rr(ssrc, blocks):
    return header(len(blocks), 201, struct.pack("!I", ssrc) + b"".join(blocks))


def sdes(chunks):
    body = b""
    for ssrc, items in chunks:
        c = struct.pack("!I", ssrc)
        for t, text in items:
            c += bytes([t, len(text)]) + text
        c += b"\0" * (4 - len(c) % 4)  # at least one null octet ends the item list
        body += c
    return header(len(chunks), 202, body)


def bye(ssrcs, reason=b""):
    body = b"".join(struct.pack("!I", s) for s in ssrcs)
    if reason:
        r = bytes([len(reason)]) + reason
        body += r + b"\0" * (-len(r) % 4)
    return header(len(ssrcs), 203, body)


def app(ssrc, subtype, name, data):
    return header(subtype, 204, struct.pack("!I", ssrc) + name + data)


def nack(sender, media, pairs):
    return header(1, 205, struct.pack("!II", sender, media) + b"".join(struct.pack("!HH", p, b) for p, b in pairs))


def pli(sender, media):
    return header(1, 206, struct.pack("!II", sender, media))


def remb(sender, exp, mantissa, ssrcs):
    fci = b"REMB" + struct.pack("!B", len(ssrcs)) + ((exp << 18) | mantissa).to_bytes(3, "big")
    fci += b"".join(struct.pack("!I", s) for s in ssrcs)
    return header(15, 206, struct.pack("!II", sender, 0) + fci)


def stun_binding(cls, tid, attrs=b""):
    return struct.pack("!HHI", 0x0001 | cls, len(attrs), 0x2112A442) + tid + attrs


def main():
    plain_rtp, plain_rtp_peer = sock(A, 40000), sock(B, 40002)
    plain_rtcp, plain_rtcp_peer = sock(A, 40001), sock(B, 40003)
    web_a, web_b = sock(A, 41000), sock(B, 41001)
    decode, decode_peer = sock(A, 42001), sock(B, 42000)
    pause = lambda: time.sleep(0.02)
    a_ssrc, b_ssrc = 0x11223344, 0xCAFEBABE

    # plain RTP: PCMU 20 ms frames, sequence 65530.. so that it wraps, one packet lost (seq 2)
    ts, t0 = 160000, time.time()
    for i in range(12):
        seq = 65530 + i
        if seq & 0xFFFF == 2:
            continue
        kw = {}
        if i == 0:
            kw["marker"] = True
        if i == 1:
            kw["csrcs"] = (0x01020304, 0x0A0B0C0D)
        if i == 2:
            kw["ext"] = (0xBEDE, one_byte((1, b"\x30"), (3, b"\x00\x01\x02")))
        if i == 3:
            kw["ext"] = (0x1000, two_byte((2, b"\xAA\xBB"), (5, b""), (7, b"\x01\x02\x03\x04\x05")))
        if i == 4:
            kw["ext"] = (0x1234, b"\xDE\xAD\xBE\xEF\x01\x02\x03\x04")
        if i == 5:
            kw["padding"] = 4
        plain_rtp.sendto(rtp(0, seq, ts + 160 * i, a_ssrc, bytes(range(160)), **kw), (B, 40002))
        pause()
    # malformed: CSRC count beyond the packet, an extension longer than the packet, padding larger than the packet
    plain_rtp.sendto(bytes([0x8F, 0x00]) + struct.pack("!HII", 9, 0, a_ssrc) + b"\x01\x02\x03\x04", (B, 40002))
    plain_rtp.sendto(bytes([0x90, 0x00]) + struct.pack("!HII", 10, 0, a_ssrc) + b"\xBE\xDE\x00\x09\x10\xFF",
                     (B, 40002))
    plain_rtp.sendto(bytes([0xA0, 0x00]) + struct.pack("!HII", 11, 0, a_ssrc) + b"\x01\x02\x03\xFF", (B, 40002))
    pause()

    rb = block(b_ssrc, 64, 1, 0x00010005, 37, 0x12345678, 6554)
    rb_neg = block(0x55667788, 0, -3, 0x00000010, 0, 0, 0)
    sends = [
        sr(a_ssrc, t0 + 0.25, ts + 1600, 11, 1760) + sdes([(a_ssrc, [(1, b"alice@rtc.test"), (2, b"Alice")])]),
        rr(b_ssrc, [rb, rb_neg]) + sdes([(b_ssrc, [(1, b"bob@rtc.test")]), (0x55667788, [(6, b"rtc test")])]),
        sr(a_ssrc, t0 + 0.5, ts + 3200, 11, 1760, [rb]) + pli(a_ssrc, b_ssrc),
        pli(b_ssrc, a_ssrc),
        remb(b_ssrc, 3, 150000, [a_ssrc, 0x99AABBCC]) + rr(b_ssrc, []),
        app(a_ssrc, 3, b"rtcT", b"\x00\x01\x02\x03\x04\x05\x06\x07"),
        nack(b_ssrc, a_ssrc, [(2, 0x0005), (100, 0)]),
        rr(b_ssrc, [rb]) + nack(b_ssrc, a_ssrc, [(65535, 0x8001)]),
        bye([a_ssrc], b"call ended") + b"",
        rr(b_ssrc, []) + bye([b_ssrc, 0x55667788]),
        # malformed: a length that runs past the datagram, then a second packet cut short
        struct.pack("!BBH", 0x81, 201, 20) + struct.pack("!I", b_ssrc) + rb[:12],
        rr(b_ssrc, []) + struct.pack("!BBH", 0x80, 202, 5) + struct.pack("!I", b_ssrc),
        sr(a_ssrc, t0 + 1.5, 0, 0, 0)[:20],
    ]
    for payload in sends:
        plain_rtcp.sendto(payload, (B, 40003))
        pause()

    # webrtc: the Binding check and its answer, then media both ways on the same 5-tuple
    tid = bytes(range(1, 13))
    web_a.sendto(stun_binding(0x0000, tid), (B, 41001))
    pause()
    xor = struct.pack("!HHBBH", 0x0020, 8, 0, 1, 41000 ^ 0x2112) + socket.inet_aton(A)
    xor = xor[:8] + bytes(x ^ y for x, y in zip(xor[8:], struct.pack("!I", 0x2112A442)))
    web_b.sendto(stun_binding(0x0100, tid, xor), (A, 41000))
    pause()
    for i in range(6):
        mid = one_byte((1, b"0"), (2, struct.pack("!I", i)[1:]))
        web_a.sendto(rtp(111, 1000 + i, 48000 + 960 * i, 0xA1A2A3A4, b"\xfc" + bytes(40), marker=i == 0,
                         ext=(0xBEDE, mid)), (B, 41001))
        web_b.sendto(rtp(96, 7000 + i, 90000 + 3000 * i, 0xB1B2B3B4, bytes(100), marker=i % 3 == 2), (A, 41000))
        pause()
    web_b.sendto(rr(0xB1B2B3B4, [block(0xA1A2A3A4, 0, 0, 1005, 12, 0, 0)]) + remb(0xB1B2B3B4, 2, 250000,
                                                                                  [0xA1A2A3A4]), (A, 41000))
    web_a.sendto(sr(0xA1A2A3A4, t0 + 2, 48000 + 960 * 6, 6, 246) + sdes([(0xA1A2A3A4, [(1, b"a")])]),
                 (B, 41001))
    web_a.sendto(nack(0xA1A2A3A4, 0xB1B2B3B4, [(7003, 0)]), (B, 41001))
    web_b.sendto(pli(0xB1B2B3B4, 0xA1A2A3A4), (A, 41000))
    pause()

    # decode: RTP that only Decode As (or the heuristic) finds
    for i in range(3):
        decode.sendto(rtp(8, 300 + i, 8000 + 160 * i, 0xD0D0D0D0, bytes(160)), (B, 42000))
        pause()


if __name__ == "__main__":
    sys.exit(main())
