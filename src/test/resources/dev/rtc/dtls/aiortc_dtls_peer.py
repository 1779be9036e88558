"""An independent WebRTC transport stack for rtc's DTLS interop test: aiortc's RTCIceTransport and RTCDtlsTransport
(Debian python3-aiortc). It writes its description (ICE attribute lines, a=fingerprint, a=setup, then an empty
line) to stdout, reads the peer's from stdin up to an empty line, connects ICE, runs DTLS in the role its a=setup
says, checks the peer's certificate against the peer's a=fingerprint, prints "dtls STATE PEER-FINGERPRINT" on
stderr, keeps the association up for a moment so the peer can finish, and exits 0 when DTLS connected, 1 otherwise.

Usage: aiortc_dtls_peer.py controlling|controlled active|passive [--expect FINGERPRINT]
--expect replaces the peer's a=fingerprint (to make aiortc reject rtc's certificate).
"""
import argparse
import asyncio
import sys

import aioice
from aioice import ice
from aiortc.rtcdtlstransport import (RTCCertificate, RTCDtlsFingerprint, RTCDtlsParameters, RTCDtlsTransport,
                                     certificate_digest)
from aiortc.rtcicetransport import RTCIceGatherer, RTCIceParameters, RTCIceTransport

parser = argparse.ArgumentParser()
parser.add_argument("role", choices=["controlling", "controlled"])
parser.add_argument("setup", choices=["active", "passive"])
parser.add_argument("--expect")
args = parser.parse_args()

# aioice leaves 127.0.0.1 out of its host addresses, and the test must not use the machine's others
ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"] if use_ipv4 else []


def read_description():
    lines = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            if lines:
                break
            continue
        lines.append(line)
    return lines


async def main():
    gatherer = RTCIceGatherer()
    gatherer._connection.ice_controlling = args.role == "controlling"
    await gatherer.gather()
    certificate = RTCCertificate.generateCertificate()
    mine = certificate.getFingerprints()[0]
    local = gatherer.getLocalParameters()
    out = ["a=ice-ufrag:" + local.usernameFragment, "a=ice-pwd:" + local.password]
    out += ["a=candidate:" + c.to_sdp() for c in gatherer._connection.local_candidates]
    out += ["a=end-of-candidates", "a=fingerprint:%s %s" % (mine.algorithm, mine.value), "a=setup:" + args.setup,
            "", ""]
    sys.stdout.write("\n".join(out))
    sys.stdout.flush()
    lines = await asyncio.get_running_loop().run_in_executor(None, read_description)
    ufrag = pwd = fingerprint = None
    transport = RTCIceTransport(gatherer)
    for line in lines:
        if line.startswith("a=ice-ufrag:"):
            ufrag = line[len("a=ice-ufrag:"):]
        elif line.startswith("a=ice-pwd:"):
            pwd = line[len("a=ice-pwd:"):]
        elif line.startswith("a=fingerprint:"):
            fingerprint = line[len("a=fingerprint:"):].split(" ", 1)
        elif line.startswith("a=candidate:"):
            await gatherer._connection.add_remote_candidate(aioice.Candidate.from_sdp(line[len("a=candidate:"):]))
    await gatherer._connection.add_remote_candidate(None)
    gatherer._remote_candidates_end = True
    if args.expect:
        fingerprint = args.expect.split(" ", 1)
    await asyncio.wait_for(transport.start(RTCIceParameters(usernameFragment=ufrag, password=pwd)), 10)
    if transport.state != "completed":
        print("ice %s" % transport.state, file=sys.stderr)
        return 1
    dtls = RTCDtlsTransport(transport, [certificate])
    dtls._set_role("client" if args.setup == "active" else "server")
    try:
        await asyncio.wait_for(dtls.start(RTCDtlsParameters(
            fingerprints=[RTCDtlsFingerprint(algorithm=fingerprint[0], value=fingerprint[1])])), 10)
    except asyncio.TimeoutError:
        print("dtls timeout", file=sys.stderr)
        return 1
    peer = dtls.ssl.get_peer_certificate()
    state = dtls.state
    print("dtls %s sha-256 %s" % (state, certificate_digest(peer) if peer else "-"), file=sys.stderr)
    sys.stderr.flush()
    await asyncio.sleep(1.5)
    await dtls.stop()
    await transport.stop()
    return 0 if state == "connected" else 1


sys.exit(asyncio.run(main()))
