package dev.rtc.dissect;

import static dev.rtc.dissect.TestPcaps.*;
import static dev.rtc.dissect.TlsPcaps.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DTLS 1.3 (RFC 9147), which tshark 4.0 cannot read, checked against the packets' bytes: the unified header of
 * encrypted records (§4: first byte 001CSLEE), a ClientHello fragmented across two records, and where such
 * records are recognised (after a plaintext record, or on a conversation that carried DTLS) and where not.
 */
class Dtls13Test {
    private final Dissector dissector = new Dissector();
    private final Frame frame = new Frame(Fields.registry());
    private int number;

    private Frame dissect(byte[] udpPayload, boolean forward) {
        byte[] packet = ethernet(0x0800, forward ? ipv4(A, B, 17, udp(50000, 50001, udpPayload))
                : ipv4(B, A, 17, udp(50001, 50000, udpPayload)));
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

    /** A unified-header record: flags (S: 16-bit sequence, L: length present), epoch bits, sequence, body. */
    private static byte[] unified(boolean longSeq, boolean length, int epoch, int seq, byte[] body) {
        int b0 = 0x20 | (longSeq ? 0x08 : 0) | (length ? 0x04 : 0) | (epoch & 3);
        return cat(new byte[] {(byte) b0}, longSeq ? u16(seq) : new byte[] {(byte) seq},
                length ? u16(body.length) : new byte[0], body);
    }

    @Test
    void serverFlightWithPlaintextServerHelloAndEncryptedRecordsUnderTheUnifiedHeader() {
        byte[] serverHello = dtlsRecord(22, 0, 0, dtlsHandshake(2, 0, serverHello(0xFEFD, 0x1301,
                extension(43, u16(0xFEFC)), useSrtp(7))));
        byte[] encryptedExtensions = unified(true, true, 2, 0x1234, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] finished = unified(false, false, 2, 0x56, new byte[] {9, 9, 9});
        Frame f = dissect(cat(serverHello, encryptedExtensions, finished), false);

        assertThat(f.getString(Fields.FRAME_PROTOCOLS.id(), 0)).isEqualTo("eth:ethertype:ip:udp:dtls");
        assertThat(values(f, Fields.DTLS_RECORD_CONTENT_TYPE)).containsExactly("22");
        assertThat(values(f, Fields.DTLS_HANDSHAKE_EXTENSIONS_SUPPORTED_VERSION)).containsExactly("0xfefc");
        assertThat(values(f, Fields.DTLS_USE_SRTP_PROTECTION_PROFILE)).containsExactly("0x0007");
        // epoch: the plaintext record's 16 bits, then each unified header's low two bits (EE)
        assertThat(values(f, Fields.DTLS_RECORD_EPOCH)).containsExactly("0", "2", "2");
        // the sequence numbers as sent: 48 bits in the plaintext header, 16 (S set) and 8 bits in the unified ones
        assertThat(values(f, Fields.DTLS_RECORD_SEQUENCE_NUMBER)).containsExactly("0", "4660", "86");
        // the first unified record says its length (L), the last runs to the end of the datagram
        assertThat(values(f, Fields.DTLS_RECORD_LENGTH)).containsExactly(
                String.valueOf(serverHello.length - 13), "8");
        assertThat(values(f, Fields.DTLS_ENC_CONTENT)).containsExactly("0102030405060708", "090909");
    }

    @Test
    void encryptedRecordsAloneAreDtlsOnlyOnAConversationThatCarriedDtls() {
        byte[] encrypted = unified(true, true, 3, 7, new byte[20]);
        Frame before = dissect(encrypted, true);
        assertThat(before.getString(Fields.FRAME_PROTOCOLS.id(), 0)).isEqualTo("eth:ethertype:ip:udp:data");

        byte[] first = cat(new byte[] {1}, u24(200), u16(0), u24(0), u24(100), new byte[100]);
        byte[] second = cat(new byte[] {1}, u24(200), u16(0), u24(100), u24(100), new byte[100]);
        // a ClientHello of 200 bytes in two fragments, in two records of one datagram (RFC 9147 §5.5)
        Frame hello = dissect(cat(dtlsRecord(22, 0, 0, first), dtlsRecord(22, 0, 1, second)), true);
        assertThat(values(hello, Fields.DTLS_HANDSHAKE_TYPE)).containsExactly("1", "1");
        assertThat(values(hello, Fields.DTLS_HANDSHAKE_FRAGMENT_OFFSET)).containsExactly("0", "100");
        assertThat(values(hello, Fields.DTLS_HANDSHAKE_FRAGMENT_LENGTH)).containsExactly("100", "100");
        assertThat(values(hello, Fields.DTLS_HANDSHAKE_LENGTH)).containsExactly("200", "200");

        Frame after = dissect(encrypted, false);
        assertThat(after.getString(Fields.FRAME_PROTOCOLS.id(), 0)).isEqualTo("eth:ethertype:ip:udp:dtls");
        assertThat(values(after, Fields.DTLS_RECORD_EPOCH)).containsExactly("3");
        assertThat(values(after, Fields.DTLS_RECORD_SEQUENCE_NUMBER)).containsExactly("7");
        assertThat(values(after, Fields.DTLS_RECORD_LENGTH)).containsExactly("20");
    }

    @Test
    void aUnifiedHeaderCutShortOrWithAConnectionIdShowsWhatItHas() {
        dissect(dtlsRecord(22, 0, 0, dtlsHandshake(1, 0, clientHello(true, 0xFEFD, new int[] {0x1301}))), true);
        // C set: the connection id's length is not in the record, so only the epoch bits show
        Frame cid = dissect(new byte[] {0x31, 1, 2, 3, 4, 5, 6, 7}, true);
        assertThat(values(cid, Fields.DTLS_RECORD_EPOCH)).containsExactly("1");
        assertThat(cid.count(Fields.DTLS_RECORD_SEQUENCE_NUMBER.id())).isZero();
        Frame whole = dissect(unified(true, true, 2, 1, new byte[4]), true);
        assertThat(values(whole, Fields.DTLS_ENC_CONTENT)).containsExactly("00000000");
        // a length beyond the datagram: not records that fill it, so not DTLS
        byte[] cut = Arrays.copyOf(unified(true, true, 2, 1, new byte[4]), 7);
        cut[4] = 100;
        Frame bad = dissect(cut, true);
        assertThat(bad.getString(Fields.FRAME_PROTOCOLS.id(), 0)).isEqualTo("eth:ethertype:ip:udp:data");
    }
}
