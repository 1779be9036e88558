package dev.rtc.ice;

import dev.rtc.net.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Path quality over the selected pair of a connected {@link IceSession}: this side's stream of RTP-shaped packets
 * ({@link MeasurePacket}) at a {@link MeasureProfile}'s rate, reflected by the peer for the round trip, and the
 * reflection of the peer's stream, if it measures too.
 *
 * <p>Every connected {@code rtc ice} reflects: each probe or data packet of the peer's goes back marked as
 * reflected, and each end-of-stream is answered by one report of what arrived of that stream, so it never sends the
 * peer more packets (or bytes) than it received from it, and only while its agent is connected (an authenticated
 * session, over the nominated pair: {@link IceSession#onData} hands over nothing else).
 *
 * <p>The three views: to the peer (this side's stream as the peer received it, from the peer's report), from the
 * peer (the peer's stream as it arrived here) and the round trip (this side's packets back from the peer, with
 * their round-trip times).
 */
public final class PathMeasurement implements IceSession.DataListener {
    /** How long this side probes before it concludes that the peer does not reflect. */
    static final Duration PROBE_LIMIT = Duration.ofSeconds(3);
    private static final long PROBE_INTERVAL = 20_000_000L;
    /** End-of-stream goes out this often until the peer's report arrives, at most {@link #END_TRIES} times. */
    private static final long END_INTERVAL = 250_000_000L;
    private static final int END_TRIES = 6;
    /** A peer that measures is expected to send at least this often; quieter than this, it is taken as done. */
    private static final long PEER_QUIET = 2_000_000_000L;
    /** After the peer's end-of-stream is answered: time for a repeat of it, in case the report was lost. */
    private static final long AFTER_PEER_END = 600_000_000L;

    /**
     * What the measurement found.
     *
     * @param toPeer       this side's stream as the peer received it (the peer's report), or null when no report
     *                     arrived
     * @param fromPeer     the peer's stream as it arrived here, or null when the peer sent none
     * @param roundTrip    this side's stream back from the peer
     * @param rtt          the round-trip times of the reflected data packets
     * @param interruption why the measurement stopped early (consent lost, a peer that does not reflect), or null
     * @param reflected    the peer's packets this side sent back
     */
    public record Result(MeasureProfile profile, Duration duration, DirectionStats toPeer, DirectionStats fromPeer,
                         DirectionStats roundTrip, RttStats rtt, String interruption, long reflected) {
    }

    /** Once a second while this side streams. */
    public record Progress(double elapsedMs, long sent, long returned, long received, double lastRttMs) {
    }

    private final IceSession session;
    private final Clock clock;
    private final long ssrc;

    private final StreamStats peerStream = new StreamStats();
    private final StreamStats roundTrip = new StreamStats();
    private double[] rtts = new double[256];
    private int rttCount;
    private double lastRtt = -1;
    private long peerSsrc = -1;
    private long peerSent = -1;
    private long peerPackets;
    private long answered;
    private long lastPeerAt = Long.MIN_VALUE;
    private long peerEndAt = Long.MIN_VALUE;
    private boolean probeReturned;
    private MeasurePacket.Report report;
    /** Data packets of this side's stream sent so far (the streaming thread writes it, receive threads read it). */
    private volatile long sent;

    private PathMeasurement(IceSession session, Clock clock, Random random) {
        this.session = session;
        this.clock = clock;
        this.ssrc = random.nextInt() & 0xFFFFFFFFL;
    }

    /** Starts reflecting the peer's measurement packets (and hearing replies to this side's). */
    public static PathMeasurement attach(IceSession session, Clock clock, Random random) {
        PathMeasurement m = new PathMeasurement(session, clock, random);
        session.onData(m);
        return m;
    }

    private boolean connected() {
        return session.agent().state() == IceAgent.State.CONNECTED;
    }

    @Override
    public void datagram(byte[] data) {
        MeasurePacket.Parsed p = MeasurePacket.parse(data);
        if (p == null) {
            return;
        }
        long now = clock.nanoTime();
        byte[] answer = null;
        synchronized (this) {
            if (p instanceof MeasurePacket.Rtp r && r.ssrc() == ssrc) {
                if (r.reflected()) {
                    if (r.probe()) {
                        probeReturned = true;
                    } else if (r.sequence() < sent && roundTrip.arrived(r.sequence(), r.sentNanos(), now)) {
                        // one round-trip time per packet this side sent: copies and inventions add none
                        rtt((now - r.sentNanos()) / 1e6);
                    }
                }
            } else if (p instanceof MeasurePacket.Rtp r) {
                if (!r.reflected()) {
                    peerPackets++;
                    lastPeerAt = now;
                    if (!r.probe()) {
                        if (peerSsrc < 0) {
                            peerSsrc = r.ssrc();
                        }
                        if (r.ssrc() == peerSsrc) {
                            peerStream.arrived(r.sequence(), r.sentNanos(), now);
                        }
                    }
                    answer = MeasurePacket.reflection(data);
                }
            } else if (p instanceof MeasurePacket.End e) {
                if (e.ssrc() != ssrc) {
                    peerPackets++;
                    lastPeerAt = now;
                    peerEndAt = now;
                    if (peerSsrc < 0 || e.ssrc() == peerSsrc) {
                        peerSsrc = e.ssrc();
                        peerSent = e.sent();
                    }
                    DirectionStats s = peerStream.snapshot(e.sent());
                    answer = MeasurePacket.report(new MeasurePacket.Report(ssrc, e.ssrc(), s.sent(), s.received(),
                            s.longestBurst(), s.reordered(), s.duplicates(), Math.round(s.jitterMs() * 1000)));
                }
            } else if (p instanceof MeasurePacket.Report r && r.ssrc() == ssrc) {
                report = r;
            }
            // one answer per packet received: never more to the peer than it sent us
            if (answer != null && answered < peerPackets) {
                answered++;
            } else {
                answer = null;
            }
        }
        if (answer != null && connected()) {
            session.sendData(answer);
        }
    }

    private void rtt(double ms) {
        if (rttCount == rtts.length) {
            rtts = Arrays.copyOf(rtts, rttCount * 2);
        }
        rtts[rttCount++] = ms;
        lastRtt = ms;
    }

    /**
     * Streams for {@code duration} at {@code profile}'s rate after probing that the peer reflects, then asks the
     * peer for its report. Returns null when it ran to the end, or why it stopped early.
     */
    public String stream(MeasureProfile profile, Duration duration, Consumer<Progress> progress) {
        String stop = probe(profile);
        if (stop != null) {
            return stop;
        }
        long total = duration.toNanos() * profile.packetsPerSecond() / 1_000_000_000L;
        long interval = profile.intervalNanos();
        long start = clock.nanoTime();
        long nextProgress = start + 1_000_000_000L;
        for (long i = 0; i < total; i++) {
            waitUntil(start + i * interval);
            if (!connected()) {
                return interruption();
            }
            // counted before it goes: on loopback its reflection can be back before the next line runs
            sent = i + 1;
            session.sendData(MeasurePacket.rtp(profile, ssrc, false, i, clock.nanoTime()));
            long now = clock.nanoTime();
            if (progress != null && now >= nextProgress) {
                nextProgress += 1_000_000_000L;
                synchronized (this) {
                    progress.accept(new Progress((now - start) / 1e6, sent, roundTrip.received(),
                            peerStream.received(), lastRtt));
                }
            }
        }
        long lastSent = clock.nanoTime();
        for (int t = 0; t < END_TRIES; t++) {
            if (!connected()) {
                return interruption();
            }
            session.sendData(MeasurePacket.end(ssrc, sent));
            long until = clock.nanoTime() + END_INTERVAL;
            while (clock.nanoTime() < until && !hasReport()) {
                LockSupport.parkNanos(5_000_000L);
            }
            if (hasReport()) {
                break;
            }
        }
        // reflections still in flight: up to twice the longest round trip seen, at least 300 ms, at most 3 s
        long grace = (long) Math.min(3e9, Math.max(3e8, 2e6 * rttMax()));
        waitUntil(lastSent + grace);
        return null;
    }

    private synchronized boolean hasReport() {
        return report != null;
    }

    private synchronized double rttMax() {
        double max = 0;
        for (int i = 0; i < rttCount; i++) {
            max = Math.max(max, rtts[i]);
        }
        return max;
    }

    private String probe(MeasureProfile profile) {
        long start = clock.nanoTime();
        long n = 0;
        while (clock.nanoTime() - start < PROBE_LIMIT.toNanos()) {
            if (!connected()) {
                return interruption();
            }
            synchronized (this) {
                if (probeReturned) {
                    return null;
                }
            }
            session.sendData(MeasurePacket.rtp(profile, ssrc, true, n++, clock.nanoTime()));
            waitUntil(start + n * PROBE_INTERVAL);
        }
        synchronized (this) {
            if (probeReturned) {
                return null;
            }
        }
        return "the peer reflected none of " + n + " probes in " + dev.rtc.net.Durations.format(PROBE_LIMIT)
                + " (a peer reflects only when it is rtc ice)";
    }

    private String interruption() {
        String why = session.agent().failure();
        return why != null ? why : "the agent stopped (" + session.agent().state() + ")";
    }

    /**
     * Goes on reflecting for at least {@code least}, and for as long as the peer keeps measuring (its packets keep
     * coming, until a little after its end-of-stream), at most {@code limit} in all, while connected.
     */
    public void linger(Duration least, Duration limit) {
        long start = clock.nanoTime();
        long min = start + least.toNanos();
        long cap = start + limit.toNanos();
        while (connected()) {
            long now = clock.nanoTime();
            long quietUntil;
            synchronized (this) {
                if (lastPeerAt == Long.MIN_VALUE) {
                    quietUntil = Long.MIN_VALUE;
                } else if (peerEndAt >= lastPeerAt) {
                    quietUntil = peerEndAt + AFTER_PEER_END;
                } else {
                    quietUntil = lastPeerAt + PEER_QUIET;
                }
            }
            if (now >= cap || now >= Math.max(min, quietUntil)) {
                return;
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** What was measured; {@code profile} and {@code duration} null when this side only reflected. */
    public synchronized Result result(MeasureProfile profile, Duration duration, String interruption) {
        DirectionStats to = null;
        if (report != null) {
            long lost = Math.max(0, report.sent() - report.received());
            to = new DirectionStats(report.sent(), report.received(), lost, report.longestBurst(),
                    report.jitterMicros() / 1000.0, report.reordered(), report.duplicates());
        }
        DirectionStats from = peerSsrc < 0 ? null : peerStream.snapshot(peerSent);
        DirectionStats back = profile == null ? null : roundTrip.snapshot(sent);
        return new Result(profile, duration, to, from, back, RttStats.of(Arrays.copyOf(rtts, rttCount)),
                interruption, answered);
    }

    private void waitUntil(long at) {
        for (long left = at - clock.nanoTime(); left > 0; left = at - clock.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
