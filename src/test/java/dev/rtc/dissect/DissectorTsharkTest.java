package dev.rtc.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.capture.CaptureFileReader;
import dev.rtc.testing.Requires;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of every frame, rtc against tshark ({@code -T fields -E occurrence=a}) on the corpus of real
 * captures and on crafted ones covering each link type, IP variant and STUN attribute family: which fields
 * exist in which frame, how often, and their values as tshark prints them.
 */
class DissectorTsharkTest {
    /** Fields whose value depends on something other than the frame (display history) or that print as labels. */
    private static final Set<String> SKIPPED = Set.of("frame.time", "frame.time_delta_displayed");

    static Stream<Arguments> captures() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String dirName : List.of("src/test/resources/corpus", "src/test/resources/tls", "samples")) {
            try (Stream<Path> files = Files.list(Path.of(dirName))) {
                files.filter(p -> p.toString().endsWith(".pcap") && dev.rtc.testing.Samples.comparedAsIs(p)).sorted()
                        .forEach(p -> out.add(Arguments.of(p)));
            }
        }
        Path crafted = Files.createTempDirectory("rtc-dissect-");
        // removed when the JVM ends, files before their directory (deleteOnExit runs in reverse order)
        crafted.toFile().deleteOnExit();
        List<Object[]> craftedCaptures = new ArrayList<>(TestPcaps.all());
        craftedCaptures.addAll(TlsPcaps.all());
        for (Object[] c : craftedCaptures) {
            @SuppressWarnings("unchecked")
            List<byte[]> frames = (List<byte[]>) c[2];
            Path file = TestPcaps.write(crafted.resolve((String) c[0]), (Integer) c[1], frames);
            file.toFile().deleteOnExit();
            out.add(Arguments.of(file));
        }
        return out.stream();
    }

    /**
     * tshark's protocol chain without the protocols it finds inside a plaintext certificate (x509af, x509sat,
     * x509ce, pkcs-1, ...): rtc does not decode certificates, and says so in the README.
     */
    static String withoutCertificates(String chain) {
        return java.util.Arrays.stream(chain.split(":"))
                .filter(p -> !p.startsWith("x509") && !p.startsWith("pkcs") && !p.equals("pkix1explicit")
                        && !p.equals("pkix1implicit"))
                .collect(java.util.stream.Collectors.joining(":"));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyFieldMatchesTshark(Path pcap) throws Exception {
        assertThat(mismatches(pcap)).as(pcap.getFileName().toString()).isEmpty();
    }

    /**
     * The fields compared on a capture: all but where tshark is known wrong. tshark hands a DTLS conversation
     * whose ServerHello chose use_srtp to RTP, which then reads the DTLS records that follow as RTP version 0
     * (without listing rtp in frame.protocols); rtc keeps them DTLS, as RFC 7983's first byte (20-63) says.
     */
    static java.util.function.Predicate<Field> comparedOn(Path pcap) {
        return pcap.getFileName().toString().equals("dtls12-srtp.pcap") ? NOT_RTP : f -> true;
    }

    /** The fields compared on a capture of a DTLS conversation that negotiated use_srtp (see comparedOn). */
    static final java.util.function.Predicate<Field> NOT_RTP = f -> !f.name().startsWith("rtp.");

    /**
     * tshark's options for rtc's defaults: what TURN relays (ChannelData, DATA attributes) is dissected again by
     * default in rtc, and in tshark with these heuristics, which only look inside STUN.
     */
    static final List<String> INSIDE_TURN = List.of("--enable-heuristic", "rtp_stun", "--enable-heuristic",
            "dtls_stun", "--enable-heuristic", "stun_turn");

    /** Every field of every frame, with default preferences on both sides (tshark's TURN heuristics on). */
    static List<String> mismatches(Path pcap) throws Exception {
        return mismatches(pcap, INSIDE_TURN, DecodeOptions.DEFAULT, n -> true, comparedOn(pcap));
    }

    /**
     * The fields of each frame the predicate selects, rtc with {@code options} against tshark with
     * {@code tsharkOptions}, as "frame N field: tshark 'a' rtc 'b'" lines (none when they agree). Also checks that
     * both read the same number of frames and list the same protocols in every selected frame.
     */
    static List<String> mismatches(Path pcap, List<String> tsharkOptions, DecodeOptions options,
                                   java.util.function.LongPredicate selected) throws Exception {
        return mismatches(pcap, tsharkOptions, options, selected, f -> true);
    }

    /** The same for the fields {@code compared} accepts. */
    static List<String> mismatches(Path pcap, List<String> tsharkOptions, DecodeOptions options,
                                   java.util.function.LongPredicate selected,
                                   java.util.function.Predicate<Field> compared) throws Exception {
        Requires.commands("tshark");
        List<Field> fields = Fields.registry().fields().stream()
                .filter(f -> f.type() != FieldType.PROTOCOL && !SKIPPED.contains(f.name()))
                .filter(f -> compared.test(f) || f == Fields.FRAME_PROTOCOLS).toList();
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields",
                "-E", "occurrence=a", "-E", "aggregator=,"));
        cmd.addAll(tsharkOptions);
        for (Field f : fields) {
            cmd.add("-e");
            cmd.add(f.name());
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("tshark exit").isZero();
        String[] expected = out.split("\n", -1);

        Dissector dissector = new Dissector(options);
        Frame frame = new Frame(Fields.registry());
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        try (CaptureFileReader reader = CaptureFileReader.open("-",
                new ByteArrayInputStream(Files.readAllBytes(pcap)))) {
            while (reader.next(frame, n + 1)) {
                n++;
                dissector.dissect(frame);
                dissector.displayed(frame);
                if (!selected.test(n)) {
                    continue;
                }
                String[] cols = expected[n - 1].split("\t", -1);
                int protoCol = fields.indexOf(Fields.FRAME_PROTOCOLS);
                cols[protoCol] = withoutCertificates(cols[protoCol]);
                for (int k = 0; k < fields.size(); k++) {
                    Field f = fields.get(k);
                    StringBuilder mine = new StringBuilder();
                    for (int i = 0; i < frame.count(f.id()); i++) {
                        mine.append(i > 0 ? "," : "").append(frame.getString(f.id(), i));
                    }
                    if (!mine.toString().equals(cols[k])) {
                        mismatches.add("frame " + n + " " + f.name() + ": tshark '" + cols[k] + "' rtc '" + mine
                                + "'");
                    }
                }
                // protocols: present in rtc exactly when tshark lists them in frame.protocols
                String chain = frame.getString(Fields.FRAME_PROTOCOLS.id(), 0);
                assertThat(chain).as("frame %d protocols", n).isEqualTo(cols[protoCol]);
            }
        }
        assertThat(n).as("frames").isEqualTo(expected.length - 1);
        return mismatches;
    }
}
