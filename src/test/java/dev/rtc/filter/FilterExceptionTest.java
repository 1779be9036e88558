package dev.rtc.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The caret tshark prints under a bad filter, and the fields a compiled filter reads. */
class FilterExceptionTest {

    @Test
    void caretUnderTheSpanIndentedLikeTshark() {
        String expr = "udp.port == 70000";
        FilterException e = catchThrowableOfType(() -> DisplayFilter.compile(expr, TestFrames.REGISTRY),
                FilterException.class);
        assertThat(e.caret(expr)).isEqualTo("    udp.port == 70000\n                ^~~~~");
    }

    @Test
    void oneCharacterSpanIsACaretAlone() {
        String expr = "udp.port == 3478)";
        FilterException e = catchThrowableOfType(() -> DisplayFilter.compile(expr, TestFrames.REGISTRY),
                FilterException.class);
        assertThat(e.caret(expr)).isEqualTo("    udp.port == 3478)\n                    ^");
    }

    @Test
    void noSpanNoCaret() {
        FilterException e = catchThrowableOfType(() -> DisplayFilter.compile("(", TestFrames.REGISTRY),
                FilterException.class);
        assertThat(e.hasSpan()).isFalse();
        assertThat(e.start()).isEqualTo(-1);
        assertThat(e.caret("(")).isEmpty();
    }

    @Test
    void fieldsUsedAreTheFieldsTheFilterReads() {
        DisplayFilter f = DisplayFilter.compile(
                "stun && udp.port == 3478 && len(udp.payload) > 4 || count(stun.att.type) > 1",
                TestFrames.REGISTRY);
        Set<Integer> expected = Set.of(id("stun"), id("udp.port"), id("udp.payload"), id("stun.att.type"));
        assertThat(f.fieldsUsed()).isEqualTo(expected);
    }

    @Test
    void emptyFilterPassesEverythingAndReadsNothing() {
        DisplayFilter f = DisplayFilter.compile("  ", TestFrames.REGISTRY);
        assertThat(f.fieldsUsed()).isEmpty();
        assertThat(f.passesEverything()).isTrue();
        assertThat(f.test(TestFrames.frame())).isTrue();
    }

    private static int id(String name) {
        return TestFrames.REGISTRY.lookup(name).id();
    }
}
