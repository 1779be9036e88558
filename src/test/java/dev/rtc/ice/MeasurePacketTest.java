package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MeasurePacketTest {
    @Test
    void dataIsAnRtpPacketOfTheProfile() {
        byte[] d = MeasurePacket.rtp(MeasureProfile.AUDIO, 0xDEADBEEFL, false, 70_000, 1_000_000_000L);
        assertThat(d).hasSize(12 + 160);
        // V=2, no padding, extension or CSRC; PT 0 (PCMU); first byte in RFC 7983's 128..191
        assertThat(d[0] & 0xFF).isEqualTo(0x80);
        assertThat(d[1] & 0xFF).isZero();
        // the 16-bit RTP sequence number is the low half of 70000 (4464); one second on the 8 kHz clock: 8000
        assertThat(((d[2] & 0xFF) << 8) | (d[3] & 0xFF)).isEqualTo(70_000 & 0xFFFF);
        assertThat(((d[4] & 0xFF) << 24) | ((d[5] & 0xFF) << 16) | ((d[6] & 0xFF) << 8) | (d[7] & 0xFF))
                .isEqualTo(8000);
        assertThat(MeasurePacket.parse(d))
                .isEqualTo(new MeasurePacket.Rtp(0xDEADBEEFL, false, false, 70_000, 1_000_000_000L, 8000));
        byte[] back = MeasurePacket.reflection(d);
        assertThat(MeasurePacket.parse(back))
                .isEqualTo(new MeasurePacket.Rtp(0xDEADBEEFL, false, true, 70_000, 1_000_000_000L, 8000));
        assertThat(back).hasSameSizeAs(d);
        assertThat(MeasurePacket.parse(d)).as("the original is left alone")
                .isEqualTo(new MeasurePacket.Rtp(0xDEADBEEFL, false, false, 70_000, 1_000_000_000L, 8000));
        byte[] probe = MeasurePacket.rtp(MeasureProfile.VIDEO, 7, true, 3, 0);
        assertThat(probe).hasSize(1012);
        assertThat(probe[1] & 0xFF).isEqualTo(96);
        assertThat(((MeasurePacket.Rtp) MeasurePacket.parse(probe)).probe()).isTrue();
    }

    @Test
    void endAndReportAreRtcpAppPacketsOfTheSameLength() {
        byte[] end = MeasurePacket.end(0x01020304L, 500);
        assertThat(end).hasSize(MeasurePacket.APP_LENGTH);
        // RTCP: V=2 with subtype 1, PT 204 (APP), length 10 (44 bytes / 4 - 1), then SSRC and the name "rtcM"
        assertThat(end[0] & 0xFF).isEqualTo(0x81);
        assertThat(end[1] & 0xFF).isEqualTo(204);
        assertThat(end[3]).isEqualTo((byte) 10);
        assertThat(new String(end, 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("rtcM");
        assertThat(MeasurePacket.parse(end)).isEqualTo(new MeasurePacket.End(0x01020304L, 500));
        MeasurePacket.Report r = new MeasurePacket.Report(9, 0xFFFFFFFEL, 500, 475, 2, 1, 3, 121);
        byte[] report = MeasurePacket.report(r);
        assertThat(report).hasSize(end.length);
        assertThat(report[0] & 0xFF).isEqualTo(0x82);
        assertThat(MeasurePacket.parse(report)).isEqualTo(r);
    }

    @Test
    void otherDatagramsAreNotTheMeasurements() {
        // a STUN Binding request's first bytes, a DTLS record, an RTP packet of someone else's, a cut packet
        assertThat(MeasurePacket.parse(new byte[] {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0})).isNull();
        assertThat(MeasurePacket.parse(new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isNull();
        assertThat(MeasurePacket.parse(new byte[200])).isNull();
        byte[] other = new byte[172];
        other[0] = (byte) 0x80;
        assertThat(MeasurePacket.parse(other)).isNull();
        byte[] d = MeasurePacket.rtp(MeasureProfile.AUDIO, 1, false, 1, 1);
        assertThat(MeasurePacket.parse(java.util.Arrays.copyOf(d, 31))).isNull();
        byte[] end = MeasurePacket.end(1, 1);
        assertThat(MeasurePacket.parse(java.util.Arrays.copyOf(end, 40))).isNull();
    }

    @Test
    void randomBytesParseOrAreRefusedButNeverThrow() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] d = new byte[random.nextInt(64)];
            random.nextBytes(d);
            if (random.nextBoolean() && d.length > 16) {
                d[0] = (byte) 0x80;
                d[1] = (byte) (random.nextBoolean() ? 204 : 0);
                System.arraycopy(new byte[] {0x72, 0x74, 0x63, 0x4d}, 0, d, d[1] == 0 ? 12 : 8, 4);
            }
            try {
                MeasurePacket.parse(d);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", datagram " + i, e);
            }
        }
    }
}
