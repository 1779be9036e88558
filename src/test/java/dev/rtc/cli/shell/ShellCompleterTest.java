package dev.rtc.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.cli.Cli;
import dev.rtc.dissect.Fields;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Completion over a picocli model: commands, options, values, files, interfaces and display-filter fields. */
class ShellCompleterTest {
    enum Format { text, json, ndjson }

    enum Nat { open, full_cone, symmetric }

    @Command(name = "look")
    static final class Look implements Runnable {
        @Option(names = "--format") Format format;
        @Option(names = "-r", paramLabel = "FILE") String read;
        @Option(names = "-i", paramLabel = "INTERFACE") String iface;
        @Option(names = "--expect", split = ",") List<Nat> expect;
        @Option(names = "-q") boolean quiet;
        @Parameters(paramLabel = "FILTER", arity = "0..*") List<String> filter;

        @Override
        public void run() {
        }
    }

    @Command(name = "rtc", subcommands = Look.class)
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    private Terminal terminal;
    private LineReader reader;
    private ShellCompleter completer;
    private final Parser parser = new DefaultParser();

    @BeforeEach
    void setUp() throws IOException {
        terminal = TerminalBuilder.builder().dumb(true)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
        reader = LineReaderBuilder.builder().terminal(terminal).build();
        completer = new ShellCompleter(new CommandLine(new Root()).getCommandSpec(),
                new FilterCompletion(Fields.registry()));
    }

    @AfterEach
    void tearDown() throws IOException {
        terminal.close();
    }

    private List<String> complete(String line) {
        ParsedLine parsed = parser.parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete(reader, parsed, out);
        return out.stream().map(Candidate::value).toList();
    }

    @Test
    void firstWordIsACommandOrABuiltin() {
        assertThat(complete("")).contains("look", "help", "clear", "exit");
    }

    @Test
    void optionsOfTheCommand() {
        assertThat(complete("look --")).contains("--format", "--expect");
        assertThat(complete("look -")).contains("-r", "-i", "-q");
    }

    @Test
    void enumValuesOfAnOption() {
        assertThat(complete("look --format ")).containsExactlyInAnyOrder("text", "json", "ndjson");
        assertThat(complete("look --format=")).contains("--format=json");
    }

    @Test
    void commaSeparatedValuesCompleteTheLastItem() {
        assertThat(complete("look --expect open,")).contains("open,symmetric", "open,full_cone");
    }

    @Test
    void interfaceNamesForDashI() {
        assertThat(complete("look -i ")).contains("lo", "any");
    }

    @Test
    void filesForDashR(@TempDir File dir) throws IOException {
        assertThat(new File(dir, "trace.pcap").createNewFile()).isTrue();
        assertThat(complete("look -r " + dir.getPath() + "/tr")).anyMatch(v -> v.endsWith("trace.pcap"));
    }

    @Test
    void filterArgumentOffersStunAttributeFields() {
        List<String> got = complete("look -q stun.att.");
        assertThat(got).contains("stun.att.type", "stun.att.length", "stun.att.crc32.status")
                .allMatch(v -> v.startsWith("stun.att."));
    }

    @Test
    void quotedFilterWithAnOperatorBeforeTheField() {
        assertThat(complete("look 'stun && udp.p")).contains("stun && udp.port");
    }

    @Test
    void operatorsAfterAFieldAndValueNamesAfterAComparison() {
        assertThat(complete("look 'udp.port ")).contains("udp.port ==", "udp.port contains");
        assertThat(complete("look 'stun.att.crc32.status == ")).isNotEmpty()
                .allMatch(v -> v.startsWith("stun.att.crc32.status == "));
    }

    @Test
    void theRealCommandLineOffersTheShellItself() {
        ShellCompleter real = new ShellCompleter(
                Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                        .getCommandSpec(), new FilterCompletion(Fields.registry()));
        ParsedLine parsed = parser.parse("sh", 2, Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        real.complete(reader, parsed, out);
        assertThat(out).extracting(Candidate::value).contains("shell", "generate-completion");
        List<Candidate> types = new ArrayList<>();
        real.complete(reader, parser.parse("nat-type --expect full-cone,", 28, Parser.ParseContext.COMPLETE),
                types);
        assertThat(types).extracting(Candidate::value).contains("full-cone,symmetric", "full-cone,udp-blocked");
    }
}
