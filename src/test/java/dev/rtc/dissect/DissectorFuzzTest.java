package dev.rtc.dissect;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rtc.RtcException;
import dev.rtc.capture.CaptureFileReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the dissector and the capture-file reader (Jazzer). In a normal {@code mvn test} it
 * replays its seeds (src/test/resources/dev/rtc/dissect/DissectorFuzzTestInputs/: frames of each link type and
 * STUN shape, TLS and DTLS records of the tls/ captures, a DTLS 1.3 flight under unified headers); with {@code JAZZER_FUZZ=1} it fuzzes for at most 30 seconds:
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
        Dissector dissector = new Dissector();
        Frame frame = new Frame(Fields.registry());
        // the same bytes twice: the second frame meets the state the first one left (streams, conversations)
        for (int n = 1; n <= 2; n++) {
            frame.load(n, n * 1000L, data.length - 1, linkType, data, 1, data.length - 1);
            dissector.dissect(frame);
            for (int i = 0; i < frame.occurrences(); i++) {
                frame.textAt(i);
            }
        }
        try (CaptureFileReader reader = CaptureFileReader.open("-", new ByteArrayInputStream(data))) {
            long n = 0;
            while (reader.next(frame, ++n)) {
                dissector.dissect(frame);
            }
        } catch (RtcException expected) {
            // a malformed capture file is refused with a message
        }
    }
}
