package dev.rtc.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator table is what the scanner reads: each spelling scans to its operator, and nothing else does. */
class OperatorsTest {
    @Test
    void everySpellingScansToItsOperator() {
        for (Operators.Spelling op : Operators.all()) {
            List<Token> tokens = Scanner.scan(op.text());
            assertThat(tokens).as(op.text()).hasSize(2);
            assertThat(tokens.get(0).kind()).as(op.text()).isEqualTo(Operators.kind(op.text()));
        }
    }

    @Test
    void wordsOutsideTheTableAreWordsAndWiresharkFourHasNoXor() {
        for (String w : List.of("xor", "bitand", "true", "udp", "any_eq_", "contain")) {
            assertThat(Scanner.scan(w).get(0).kind()).as(w).isEqualTo(Token.Kind.WORD);
            assertThat(Operators.isWord(w)).as(w).isFalse();
        }
        assertThat(Operators.of(Operators.Role.LOGICAL)).containsExactly("and", "&&", "or", "||", "not", "!");
        assertThat(Operators.usual(Operators.Role.COMPARISON))
                .containsExactly("==", "!=", "===", "!==", ">", ">=", "<", "<=", "contains", "matches", "in");
    }
}
