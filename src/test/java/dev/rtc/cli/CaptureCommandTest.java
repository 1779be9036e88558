package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.CliRun;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rtc capture} reading files: output formats against golden files, frames selected and written against
 * tshark, and the usage errors.
 */
class CaptureCommandTest {
    static final String UDP = "src/test/resources/corpus/turn-udp-session.pcap";
    static final String TCP = "src/test/resources/corpus/turn-tcp-session.pcap";
    static final Path GOLDEN = Path.of("src/test/resources/golden/capture");

    @TempDir
    Path tmp;

    /** Compares with the golden file; {@code -Dgolden.update=true} rewrites it (on purpose only). */
    static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "summary.txt      | -r," + UDP,
        "summary-tcp.txt  | -r," + TCP + ",-c,12",
        "detail.txt       | -r," + UDP + ",-V,-c,4",
        "hex.txt          | -r," + UDP + ",-x,-c,2",
        "json.txt         | -r," + UDP + ",-T,json,-c,2",
        "ndjson.txt       | -r," + UDP + ",-T,ndjson,-c,3,stun.type.class == 0x11",
        "fields.txt       | -r," + UDP + ",-T,fields,-e,frame.number,-e,ip.src,-e,stun.att.type,-e,stun.time,"
                + "-E,header=y,-E,separator=/s,stun.att.lifetime",
        "stats.txt        | -r," + UDP + ",-q,-z,stun",
        "quiet.txt        | -r," + UDP + ",-q,stun && udp.port==3478"})
    void outputMatchesGolden(String golden, String args) throws IOException {
        CliRun r = CliRun.run(concat("capture", args.split(",")));
        assertThat(r.exit()).as(r.toString()).isZero();
        golden(golden, r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stun && udp.port==3478", "stun.type.class == 0x11", "stun.att.error == 1",
        "udp.length < 100", "ip.dst == 127.0.0.1 and not stun", "stun.att.lifetime == 0",
        "stun.response-to && stun.time < 0.001", "data", "tcp.flags.syn == 1", "stun.att.crc32.status == \"Good\"",
        "udp.stream in {0, 2, 4}", "stun.channel >= 0x4000", "frame.len > 140 || tcp.len > 100"})
    void selectsTheFramesTsharkSelects(String filter) throws Exception {
        Requires.commands("tshark");
        for (String file : List.of(UDP, TCP, "src/test/resources/corpus/turn-errors.pcap")) {
            CliRun r = CliRun.run("capture", "-r", file, "-T", "fields", "-e", "frame.number", filter);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).as(file + " " + filter).isEqualTo(tshark("-n", "-r", file, "-Y", filter, "-T",
                    "fields", "-e", "frame.number"));
        }
    }

    @Test
    void writesOnlyMatchingFramesAsPcapTsharkReads() throws Exception {
        Requires.commands("tshark");
        Path out = tmp.resolve("out.pcap");
        CliRun r = CliRun.run("capture", "-r", UDP, "-w", out.toString(), "stun.type.class == 0x10");
        assertThat(r.exit()).as(r.toString()).isZero();
        String expected = tshark("-n", "-r", UDP, "-Y", "stun.type.class == 0x10", "-T", "fields", "-e", "udp.payload");
        assertThat(tshark("-n", "-r", out.toString(), "-T", "fields", "-e", "udp.payload")).isEqualTo(expected);
        long n = expected.lines().count();
        assertThat(r.err()).contains("134 frames read, " + n + " written to " + out);
    }

    @Test
    void readsPcapngAndStandardInput() throws Exception {
        Requires.commands("editcap");
        Path ng = tmp.resolve("udp.pcapng");
        Process p = new ProcessBuilder("editcap", "-F", "pcapng", UDP, ng.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        CliRun fromPcap = CliRun.run("capture", "-r", UDP, "-T", "fields", "-e", "frame.time_relative", "-e",
                "stun.id");
        CliRun fromPcapng = CliRun.run("capture", "-r", ng.toString(), "-T", "fields", "-e", "frame.time_relative",
                "-e", "stun.id");
        assertThat(fromPcapng.exit()).as(fromPcapng.toString()).isZero();
        assertThat(fromPcapng.out()).isEqualTo(fromPcap.out());

        java.io.InputStream saved = System.in;
        try {
            System.setIn(Files.newInputStream(ng));
            CliRun fromStdin = CliRun.run("capture", "-r", "-", "-T", "fields", "-e", "frame.time_relative", "-e",
                    "stun.id");
            assertThat(fromStdin.out()).isEqualTo(fromPcap.out());
        } finally {
            System.setIn(saved);
        }
    }

    /** A pcapng of two interfaces with different link types: -w keeps the first's frames and says so. */
    @Test
    void writingAPcapngOfTwoLinkTypes() throws Exception {
        Requires.commands("editcap", "mergecap");
        String binding = "src/test/resources/corpus/stun-binding.pcap";
        Path raw = tmp.resolve("raw.pcap");
        Path merged = tmp.resolve("merged.pcapng");
        assertThat(new ProcessBuilder("editcap", "-T", "rawip", binding, raw.toString()).start().waitFor()).isZero();
        assertThat(new ProcessBuilder("mergecap", "-F", "pcapng", "-w", merged.toString(), binding, raw.toString())
                .start().waitFor()).isZero();
        Path out = tmp.resolve("out.pcap");
        CliRun r = CliRun.run("capture", "-r", merged.toString(), "-w", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("8 matching frames were not written").contains("16 frames read, 8 written");
        CliRun back = CliRun.run("capture", "-r", out.toString(), "-T", "fields", "-e", "stun.id");
        assertThat(back.out()).isEqualTo(CliRun.run("capture", "-r", binding, "-T", "fields", "-e", "stun.id").out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-r," + UDP + ",udp.port == 70000 | \"70000\" too big for this field, maximum 65535.",
        "-r," + UDP + ",-f,udp port 3478 | -f sets a kernel capture filter for live capture",
        "-r," + UDP + ",-Y,stun,udp | either as the argument or with -Y",
        "-r," + UDP + ",-T,fields | -T fields needs at least one -e FIELD",
        "-r," + UDP + ",-T,fields,-e,udp.prot | Some fields aren't valid: udp.prot",
        "-r," + UDP + ",-z,rtp | unknown statistics 'rtp' (rtc knows -z stun and -z rtp,streams)",
        "-r,/nonexistent/x.pcap | /nonexistent/x.pcap: no such file",
        "-r,/nonexistent/x.pcap,-q | /nonexistent/x.pcap: no such file",
        "-r," + UDP + ",--duration,3 | --duration applies to live capture",
        "-r," + UDP + ",-U | -U writes each frame out at once, which applies to -w FILE",
        "-r," + UDP + ",-d,udp.port==5004 | -d 'udp.port==5004': expected udp.port==N,rtp",
        "-r," + UDP + ",-d,udp.port==0 rtp | expected udp.port==N,rtp",
        "-r," + UDP + ",--enable-heuristic,rtpx | unknown heuristic 'rtpx' (rtc knows rtp_udp and rtcp_udp)"})
    void usageErrorsAreOneLineAndExitTwo(String args, String message) {
        CliRun r = CliRun.run(concat("capture", args.split(",")));
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void filterErrorShowsWherewithACaret() {
        CliRun r = CliRun.run("capture", "-r", UDP, "udp.port == 70000");
        assertThat(r.err()).isEqualTo("""
                rtc capture: "70000" too big for this field, maximum 65535.
                    udp.port == 70000
                                ^~~~~
                """);
    }

    @Test
    void aCaptureFilterGivenAsDisplayFilterGetsTsharksNote() {
        CliRun r = CliRun.run("capture", "-r", UDP, "udp port 3478");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("""
                rtc capture: "port" was unexpected in this context.
                    udp port 3478
                        ^~~~
                  Note: That read filter code looks like a valid capture filter;
                        maybe you mixed them up?
                """);
        assertThat(CliRun.run("capture", "-r", UDP, "udp prt 3478").err()).doesNotContain("Note:");
    }

    @Test
    void aDisplayFilterGivenToDashFGetsAHint() {
        CliRun r = CliRun.run("capture", "-i", "lo", "-f", "udp.port==3478");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("valid display filter").contains("'udp port 3478'");
    }

    static String tshark(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
