package dev.rtc.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.cli.Cli;
import dev.rtc.dissect.Fields;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter in a typed line turns green when it compiles and red when it does not; the rest stays plain. */
class FilterHighlighterTest {
    private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);

    private Terminal terminal;
    private LineReader reader;

    @BeforeEach
    void setUp() throws Exception {
        terminal = TerminalBuilder.builder().dumb(true)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
        reader = LineReaderBuilder.builder().terminal(terminal).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        terminal.close();
    }

    private AttributedString highlight(String line, boolean color) {
        var model = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getCommandSpec();
        return new FilterHighlighter(model, FilterChecker.compiling(Fields.registry()), color)
                .highlight(reader, line);
    }

    @Test
    void validFilterIsGreen() {
        String line = "filter check 'stun && udp.port == 3478'";
        AttributedString s = highlight(line, true);
        assertThat(s.toString()).isEqualTo(line);
        assertThat(s.styleAt(line.indexOf("udp.port"))).isEqualTo(GREEN);
        assertThat(s.styleAt(0)).isEqualTo(AttributedStyle.DEFAULT);
    }

    @Test
    void invalidFilterIsRedWhereverItStands() {
        String check = "filter check 'stun && udp.prot == 1'";
        assertThat(highlight(check, true).styleAt(check.indexOf("stun"))).isEqualTo(RED);
        String capture = "capture -r x.pcap -c 5 stun and";
        AttributedString s = highlight(capture, true);
        assertThat(s.styleAt(capture.indexOf("stun"))).isEqualTo(RED);
        assertThat(s.styleAt(capture.indexOf("x.pcap"))).isEqualTo(AttributedStyle.DEFAULT);
    }

    @Test
    void withoutColourAnInvalidFilterIsUnderlined() {
        String line = "filter check 'udp.port =='";
        assertThat(highlight(line, false).styleAt(line.indexOf("udp"))).isEqualTo(AttributedStyle.DEFAULT.underline());
    }

    @Test
    void aLineWithoutFilterIsLeftAlone() {
        AttributedString s = highlight("--version", true);
        assertThat(s.styleAt(2)).isEqualTo(AttributedStyle.DEFAULT);
    }
}
