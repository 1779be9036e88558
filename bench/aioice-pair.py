"""Two aioice agents (Debian python3-aioice) in one process on 127.0.0.1, one controlling and one controlled, the
candidates handed over directly: prints the milliseconds from the start of their connect() to both being
connected. Used by bench/ice.sh as the reference for rtc ice's time to nomination.

Usage: aioice-pair.py RUNS
"""
import asyncio
import sys
import time

import aioice
from aioice import ice

# loopback only: aioice leaves 127.0.0.1 out of its host addresses, and the bench must not use others
ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"] if use_ipv4 else []


async def once():
    a = aioice.Connection(ice_controlling=True, use_ipv6=False)
    b = aioice.Connection(ice_controlling=False, use_ipv6=False)
    await a.gather_candidates()
    await b.gather_candidates()
    for x, y in ((a, b), (b, a)):
        x.remote_username = y.local_username
        x.remote_password = y.local_password
        for c in y.local_candidates:
            await x.add_remote_candidate(c)
        await x.add_remote_candidate(None)
    t0 = time.monotonic()
    await asyncio.wait_for(asyncio.gather(a.connect(), b.connect()), 10)
    elapsed = (time.monotonic() - t0) * 1000
    await a.close()
    await b.close()
    return elapsed


async def main():
    for _ in range(int(sys.argv[1])):
        print("%.1f" % await once())


asyncio.run(main())
