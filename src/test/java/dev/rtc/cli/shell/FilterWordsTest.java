package dev.rtc.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dissect.Fields;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field-name checking and completion inside a display filter. */
class FilterWordsTest {
    private final FieldNameChecker checker = new FieldNameChecker(Fields.registry());
    private final FilterCompletion completion = new FilterCompletion(Fields.registry());

    @Test
    void knownFieldsAndValuesPass() {
        assertThat(checker.check("stun && udp.port == 3478")).isEmpty();
        assertThat(checker.check("ip.addr == 10.0.0.0/8 and udp.length > 100")).isEmpty();
        assertThat(checker.check("stun.att.crc32.status == Good")).isEmpty();
        assertThat(checker.check("udp.port in {3478 5349}")).isEmpty();
        assertThat(checker.check("")).isEmpty();
    }

    @Test
    void unknownFieldIsReportedWithItsPlace() {
        var p = checker.check("stun && udp.prot == 1").orElseThrow();
        assertThat(p.start()).isEqualTo(8);
        assertThat(p.end()).isEqualTo(16);
        assertThat(p.message()).isEqualTo("\"udp.prot\" is neither a field nor a protocol name.");
    }

    @Test
    void bareWordListsProtocolsOnly() {
        List<String> got = completion.complete("st").stream().map(FilterCompletion.Suggestion::display).toList();
        assertThat(got).contains("stun").noneMatch(n -> n.contains("."));
    }

    @Test
    void suggestionsKeepWhatWasTypedBefore() {
        assertThat(completion.complete("stun or stun.att.ty"))
                .extracting(FilterCompletion.Suggestion::value)
                .containsExactly("stun or stun.att.type");
    }

    @Test
    void logicalOperatorsAfterAValue() {
        assertThat(completion.complete("udp.port == 3478 "))
                .extracting(FilterCompletion.Suggestion::display)
                .contains("&&", "||", "and", "or");
    }
}
