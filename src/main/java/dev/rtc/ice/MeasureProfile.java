package dev.rtc.ice;

import java.util.Locale;

/**
 * The traffic {@code rtc ice --measure} sends: packets a second, RTP payload bytes, the media clock of the RTP
 * timestamps and the payload type that captures show.
 *
 * @param name             audio, video, or PPS:BYTES as given
 * @param packetsPerSecond the sending rate
 * @param payloadBytes     bytes after the 12-byte RTP header (160 for audio: one 20 ms G.711 frame)
 * @param clockRate        the RTP timestamp clock in Hz (8000 for audio, 90000 for video)
 * @param payloadType      the RTP payload type (0, PCMU, for audio; 96, dynamic, otherwise)
 */
public record MeasureProfile(String name, int packetsPerSecond, int payloadBytes, int clockRate, int payloadType) {
    /** Fewest payload bytes: the measurement's own fields ({@link MeasurePacket#RTC_PAYLOAD}). */
    public static final int MIN_PAYLOAD = MeasurePacket.RTC_PAYLOAD;
    /** Most payload bytes: a 1400-byte payload keeps the datagram under a 1500-byte MTU with IPv6 and a relay. */
    public static final int MAX_PAYLOAD = 1400;
    public static final int MAX_RATE = 1000;

    /** 50 packets/s of 160 bytes: G.711 in 20 ms frames. */
    public static final MeasureProfile AUDIO = new MeasureProfile("audio", 50, 160, 8000, 0);
    /** About 90 packets/s of 1000 bytes (720 kbit/s of payload), a modest video call. */
    public static final MeasureProfile VIDEO = new MeasureProfile("video", 90, 1000, 90000, 96);

    /** audio, video or PPS:BYTES; IllegalArgumentException with the reason otherwise. */
    public static MeasureProfile parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("audio")) {
            return AUDIO;
        }
        if (t.equals("video")) {
            return VIDEO;
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--profile: '" + text + "' is not audio, video or PPS:BYTES");
        }
        int pps;
        int bytes;
        try {
            pps = Integer.parseInt(t.substring(0, colon));
            bytes = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--profile: '" + text + "': PPS and BYTES must be whole numbers");
        }
        if (pps < 1 || pps > MAX_RATE) {
            throw new IllegalArgumentException("--profile: " + pps + " packets/s is outside 1.." + MAX_RATE);
        }
        if (bytes < MIN_PAYLOAD || bytes > MAX_PAYLOAD) {
            throw new IllegalArgumentException("--profile: " + bytes + " payload bytes is outside " + MIN_PAYLOAD
                    + ".." + MAX_PAYLOAD);
        }
        return new MeasureProfile(pps + ":" + bytes, pps, bytes, 90000, 96);
    }

    /** Nanoseconds between two packets. */
    public long intervalNanos() {
        return 1_000_000_000L / packetsPerSecond;
    }
}
