"""An independent ICE agent for rtc's interop test: aioice (Debian python3-aioice) driven the way `rtc ice
--signal -` is. It writes its description (RFC 8839 attribute lines, then an empty line) to stdout, reads the
peer's from stdin up to an empty line, connects, prints "connected LOCAL REMOTE in N ms" (the time from reading
the peer's description to the nomination; or "failed: WHY") on stderr,
keeps answering checks for a moment so the peer can finish, and exits 0 when connected, 1 otherwise.

Usage: aioice_peer.py controlling|controlled [--host ADDRESS] [--stun HOST:PORT]
                     [--turn HOST:PORT --turn-user USER --turn-password PASSWORD --turn-transport udp|tcp]
--host is the one host address it gathers (default 127.0.0.1: the test must not use the machine's others).
"""
import argparse
import asyncio
import sys
import time

import aioice
from aioice import ice

parser = argparse.ArgumentParser()
parser.add_argument("role", choices=["controlling", "controlled"])
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--stun")
parser.add_argument("--turn")
parser.add_argument("--turn-user")
parser.add_argument("--turn-password")
parser.add_argument("--turn-transport", default="udp", choices=["udp", "tcp"])
args = parser.parse_args()

# aioice leaves 127.0.0.1 out of its host addresses, and the test must not use others than the one it names
ice.get_host_addresses = lambda use_ipv4, use_ipv6: [args.host] if use_ipv4 else []


def server(value):
    if value is None:
        return None
    host, port = value.rsplit(":", 1)
    return host, int(port)


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
    connection = aioice.Connection(ice_controlling=args.role == "controlling", use_ipv6=False,
                                   stun_server=server(args.stun), turn_server=server(args.turn),
                                   turn_username=args.turn_user, turn_password=args.turn_password,
                                   turn_transport=args.turn_transport)
    await connection.gather_candidates()
    out = ["a=ice-ufrag:" + connection.local_username, "a=ice-pwd:" + connection.local_password]
    out += ["a=candidate:" + c.to_sdp() for c in connection.local_candidates]
    out += ["a=end-of-candidates", "", ""]
    sys.stdout.write("\n".join(out))
    sys.stdout.flush()
    lines = await asyncio.get_running_loop().run_in_executor(None, read_description)
    started = time.monotonic()
    for line in lines:
        if line.startswith("a=ice-ufrag:"):
            connection.remote_username = line[len("a=ice-ufrag:"):]
        elif line.startswith("a=ice-pwd:"):
            connection.remote_password = line[len("a=ice-pwd:"):]
        elif line.startswith("a=candidate:"):
            await connection.add_remote_candidate(aioice.Candidate.from_sdp(line[len("a=candidate:"):]))
    await connection.add_remote_candidate(None)
    try:
        await asyncio.wait_for(connection.connect(), 10)
    except Exception as e:  # noqa: BLE001 - the test wants the reason, whatever it is
        print("failed: %r" % e, file=sys.stderr)
        await connection.close()
        return 1
    pair = connection._nominated.get(1)
    print("connected %s:%d %s:%d in %.1f ms" % (pair.local_addr + pair.remote_addr
                                               + ((time.monotonic() - started) * 1000,)), file=sys.stderr)
    sys.stderr.flush()
    await asyncio.sleep(1.5)
    await connection.close()
    return 0


sys.exit(asyncio.run(main()))
