package dev.rtc.ice;

import java.nio.ByteBuffer;

/**
 * The packets of {@code rtc ice --measure}, shaped so that captures show them as RTP and RTCP (first byte 128..191,
 * RFC 7983; RTCP told apart by its packet type, RFC 5761).
 *
 * <ul>
 *   <li>{@link Rtp}: a 12-byte RTP header (V=2, the profile's payload type, sequence number, timestamp on the media
 *       clock, SSRC) followed by the measurement's fields — the magic {@code rtcM}, a kind (probe or data, with a
 *       flag once the peer reflected it), a 32-bit sequence number and the sender's send time in nanoseconds — and
 *       zeros up to the profile's payload size. A reflection is the same bytes with the flag set.</li>
 *   <li>{@link End} and {@link Report}: RTCP APP packets (PT 204, name {@code rtcM}), subtype 1 when a side's stream
 *       ended (with the count it sent), subtype 2 the answer, what the answering side received of that stream. Both
 *       are {@link #APP_LENGTH} bytes long, so a report never outweighs the end that asked for it.</li>
 * </ul>
 */
public final class MeasurePacket {
    /** The bytes of the measurement's fields after the RTP header. */
    public static final int RTC_PAYLOAD = 20;
    public static final int RTP_HEADER = 12;
    public static final int APP_LENGTH = 44;
    private static final int MAGIC = 0x7274634d; // "rtcM"
    private static final int RTCP_APP = 204;
    private static final int KIND_PROBE = 1;
    private static final int KIND_DATA = 2;
    private static final int REFLECTED = 0x80;
    private static final int SUBTYPE_END = 1;
    private static final int SUBTYPE_REPORT = 2;

    private MeasurePacket() {
    }

    /** What a datagram is, or null for one that is not the measurement's. */
    public sealed interface Parsed permits Rtp, End, Report {
    }

    /**
     * One RTP packet of a stream.
     *
     * @param probe     a probe (before the stream, to learn that the peer reflects) rather than data
     * @param reflected the peer sent it back
     * @param sequence  the 32-bit sequence number (its low 16 bits are the RTP sequence number)
     * @param sentNanos the sender's clock when it went out
     * @param timestamp the RTP timestamp: the send time on the media clock
     */
    public record Rtp(long ssrc, boolean probe, boolean reflected, long sequence, long sentNanos, long timestamp)
            implements Parsed {
    }

    /** A stream ended after {@code sent} data packets. */
    public record End(long ssrc, long sent) implements Parsed {
    }

    /**
     * What the reporting side received of stream {@code ssrc} (sender SSRC {@code reporter}).
     *
     * @param jitterMicros RFC 3550 interarrival jitter in microseconds
     */
    public record Report(long reporter, long ssrc, long sent, long received, long longestBurst, long reordered,
                         long duplicates, long jitterMicros) implements Parsed {
    }

    public static byte[] rtp(MeasureProfile profile, long ssrc, boolean probe, long sequence, long sentNanos) {
        ByteBuffer b = ByteBuffer.allocate(RTP_HEADER + profile.payloadBytes());
        long timestamp = Math.floorMod((long) (sentNanos * (profile.clockRate() / 1e9)), 1L << 32);
        b.put((byte) 0x80).put((byte) profile.payloadType()).putShort((short) sequence).putInt((int) timestamp)
                .putInt((int) ssrc);
        b.putInt(MAGIC).put((byte) (probe ? KIND_PROBE : KIND_DATA)).put((byte) 0).putShort((short) 0)
                .putInt((int) sequence).putLong(sentNanos);
        return b.array();
    }

    /** The reflection of an RTP packet of the peer's: the same bytes, marked as reflected. */
    public static byte[] reflection(byte[] rtp) {
        byte[] copy = rtp.clone();
        copy[RTP_HEADER + 4] |= (byte) REFLECTED;
        return copy;
    }

    public static byte[] end(long ssrc, long sent) {
        ByteBuffer b = app(SUBTYPE_END, ssrc);
        b.putInt((int) sent);
        return b.array();
    }

    public static byte[] report(Report r) {
        ByteBuffer b = app(SUBTYPE_REPORT, r.reporter());
        b.putInt((int) r.ssrc()).putInt((int) r.sent()).putInt((int) r.received()).putInt((int) r.longestBurst())
                .putInt((int) r.reordered()).putInt((int) r.duplicates())
                .putInt((int) Math.min(r.jitterMicros(), 0xFFFFFFFFL));
        return b.array();
    }

    private static ByteBuffer app(int subtype, long ssrc) {
        ByteBuffer b = ByteBuffer.allocate(APP_LENGTH);
        b.put((byte) (0x80 | subtype)).put((byte) RTCP_APP).putShort((short) (APP_LENGTH / 4 - 1)).putInt((int) ssrc)
                .putInt(MAGIC);
        return b;
    }

    /** The measurement packet in {@code d}, or null when it is something else. */
    public static Parsed parse(byte[] d) {
        if (d.length < RTP_HEADER || (d[0] & 0xC0) != 0x80) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(d);
        if ((d[1] & 0xFF) == RTCP_APP) {
            if (d.length != APP_LENGTH || b.getInt(8) != MAGIC) {
                return null;
            }
            long ssrc = b.getInt(4) & 0xFFFFFFFFL;
            int subtype = d[0] & 0x1F;
            if (subtype == SUBTYPE_END) {
                return new End(ssrc, b.getInt(12) & 0xFFFFFFFFL);
            }
            if (subtype == SUBTYPE_REPORT) {
                return new Report(ssrc, u32(b, 12), u32(b, 16), u32(b, 20), u32(b, 24), u32(b, 28), u32(b, 32),
                        u32(b, 36));
            }
            return null;
        }
        if (d.length < RTP_HEADER + RTC_PAYLOAD || b.getInt(RTP_HEADER) != MAGIC) {
            return null;
        }
        int kind = d[RTP_HEADER + 4] & 0xFF;
        int base = kind & ~REFLECTED;
        if (base != KIND_PROBE && base != KIND_DATA) {
            return null;
        }
        return new Rtp(u32(b, 8), base == KIND_PROBE, (kind & REFLECTED) != 0, u32(b, RTP_HEADER + 8),
                b.getLong(RTP_HEADER + 12), u32(b, 4));
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFFFFFFL;
    }
}
