package dev.rtc.filter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rtc.dissect.Fields;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the display-filter compiler (Jazzer). Any string either compiles, and the filter
 * then runs over hand-built frames without throwing, or is rejected with a {@link FilterException}; anything
 * else is a finding. A normal {@code mvn test} replays the seeds in
 * src/test/resources/dev/rtc/filter/FilterParserFuzzTestInputs/; {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=FilterParserFuzzTest} fuzzes for at most 30 seconds.
 */
class FilterParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void compilesOrThrowsFilterException(byte[] data) {
        String expr = new String(data, StandardCharsets.UTF_8);
        try {
            DisplayFilter.compile(expr, Fields.registry());
        } catch (FilterException expected) {
            // most random strings are not filters
        }
        DisplayFilter f;
        try {
            f = DisplayFilter.compile(expr, TestFrames.REGISTRY);
        } catch (FilterException expected) {
            return;
        }
        for (TestFrames.Frame frame : DisplayFilterTest.frames()) {
            f.test(frame);
        }
    }
}
