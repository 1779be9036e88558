package dev.rtc.stun;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rtc.output.StunDetail;

/**
 * Coverage-guided fuzzing of the decoders (Jazzer). In a normal {@code mvn test} it replays its seed inputs
 * (src/test/resources/dev/rtc/stun/StunDecoderFuzzTestInputs/, the RFC vectors and a few malformed messages);
 * with {@code JAZZER_FUZZ=1} it fuzzes for at most 30 seconds:
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=StunDecoderFuzzTest}. Anything but StunParseException is a finding, in the
 * decoders and in the renderer of what they decode.
 */
class StunDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decoderThrowsOnlyItsOwnException(byte[] data) {
        PropertyTest.probe(data);
        try {
            StunMessage m = StunMessage.decode(data);
            StunDetail.lines(m, new byte[] {1});
            StunDetail.json(m, new byte[] {1});
        } catch (StunParseException expected) {
            // probe has checked the message of the exception
        }
        try {
            ChannelData.decode(data);
        } catch (StunParseException expected) {
            // malformed ChannelData is the normal case for most inputs
        }
        int pos = 0;
        try {
            while (pos < data.length) {
                int n = Demux.streamFrameLength(data, pos, data.length - pos);
                if (n < 0 || n > data.length - pos) {
                    break;
                }
                pos += n;
            }
        } catch (StunParseException expected) {
            // bytes that start neither STUN nor ChannelData
        }
    }
}
