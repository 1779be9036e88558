#!/usr/bin/python3
"""A call between two aiortc peers relayed through a TURN server (see README.md): neither peer has a host candidate,
so ICE checks, DTLS-SRTP, Opus audio and VP8 video all travel as TURN ChannelData (or Send/Data indications) to
the relay and from relay port to relay port. Usage: aiortc_turn_call.py TURN-URI USER PASSWORD SECONDS."""
import asyncio
import sys

import aioice.ice
import numpy
from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection, VideoStreamTrack
from aiortc.mediastreams import AudioStreamTrack
from av import VideoFrame

URI, USER, PASSWORD = sys.argv[1], sys.argv[2], sys.argv[3]
SECONDS = float(sys.argv[4]) if len(sys.argv) > 4 else 2.0
# no host candidates: the relayed candidate is each peer's only one
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: []


class SmallVideo(VideoStreamTrack):
    """80x60 frames of a moving grey bar, so VP8 has something small to encode."""

    def __init__(self):
        super().__init__()
        self.n = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        image = numpy.zeros((60, 80, 3), numpy.uint8)
        image[:, (self.n * 4) % 80:(self.n * 4) % 80 + 8] = 200
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
    config = RTCConfiguration(iceServers=[RTCIceServer(urls=URI, username=USER, credential=PASSWORD)])
    a, b = RTCPeerConnection(config), RTCPeerConnection(config)
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
    await asyncio.sleep(SECONDS)
    await a.close()
    await b.close()
    for t in tasks:
        t.cancel()


if __name__ == "__main__":
    asyncio.run(asyncio.wait_for(main(), 30))
