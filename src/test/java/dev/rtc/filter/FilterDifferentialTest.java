package dev.rtc.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dissect.CraftedCaptures;
import dev.rtc.dissect.Fields;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * rtc's display filter against tshark's, the oracle: every expression of {@code filter/expressions.txt} over every
 * capture the tests use selects the same frames in both, or is rejected by both with the same message; for
 * rejected ones the caret points at the same place.
 */
class FilterDifferentialTest {

    /**
     * The filters of expressions.txt, then an existence test of every field rtc knows, then for every protocol its
     * length, its last byte and a search in it (what its item covers and what contains looks through).
     */
    static List<String> expressions() throws IOException {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(lines("/filter/expressions.txt"));
        Fields.registry().fields().forEach(f -> all.add(f.name()));
        // every operator spelling rtc's scanner knows, each in a use tshark accepts
        for (Operators.Spelling op : Operators.all()) {
            String o = op.text();
            all.add(switch (op.role()) {
                case LOGICAL -> o.equals("not") || o.equals("!") ? o + " udp" : "udp " + o + " stun";
                case COMPARISON -> o.equals("contains") ? "stun.att.username contains \"ali\""
                        : o.equals("matches") || o.equals("~") ? "stun.att.username " + o + " \"^al\""
                        : o.equals("in") ? "udp.port in {3478 5349}" : "udp.port " + o + " 3478";
                case ARITHMETIC -> "udp.port " + o + " 2 == 1";
                case QUANTIFIER -> o + " udp.port == 3478";
            });
        }
        Fields.registry().fields().stream().filter(f -> f.isProtocol()).map(f -> f.name()).forEach(p -> {
            all.add("len(" + p + ") < 21");
            all.add("len(" + p + ") > 60");
            all.add(p + "[-1:] == 00");
            all.add(p + " contains 21:12:a4:42");
        });
        return List.copyOf(all);
    }

