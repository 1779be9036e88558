#!/usr/bin/python3
"""A two-second call between two aiortc peers in one process (see README.md): ICE on loopback only, DTLS-SRTP,
Opus audio and VP8 video, aiortc's RTCP (SR, RR, SDES, REMB, PLI/NACK as it needs them)."""
import asyncio
import fractions
import sys

import aioice.ice
import numpy
from aiortc import RTCPeerConnection, VideoStreamTrack
from aiortc.mediastreams import AudioStreamTrack
from av import VideoFrame

ADDRESS = sys.argv[1] if len(sys.argv) > 1 else "127.13.0.1"
# host candidates on the loopback address only: the call never leaves this machine
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: [ADDRESS]


class SmallVideo(VideoStreamTrack):
    """160x120 frames of a moving grey bar, so VP8 has something to encode."""

    def __init__(self):
        super().__init__()
        self.n = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        image = numpy.zeros((120, 160, 3), numpy.uint8)
        image[:, (self.n * 4) % 160:(self.n * 4) % 160 + 16] = 200
        self.n += 1
        frame = VideoFrame.from_ndarray(image, format="bgr24")
        frame.pts = pts
        frame.time_base = time_base
        return frame


async def consume(track):
    try:
        while True:
            await track.recv()
    except Exception:
        pass


async def main():
    a, b = RTCPeerConnection(), RTCPeerConnection()
    for pc in (a, b):
        pc.addTrack(AudioStreamTrack())
        pc.addTrack(SmallVideo())
    tasks = []
    for pc in (a, b):
        pc.on("track", lambda track: tasks.append(asyncio.ensure_future(consume(track))))
    await a.setLocalDescription(await a.createOffer())
    await b.setRemoteDescription(a.localDescription)
    await b.setLocalDescription(await b.createAnswer())
    await a.setRemoteDescription(b.localDescription)
    await asyncio.sleep(2.5)
    await a.close()
    await b.close()
    for t in tasks:
        t.cancel()


if __name__ == "__main__":
    asyncio.run(asyncio.wait_for(main(), 30))
