package dev.rtc.ice;

/**
 * A MOS estimate from the ITU-T G.107 E-model: R = 93.2 - Idd - Ie,eff, and MOS from R by G.107's conversion. It
 * is an estimate, not a listening test: every G.107 parameter other than delay and loss keeps its default value
 * (hence 93.2), the echo is taken as cancelled (Idte and Idle are 0) and the advantage factor A is 0. The codec is
 * G.711 with packet-loss concealment (ITU-T G.113 Appendix I: Ie = 0, Bpl = 25.1) under random loss (BurstR = 1),
 * in 20 ms frames. The mouth-to-ear delay Ta is the one-way network delay (half the round-trip time) plus one
 * frame of packetization plus a jitter buffer of twice the measured interarrival jitter.
 */
public final class EModel {
    /** G.107's R with every parameter at its default value. */
    public static final double R_DEFAULT = 93.2;
    public static final double IE = 0;
    public static final double BPL = 25.1;
    public static final double PACKETIZATION_MS = 20;
    /** The codec assumption, in words, for reports. */
    public static final String ASSUMPTIONS = "ITU-T G.107 E-model for G.711 voice with packet-loss concealment"
            + " (Ie 0, Bpl 25.1, random loss), 20 ms frames, a jitter buffer of twice the jitter, echo cancelled";

    private EModel() {
    }

    /** Mouth-to-ear delay in ms: half the round trip, one frame, a jitter buffer of twice the jitter. */
    public static double mouthToEarMs(double rttMs, double jitterMs) {
        return rttMs / 2 + PACKETIZATION_MS + 2 * jitterMs;
    }

    /** G.107's delay impairment Idd for mouth-to-ear delay Ta in ms (0 up to 100 ms). */
    public static double idd(double taMs) {
        if (taMs <= 100) {
            return 0;
        }
        double x = Math.log10(taMs / 100) / Math.log10(2);
        return 25 * (Math.pow(1 + Math.pow(x, 6), 1.0 / 6) - 3 * Math.pow(1 + Math.pow(x / 3, 6), 1.0 / 6) + 2);
    }

    /** G.107's effective equipment impairment for a packet loss of {@code lossPercent} (random loss). */
    public static double ieEff(double lossPercent) {
        return IE + (95 - IE) * lossPercent / (lossPercent + BPL);
    }

    public static double r(double taMs, double lossPercent) {
        return R_DEFAULT - idd(taMs) - ieEff(lossPercent);
    }

    /** G.107's conversion of R to MOS (1 below 0, 4.5 from 100). */
    public static double mos(double r) {
        if (r <= 0) {
            return 1;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }

    /** The MOS estimate for a direction with this loss and jitter over a path with this round-trip time. */
    public static double estimate(double rttMs, double jitterMs, double lossPercent) {
        return mos(r(mouthToEarMs(rttMs, jitterMs), lossPercent));
    }
}