    /**
     * Filters whose results on a capture depend on dissector details rtc does not have yet (the file says why),
     * for that capture: lines of capture file name (or *), expression and reason.
     */
    static List<String> knownDifferences(Path pcap) throws IOException {
        String name = pcap.getFileName().toString();
        return lines("/filter/known-differences.txt").stream().map(l -> l.split("\t"))
                .filter(f -> f[0].equals("*") || f[0].equals(name)).map(f -> f[1]).toList();
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = FilterDifferentialTest.class.getResourceAsStream(resource)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8)
                    .split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
            return out;
        }
    }

    /**
     * The real captures of corpus/, tls/ (openssl's TLS and DTLS, a turns: session refused for its certificate)
     * and samples/, the crafted one of crafted/ (a TURN session over IPv6, VLAN, extension headers) and the
     * dissector tests' crafted captures (every link type, classic STUN, ICMP, fragments, TLS records split across
     * segments, DTLS after STUN checks).
     */
    static Stream<Path> captures() throws IOException, URISyntaxException {
        Path crafted = Files.createTempDirectory("rtc-filter-");
        List<Path> all = new ArrayList<>(CraftedCaptures.writeAll(crafted));
        all.addAll(CraftedCaptures.writeTls(crafted));
        List<Path> dirs = new ArrayList<>();
        for (String dir : List.of("/corpus", "/crafted", "/tls")) {
            dirs.add(Path.of(Objects.requireNonNull(FilterDifferentialTest.class.getResource(dir)).toURI()));
        }
        if (Files.isDirectory(Path.of("samples"))) {
            dirs.add(Path.of("samples")); // the README's sample captures, recorded by rtc's own test runs
        }
        for (Path d : dirs) {
            try (Stream<Path> files = Files.list(d)) {
                files.filter(p -> (p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                        && dev.rtc.testing.Samples.comparedAsIs(p)).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameFramesAndErrorsAsTshark(Path pcap) throws Exception {
        Requires.commands("tshark");
        List<String> exprs = new ArrayList<>(expressions());
        exprs.removeAll(knownDifferences(pcap));
        Map<String, TsharkOracle.Outcome> tshark = TsharkOracle.evaluate(pcap, exprs);
        Map<String, TsharkOracle.Outcome> rtc = CaptureFilterRun.evaluate(pcap, exprs);
        List<String> differences = new ArrayList<>();
        for (String e : exprs) {
            TsharkOracle.Outcome t = tshark.get(e);
            TsharkOracle.Outcome r = rtc.get(e);
            if (!t.equals(r) && (t.error() != null || !r.equals(TsharkOracle.frames(pcap, e)))) {
                // the Lua taps stand in for -Y to make the comparison fast, but -Y is the reference: on some
                // cut-short frames they disagree (arp[-1:] == 00 on an ARP with a trailer), so -Y has the last word
                differences.add(e + "\n    tshark: " + t + "\n    rtc:    " + r);
            }
        }
        assertThat(differences).as("%d of %d filters differ on %s", differences.size(), exprs.size(),
                pcap.getFileName()).isEmpty();
    }

    /** The Lua taps the oracle uses select what {@code tshark -Y} selects. */
    @Test
    void oracleAgreesWithTsharkDashY() throws Exception {
        Requires.commands("tshark");
        Path pcap = captures().filter(p -> p.getFileName().toString().equals("turn-udp-session.pcap"))
                .findFirst().orElseThrow();
        List<String> sample = List.of("stun && udp.port == 3478", "stun.att.type != 0x0016", "udp.port == 70000",
                "udp.payload[0:2] == 00:03", "!stun");
        Map<String, TsharkOracle.Outcome> viaTaps = TsharkOracle.evaluate(pcap, sample);
        for (String e : sample) {
            TsharkOracle.Outcome viaY = TsharkOracle.frames(pcap, e);
            if (viaY.error() != null) {
                assertThat(viaY.error()).as(e).isEqualTo(viaTaps.get(e).error());
            } else {
                assertThat(viaY.frames()).as(e).isEqualTo(viaTaps.get(e).frames());
            }
        }
    }

    /** For rejected filters, rtc's message, expression and caret lines are tshark's, character for character. */
    @Test
    void caretUnderTheSamePlaceAsTshark() throws Exception {
        Requires.commands("tshark");
        Path pcap = captures().filter(p -> p.getFileName().toString().equals("stun-binding.pcap"))
                .findFirst().orElseThrow();
        List<String> rejected = new ArrayList<>();
        List<String> known = knownDifferences(pcap);
        for (String e : expressions()) {
            if (known.contains(e)) {
                continue;
            }
            try {
                DisplayFilter.compile(e, Fields.registry());
            } catch (FilterException ex) {
                rejected.add(e);
            }
        }
        // tshark spends its time starting up: four at a time keeps the two cores busy without flooding them.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<String> differences;
        try {
            List<Future<String>> outputs = new ArrayList<>();
            for (String e : rejected) {
                outputs.add(pool.submit(() -> TsharkOracle.errorOutput(pcap, e)));
            }
            differences = new ArrayList<>();
            for (int i = 0; i < rejected.size(); i++) {
                String e = rejected.get(i);
                String rtc = rtcErrorOutput(e);
                String tshark = outputs.get(i).get(2, TimeUnit.MINUTES);
                if (!tshark.equals(rtc)) {
                    differences.add(e + "\n--- tshark:\n" + tshark + "\n--- rtc:\n" + rtc);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        int checked = rejected.size();
        assertThat(checked).isGreaterThan(40);
        assertThat(differences).as("%d of %d error outputs differ", differences.size(), checked).isEmpty();
    }

    private static String rtcErrorOutput(String expr) {
        try {
            DisplayFilter.compile(expr, Fields.registry());
            return "(accepted)";
        } catch (FilterException ex) {
            String out = ex.hasSpan() ? ex.getMessage() + "\n" + ex.caret(expr) : ex.getMessage();
            // rtc capture adds tshark's note when libpcap compiles the text as a capture filter
            // (CaptureCommandTest checks the command prints it)
            return dev.rtc.capture.LiveCapture.bpfError(expr, 1, 68) == null
                    ? out + "\n  Note: That read filter code looks like a valid capture filter;\n        maybe you mixed them up?"
                    : out;
        }
    }
}
