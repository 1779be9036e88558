package dev.rtc.dissect;

import static dev.rtc.dissect.TestPcaps.*;
import static dev.rtc.dissect.TlsPcaps.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where SRTCP's index and tag sit, checked against packets built byte by byte: after the index an 80-bit tag for
 * every HMAC-SHA1 profile, the _32 ones included (RFC 5764 section 4.1.2: only SRTP's tag is 32 bits there); for
 * AEAD the 16-byte tag ends the ciphertext and the index comes last (RFC 7714 section 17). A DTLS 1.3 ServerHello
 * keeps use_srtp in its encrypted extensions, so there the packet's length tells the layouts apart, and SRTP's tag
 * is split off only once an AEAD-shaped SRTCP packet showed which family it is.
 */
class SrtcpLayoutTest {
    private static final long SSRC = 0x8AD4083AL;

    private final Dissector dissector = new Dissector();
    private final Frame frame = new Frame(Fields.registry());
    private int number;

    private Frame dissect(byte[] udpPayload) {
        byte[] packet = ethernet(0x0800, ipv4(A, B, 17, udp(50000, 50001, udpPayload)));
        frame.load(++number, number * 1000L, packet.length, LinkType.ETHERNET, packet, 0, packet.length);
        dissector.dissect(frame);
        return frame;
    }

    private static List<String> values(Frame f, Field field) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.count(field.id()); i++) {
            out.add(f.getString(field.id(), i));
        }
        return out;
    }

    private static byte[] fill(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    /** An SR's first 8 bytes in clear (length 6 words: 28 bytes in all), then 20 bytes of ciphertext. */
    private static byte[] encryptedSenderReport() {
        return cat(new byte[] {(byte) 0x80, (byte) 200}, u16(6), u32(SSRC), fill(20, 0xEE));
    }

    private static byte[] rtp(int seq, int payload) {
        return cat(new byte[] {(byte) 0x80, 111}, u16(seq), u32(960L * seq), u32(SSRC), fill(payload, 0x55));
    }

    private void handshake(int version, byte[]... extensions) {
        dissect(dtlsRecord(22, 0, 0, dtlsHandshake(2, 0, serverHello(0xFEFD, version == 0xFEFC ? 0x1301 : 0xC02B,
                extensions))));
    }

    @Test
    void hmacProfilesPutAnEightyBitTagAfterTheIndexEvenForTheThirtyTwoBitOnes() {
        handshake(0xFEFD, useSrtp(0x0002));
        Frame f = dissect(cat(encryptedSenderReport(), u32(0x8000_0009L), fill(10, 0xAA)));
        assertThat(values(f, Fields.SRTCP_E)).containsExactly("1");
        assertThat(values(f, Fields.SRTCP_INDEX)).containsExactly("9");
        assertThat(values(f, Fields.SRTCP_AUTH_TAG)).containsExactly("aa".repeat(10));
        assertThat(f.count(Fields.SRTCP_ENCRYPTED_PAYLOAD.id())).isEqualTo(1);
        // SRTP's own tag is the profile's 32 bits
        Frame media = dissect(rtp(1, 40));
        assertThat(values(media, Fields.SRTP_AUTH_TAG)).containsExactly("55".repeat(4));
    }

    @Test
    void aeadPutsItsTagBeforeTheIndex() {
        handshake(0xFEFD, useSrtp(0x0007));
        Frame f = dissect(cat(encryptedSenderReport(), fill(16, 0xAB), u32(0x8000_0003L)));
        assertThat(values(f, Fields.SRTCP_INDEX)).containsExactly("3");
        assertThat(values(f, Fields.SRTCP_AUTH_TAG)).containsExactly("ab".repeat(16));
        assertThat(f.count(Fields.SRTCP_ENCRYPTED_PAYLOAD.id())).isEqualTo(1);
        assertThat(values(f, Fields.RTCP_SENDERSSRC)).containsExactly("0x8ad4083a");
    }

    @Test
    void dtls13HidesTheProfileAndTheLengthTellsTheHmacLayout() {
        handshake(0xFEFC, extension(43, u16(0xFEFC)));
        // before any SRTCP, SRTP's tag (4, 10 or 16 bytes) is not split off
        Frame first = dissect(rtp(1, 40));
        assertThat(values(first, Fields.SRTP_ENC_PAYLOAD)).containsExactly("55".repeat(40));
        assertThat(values(first, Fields.SRTP_AUTH_TAG)).isEmpty();

        byte[] srtcp = cat(encryptedSenderReport(), u32(0x8000_0001L), fill(10, 0xAA));
        assertThat(srtcp.length % 4).isEqualTo(2);
        Frame f = dissect(srtcp);
        assertThat(values(f, Fields.SRTCP_INDEX)).containsExactly("1");
        assertThat(values(f, Fields.SRTCP_AUTH_TAG)).containsExactly("aa".repeat(10));
        assertThat(values(f, Fields.RTCP_SENDERSSRC)).containsExactly("0x8ad4083a");
        // HMAC-SHA1 _80 or _32: SRTP's tag length is still unknown
        assertThat(values(dissect(rtp(2, 40)), Fields.SRTP_AUTH_TAG)).isEmpty();
    }

    @Test
    void dtls13AeadShapedSrtcpTeachesTheSrtpTag() {
        handshake(0xFEFC, extension(43, u16(0xFEFC)));
        byte[] srtcp = cat(encryptedSenderReport(), fill(16, 0xAB), u32(0x8000_0002L));
        assertThat(srtcp.length % 4).isZero();
        Frame f = dissect(srtcp);
        assertThat(values(f, Fields.SRTCP_INDEX)).containsExactly("2");
        assertThat(values(f, Fields.SRTCP_AUTH_TAG)).containsExactly("ab".repeat(16));
        Frame media = dissect(rtp(3, 40));
        assertThat(values(media, Fields.SRTP_AUTH_TAG)).containsExactly("55".repeat(16));
        assertThat(values(media, Fields.SRTP_ENC_PAYLOAD)).containsExactly("55".repeat(24));
    }
}
