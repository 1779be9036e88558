package dev.rtc.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dissect.Fields;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checking and completion inside a display filter. */
class FilterWordsTest {
    private final FilterChecker checker = FilterChecker.compiling(Fields.registry());
    private final FilterCompletion completion = new FilterCompletion(Fields.registry());

    @Test
    void theCheckerIsTheDisplayFilterCompiler() {
        assertThat(checker.check("stun && udp.port == 3478")).isEmpty();
        assertThat(checker.check("")).isEmpty();
        var p = checker.check("stun && udp.prot == 1").orElseThrow();
        assertThat(p.start()).isEqualTo(8);
        assertThat(p.end()).isEqualTo(16);
        assertThat(p.message()).contains("udp.prot");
    }

    @Test
    void bareWordListsProtocolsOnly() {
        List<String> got = completion.complete("st").stream().map(FilterCompletion.Suggestion::display).toList();
        assertThat(got).contains("stun").noneMatch(n -> n.contains("."));
    }

    @Test
    void suggestionsKeepWhatWasTypedBefore() {
        assertThat(completion.complete("stun or stun.att.tra"))
                .extracting(FilterCompletion.Suggestion::value)
                .containsExactly("stun or stun.att.transp");
    }

    @Test
    void logicalOperatorsAfterAValue() {
        assertThat(completion.complete("udp.port == 3478 "))
                .extracting(FilterCompletion.Suggestion::display)
                .contains("&&", "||", "and", "or");
    }

    @Test
    void operatorsAreTheFiltersOwn() {
        List<String> afterField = completion.complete("udp.port ").stream()
                .map(FilterCompletion.Suggestion::display).toList();
        assertThat(afterField).containsAll(dev.rtc.filter.Operators.usual(dev.rtc.filter.Operators.Role.COMPARISON))
                .contains("&&", "||").doesNotContain("xor", "^^");
        List<String> afterTest = completion.complete("udp.port == 3478 ").stream()
                .map(FilterCompletion.Suggestion::display).toList();
        assertThat(afterTest).doesNotContain("xor", "^^");
        // all_eq and any_ne are comparisons: value names follow them as they follow ==
        assertThat(completion.complete("stun.att.family all_eq ").stream().map(FilterCompletion.Suggestion::display))
                .contains("IPv4");
        assertThat(completion.complete("stun.att.family any_ne ").stream().map(FilterCompletion.Suggestion::display))
                .contains("IPv6");
    }
}
