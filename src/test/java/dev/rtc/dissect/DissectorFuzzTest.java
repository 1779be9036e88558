package dev.rtc.dissect;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rtc.RtcException;
import dev.rtc.capture.CaptureFileReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the dissector and the capture-file reader (Jazzer). In a normal {@code mvn test} it
 * replays its seeds (src/test/resources/dev/rtc/dissect/DissectorFuzzTestInputs/: frames of each link type and
 * STUN, RTP and RTCP shape, TLS and DTLS records of the tls/ captures, a DTLS 1.3 flight under unified headers,
 * what TURN relays: ChannelData with SRTP, SRTCP, ICE checks and DTLS inside, two in one TCP segment, a Data
 * indication with a fragmented ClientHello, a Send indication with RTP, and a capture file in which a ServerHello
 * inside ChannelData sets up the SRTP and SRTCP that follow);
 * with {@code JAZZER_FUZZ=1} it fuzzes for at most 30 seconds:
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=DissectorFuzzTest}. The dissector must take any bytes under any link type;
 * the reader may only refuse a file with an RtcException. Anything else is a finding.
 */
class DissectorFuzzTest {
    private static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.SLL, LinkType.SLL2, LinkType.NULL,
            LinkType.LOOP, LinkType.RAW, LinkType.IPV4, LinkType.IPV6};

    @FuzzTest(maxDuration = "30s")
    void dissectsAnyBytes(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        int linkType = LINK_TYPES[(data[0] & 0xFF) % LINK_TYPES.length];
        Frame frame = new Frame(Fields.registry());
        // tshark's defaults, and with RTP found anywhere (its rtp_udp heuristic, Decode As on a port) so that
        // every datagram that starts like RTP meets the RTP dissector
        dissectTwice(new Dissector(DecodeOptions.DEFAULT), frame, linkType, data);
        dissectTwice(new Dissector(new DecodeOptions(true, Set.of(5004))), frame, linkType, data);
        Dissector dissector = new Dissector();
        try (CaptureFileReader reader = CaptureFileReader.open("-", new ByteArrayInputStream(data))) {
            long n = 0;
            while (reader.next(frame, ++n)) {
                dissector.dissect(frame);
            }
        } catch (RtcException expected) {
            // a malformed capture file is refused with a message
        }
    }

    /** The same bytes twice: the second frame meets the state the first one left (streams, conversations). */
    private static void dissectTwice(Dissector dissector, Frame frame, int linkType, byte[] data) {
        for (int n = 1; n <= 2; n++) {
            frame.load(n, n * 1000L, data.length - 1, linkType, data, 1, data.length - 1);
            dissector.dissect(frame);
            for (int i = 0; i < frame.occurrences(); i++) {
                frame.textAt(i);
            }
        }
    }
}
