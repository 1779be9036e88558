package dev.rtc.probe;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the probe config reader (Jazzer): any bytes either give a config or are refused with
 * a {@link ConfigException} whose message is one line; anything else is a finding. A normal {@code mvn test}
 * replays the seeds in src/test/resources/dev/rtc/probe/ConfigReaderFuzzTestInputs/; {@code JAZZER_FUZZ=1 mvn
 * test -Dtest=ConfigReaderFuzzTest} fuzzes for at most 30 seconds.
 */
class ConfigReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsOrRefusesInOneLine(byte[] data) {
        try {
            new ConfigReader("fuzz.yml", Path.of("/nonexistent-rtc-fuzz"), k -> null).parse(data);
        } catch (ConfigException e) {
            if (e.getMessage() == null || e.getMessage().indexOf('\n') >= 0 || e.getMessage().indexOf('\r') >= 0) {
                throw new AssertionError("not a one-line error: " + e.getMessage());
            }
        }
    }
}
