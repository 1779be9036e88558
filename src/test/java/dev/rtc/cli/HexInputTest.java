package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexInputTest {
    @Test
    void formsPeoplePaste() {
        byte[] expected = {0x00, 0x01, (byte) 0xab, (byte) 0xCD};
        assertThat(HexInput.parse("0001abcd")).containsExactly(expected);
        assertThat(HexInput.parse("00 01 AB CD")).containsExactly(expected);
        assertThat(HexInput.parse("00:01:ab:cd")).containsExactly(expected);
        assertThat(HexInput.parse("0x0001abcd\n")).containsExactly(expected);
        assertThat(HexInput.parse("0001 # type\n  abcd  # more\n")).containsExactly(expected);
        assertThat(HexInput.parse("# header only comment\n00-01-ab-cd")).containsExactly(expected);
    }

    @Test
    void zeroDigitsFollowedByXInsideDataIsNotAPrefix() {
        assertThatThrownBy(() -> HexInput.parse("a0x1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'x' at character 3 is not a hex digit");
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> HexInput.parse("00 0g")).hasMessage("'g' at character 5 is not a hex digit");
        assertThatThrownBy(() -> HexInput.parse("abc")).hasMessage("odd number of hex digits (3)");
        assertThatThrownBy(() -> HexInput.parse("  \n# nothing\n")).hasMessage("no hex digits");
        assertThatThrownBy(() -> HexInput.parse("00 é")).hasMessage("'é' at character 4 is not a hex digit");
    }
}
