package dev.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * One test per class of malformed input: each raises StunParseException with a message that names the field,
 * its offset and the sizes. Messages are written as hex with the bad part commented.
 */
class MalformedInputTest {

    private static byte[] hex(String s) {
        return TestVectors.hex(s);
    }

    private static void rejects(byte[] bytes, String... fragments) {
        assertThatThrownBy(() -> StunMessage.decode(bytes))
                .isInstanceOf(StunParseException.class)
                .message().contains(fragments);
    }

    @Test
    void truncatedHeader() {
        rejects(hex("0001 0000 2112a442 b7e7a701bc34d686fa87df"), "header needs 20 bytes but only 19");
        rejects(new byte[0], "only 0");
    }

    @Test
    void topBitsSet() {
        rejects(hex("8001 0000 2112a442 b7e7a701bc34d686fa87dfae"), "0x8001", "top two bits");
    }

    @Test
    void lengthNotAMultipleOfFour() {
        rejects(hex("0001 0006 2112a442 b7e7a701bc34d686fa87dfae 8022 0002 6869 0000"),
                "message length 6 at offset 2 is not a multiple of 4");
    }

    @Test
    void lengthDisagreesWithTheBytes() {
        rejects(hex("0001 0008 2112a442 b7e7a701bc34d686fa87dfae 8022 0002 6869 0000 0000 0000"),
                "message length 8", "12 bytes");
        rejects(hex("0001 000c 2112a442 b7e7a701bc34d686fa87dfae 8022 0002 6869 0000"),
                "message length 12", "8 bytes");
    }

    @Test
    void attributeOverrunsTheMessage() {
        rejects(hex("0001 000c 2112a442 b7e7a701bc34d686fa87dfae"
                + "0020 000c 0001a147e112a643"), // declares 12, 8 left
                "attribute 0x0020 at offset 20 declares length 12 but only 8 bytes remain");
    }

    @Test
    void attributePaddingOverrunsTheMessage() {
        rejects(hex("0001 0008 2112a442 b7e7a701bc34d686fa87dfae"
                + "0000 0000 8022 0001"), // second header at 24, length 1 needs 4 with padding, 0 left
                "attribute 0x8022 at offset 24 declares length 1");
    }

    @Test
    void badAddressFamily() {
        rejects(hex("0101 000c 2112a442 b7e7a701bc34d686fa87dfae 0020 0008 0003a147e112a643"),
                "XOR-MAPPED-ADDRESS at offset 20 has address family 0x03");
    }

    @Test
    void truncatedAddress() {
        rejects(hex("0101 000c 2112a442 b7e7a701bc34d686fa87dfae 0020 0008 0002a147e112a643"),
                "XOR-MAPPED-ADDRESS at offset 20 has length 8; an IPv6 address needs 20");
        rejects(hex("0101 0008 2112a442 b7e7a701bc34d686fa87dfae 0001 0002 0001 0000"),
                "MAPPED-ADDRESS at offset 20 has length 2");
    }

    @Test
    void wrongFixedLength() {
        rejects(hex("0003 0008 2112a442 b7e7a701bc34d686fa87dfae 000d 0002 0258 0000"),
                "LIFETIME at offset 20 has length 2; it must be 4");
        rejects(hex("0001 0008 2112a442 b7e7a701bc34d686fa87dfae 8028 0002 0000 0000"),
                "FINGERPRINT at offset 20 has length 2; it must be 4");
        rejects(hex("0001 0008 2112a442 b7e7a701bc34d686fa87dfae 0008 0004 00000000"),
                "MESSAGE-INTEGRITY at offset 20 has length 4; it must be 20");
        rejects(hex("0001 0008 2112a442 b7e7a701bc34d686fa87dfae 001c 0004 00000000"),
                "MESSAGE-INTEGRITY-SHA256 at offset 20 has length 4");
        rejects(hex("0001 0008 2112a442 b7e7a701bc34d686fa87dfae 0025 0004 00000000"),
                "USE-CANDIDATE at offset 20 has length 4; it must be 0");
    }

    @Test
    void badErrorCode() {
        rejects(hex("0111 0008 2112a442 b7e7a701bc34d686fa87dfae 0009 0004 00000226"),
                "ERROR-CODE at offset 20 has class 2");
        rejects(hex("0111 0008 2112a442 b7e7a701bc34d686fa87dfae 0009 0004 00000464"),
                "ERROR-CODE at offset 20 has number 100");
        rejects(hex("0111 0008 2112a442 b7e7a701bc34d686fa87dfae 0009 0002 0000 0000"),
                "ERROR-CODE at offset 20 has length 2; it must be at least 4");
        rejects(hex("0111 000c 2112a442 b7e7a701bc34d686fa87dfae 0009 0005 00000426 ff000000"),
                "ERROR-CODE at offset 20: reason phrase of 1 bytes is not valid UTF-8");
    }

