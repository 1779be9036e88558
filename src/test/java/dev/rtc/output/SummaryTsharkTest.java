package dev.rtc.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.capture.CaptureFileReader;
import dev.rtc.dissect.CraftedCaptures;
import dev.rtc.dissect.Dissector;
import dev.rtc.dissect.Fields;
import dev.rtc.dissect.Frame;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-line summary against tshark's default output, frame by frame, on every capture the tests use: the same
 * number, source, destination, protocol column and length (the info column is rtc's own wording for STUN).
 */
class SummaryTsharkTest {
    /** number, time, source, arrow, destination, protocol, length, info. */
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+)\\s+\\S+\\s+(.*?)\\s*→\\s*(.*?)\\s+(\\S+(?: "
            + "CHANNEL)?)\\s+(\\d+)(?:\\s.*)?$");

    static Stream<Path> captures() throws IOException {
        List<Path> all = new ArrayList<>(CraftedCaptures.writeAll(Files.createTempDirectory("rtc-summary-")));
        for (String dir : List.of("src/test/resources/corpus", "src/test/resources/crafted", "samples")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                // not the WebRTC call samples (see Samples): there tshark's protocol column also says DTLSv1.2 and
                // SRTP from what it tracks per conversation, where rtc's says DTLS and RTP
                files.filter(p -> p.toString().endsWith(".pcap") && dev.rtc.testing.Samples.comparedAsIs(p))
                        .sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    private static List<String> columns(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.add(m.group(1) + " | " + m.group(2) + " | " + m.group(3) + " | " + m.group(4) + " | "
                        + m.group(5));
            } else if (!line.isBlank() && !line.startsWith("Running as user")) {
                out.add("unparsed: " + line);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameColumnsAsTshark(Path pcap) throws Exception {
        Requires.commands("tshark");
        String out;
        try (ExternalProcess p = ExternalProcess.start(List.of("tshark", "-n", "-r", pcap.toString()))) {
            assertThat(p.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            out = p.log();
        }
        List<String> tshark = columns(out.lines().toList());
        List<String> mine = new ArrayList<>();
        Frame frame = new Frame(Fields.registry());
        Dissector dissector = new Dissector();
        try (CaptureFileReader r = CaptureFileReader.open(pcap.toString(), InputStream.nullInputStream())) {
            long n = 0;
            while (r.next(frame, ++n)) {
                dissector.dissect(frame);
                dissector.displayed(frame);
                mine.add(FrameSummary.line(frame));
            }
        }
        assertThat(tshark).as("tshark's lines of %s", pcap).isNotEmpty().noneMatch(l -> l.startsWith("unparsed"));
        assertThat(columns(mine)).as("number | source | destination | protocol | length of %s", pcap)
                .isEqualTo(tshark);
    }
}
