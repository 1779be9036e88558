package dev.rtc.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

/**
 * Coverage-guided fuzzing of the description reader (Jazzer): a peer's text is untrusted. In a normal
 * {@code mvn test} it replays its inputs (src/test/resources/dev/rtc/signal/IceDescriptionFuzzTestInputs/); with
 * {@code JAZZER_FUZZ=1} it fuzzes. Anything but a one-line DescriptionException is a finding, and so is a
 * description that does not read back the same after it is written.
 */
class IceDescriptionFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsOrSaysWhyInOneLine(byte[] data) throws IOException {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        IceDescription d;
        try {
            d = IceDescription.read(new BufferedReader(new StringReader(text)));
        } catch (DescriptionException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
            return;
        }
        IceDescription again = IceDescription.read(new BufferedReader(new StringReader(d.text())));
        assertThat(again).isEqualTo(d);
    }
}