    @Test
    void oddUnknownAttributes() {
        rejects(hex("0111 0008 2112a442 b7e7a701bc34d686fa87dfae 000a 0003 003100 00"),
                "UNKNOWN-ATTRIBUTES at offset 20 has odd length 3");
    }

    @Test
    void passwordAlgorithmsOverrun() {
        rejects(hex("0111 0008 2112a442 b7e7a701bc34d686fa87dfae 8002 0004 0002 0008"),
                "PASSWORD-ALGORITHMS at offset 20: algorithm 0x0002 declares 8 parameter bytes");
        rejects(hex("0001 000c 2112a442 b7e7a701bc34d686fa87dfae 001d 0008 0001 0000 0002 0000"),
                "PASSWORD-ALGORITHM at offset 20 holds 2 algorithms");
    }

    @Test
    void accessTokenNonceOverrun() {
        rejects(hex("0003 0008 2112a442 b7e7a701bc34d686fa87dfae 001b 0004 0009 aabb"),
                "ACCESS-TOKEN at offset 20 declares a nonce of 9 bytes but only 2 bytes follow");
    }

    @Test
    void wrongCookieWhenClassicIsNotAllowed() {
        byte[] classic = hex("0001 0000 b7e7a701 bc34d686fa87dfae01020304");
        assertThat(StunMessage.decode(classic).isClassic()).isTrue();
        assertThatThrownBy(() -> StunMessage.decode(classic, 0, classic.length, false))
                .isInstanceOf(StunParseException.class)
                .hasMessageContaining("magic cookie at offset 4 is 0xb7e7a701; it must be 0x2112a442");
    }

    @Test
    void sliceOutsideTheBuffer() {
        assertThatThrownBy(() -> StunMessage.decode(new byte[20], 10, 20))
                .isInstanceOf(StunParseException.class).hasMessageContaining("outside a buffer of 20 bytes");
        assertThatThrownBy(() -> ChannelData.decode(new byte[4], -1, 4))
                .isInstanceOf(StunParseException.class).hasMessageContaining("outside");
    }

    @Test
    void badIntegrityIsReportedNotThrown() {
        byte[] wire = TestVectors.load("rfc5769-request");
        wire[30] ^= 1; // inside SOFTWARE, covered by MESSAGE-INTEGRITY and FINGERPRINT
        StunMessage m = StunMessage.decode(wire);
        assertThat(Integrity.verify(m, Integrity.shortTermKey(TestVectors.SHORT_TERM_PASSWORD)))
                .isEqualTo(Verification.INVALID);
    }

    @Test
    void badFingerprintIsReportedNotThrown() {
        byte[] wire = TestVectors.load("rfc5769-ipv4-response");
        wire[wire.length - 1] ^= 1; // the CRC itself
        StunMessage m = StunMessage.decode(wire);
        assertThat(Fingerprint.verify(m)).isEqualTo(Verification.INVALID);
        assertThat(Integrity.verify(m, Integrity.shortTermKey(TestVectors.SHORT_TERM_PASSWORD)))
                .isEqualTo(Verification.VALID);
    }

    @Test
    void channelDataLengthOverrun() {
        assertThatThrownBy(() -> ChannelData.decode(hex("4001 0008 01020304")))
                .isInstanceOf(StunParseException.class)
                .hasMessageContaining("ChannelData length 8 at offset 2 overruns the message: only 4 bytes follow");
    }

    @Test
    void channelDataTruncatedHeader() {
        assertThatThrownBy(() -> ChannelData.decode(hex("4001 00")))
                .isInstanceOf(StunParseException.class)
                .hasMessageContaining("ChannelData header needs 4 bytes but only 3");
    }

    @Test
    void channelDataBadChannel() {
        assertThatThrownBy(() -> ChannelData.decode(hex("3fff 0000")))
                .isInstanceOf(StunParseException.class)
                .hasMessageContaining("channel number 0x3fff at offset 0 is outside 0x4000-0x7FFF");
    }

    @Test
    void channelDataTooMuchTrailing() {
        assertThatThrownBy(() -> ChannelData.decode(hex("4001 0001 aa000000 00")))
                .isInstanceOf(StunParseException.class)
                .hasMessageContaining("ChannelData length 1 at offset 2 leaves 4 bytes after the data");
    }

    @Test
    void streamFramingRejectsForeignBytes() {
        assertThatThrownBy(() -> Demux.streamFrameLength(hex("16030100"), 0, 4))
                .isInstanceOf(StunParseException.class)
                .hasMessageContaining("stream byte 0x16 at offset 0 starts neither");
    }

    @Test
    void everyPrefixOfAValidMessageIsRejectedCleanly() {
        byte[] wire = TestVectors.load("rfc8489-b1");
        for (int n = 0; n < wire.length; n++) {
            byte[] prefix = Arrays.copyOf(wire, n);
            assertThatThrownBy(() -> StunMessage.decode(prefix)).isInstanceOf(StunParseException.class);
        }
    }
}
