package dev.rtc.man;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed man pages in man/ are exactly what the picocli annotations produce. */
class ManPagesTest {
    private static final Path MAN = Path.of("man");

    @Test
    void committedPagesMatchTheAnnotations() throws Exception {
        Map<String, String> wanted = ManPages.render();
        Map<String, String> committed = ManPages.read(MAN);
        List<String> problems = new ArrayList<>();
        for (String page : wanted.keySet()) {
            if (!committed.containsKey(page)) {
                problems.add("man/" + page + " is missing");
            } else if (!committed.get(page).equals(wanted.get(page))) {
                problems.add("man/" + page + " differs from the annotations (first difference at line "
                        + firstDifferentLine(committed.get(page), wanted.get(page)) + ")");
            }
        }
        for (String page : committed.keySet()) {
            if (!wanted.containsKey(page)) {
                problems.add("man/" + page + " belongs to no command");
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("; ", problems) + ". Regenerate the man pages with: " + ManPages.REGENERATE);
        }
    }

    @Test
    void everyCommandHasAPageWithNameSynopsisAndNoDate() {
        Map<String, String> pages = ManPages.render();
        assertThat(pages).containsKey("rtc.1").containsKey("rtc-generate-completion.1");
        for (Map.Entry<String, String> e : pages.entrySet()) {
            assertThat(e.getValue()).as(e.getKey())
                    .contains(".SH \"NAME\"")
                    .contains(".SH \"SYNOPSIS\"")
                    .containsPattern("(?m)^\\.TH \"[^\"]+\" \"1\" \"\" ")
                    .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        }
    }

    static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            if (!x[i].equals(y[i])) {
                return i + 1;
            }
        }
        return n + 1;
    }
}
