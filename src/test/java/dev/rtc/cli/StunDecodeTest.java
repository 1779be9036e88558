package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.output.Json;
import dev.rtc.testing.CliRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rtc stun --decode}: hex in every form people paste it, integrity checks, malformed input. */
class StunDecodeTest {
    // RFC 5769 section 2.1: short-term password VOkJxbRl1RmTxUk/WvJxBt
    static final String RFC5769_REQUEST = "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420"
            + "636c69656e74002400046e0001ff80290008932ff9b151263b36000600096576746a3a68367659202020000800149aeaa7"
            + "0cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf";
    // RFC 5769 section 2.4: long-term, user マトリックス, realm example.org, password The\u00adM\u00aatr\u2168
    static final String RFC5769_LONG_TERM = "000100602112a44278ad3433c6ad72c029da412e00060012e3839ee38388e383aae3"
            + "8383e382afe382b900000015001c662f2f3439396b39353464364f4c33346f4c394653547679363473410014000b6578616d"
            + "706c652e6f72670000080014f67024656dd64a3e02b8e0712e85c9a28ca89666";

    private static void assertUsage(CliRun r, String text) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(text).doesNotContain("Exception");
    }

    @Test
    void sampleFileDecodesWithAtFile() {
        CliRun r = CliRun.run("stun", "--decode", "@samples/binding-response.hex");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Binding Success Response").contains("XOR-MAPPED-ADDRESS")
                .contains("127.0.0.1:50000").contains("FINGERPRINT").contains("Coturn-4.6.1");
    }

    /**
     * The decoded sample, as text and JSON, against golden files. Regenerate on purpose with
     * {@code mvn test -Dtest=StunDecodeTest -Drtc.golden.update=true}, then review the diff.
     */
    @Test
    void sampleMatchesGoldenFiles() throws IOException {
        golden("binding-response.txt", CliRun.run("stun", "--decode", "@samples/binding-response.hex").out());
        golden("binding-response.json", CliRun.run("stun", "--decode", "@samples/binding-response.hex",
                "--format", "json").out());
        golden("rfc5769-request-checked.txt", CliRun.run("stun", "--decode", RFC5769_REQUEST,
                "--password", "VOkJxbRl1RmTxUk/WvJxBt").out());
    }

    private static void golden(String file, String actual) throws IOException {
        Path p = Path.of("src/test/resources/golden/stun-command").resolve(file);
        if (Boolean.getBoolean("rtc.golden.update")) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual);
        }
        assertThat(p).as("golden file %s (create it with -Drtc.golden.update=true)", p).exists();
        assertThat(actual).as("output against %s", p).isEqualTo(Files.readString(p));
    }

    @Test
    void sampleFileContentAsArgumentDecodesToo() throws IOException {
        String text = Files.readString(Path.of("samples/binding-response.hex"));
        CliRun r = CliRun.run("stun", "--decode", text);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(CliRun.run("stun", "--decode", "@samples/binding-response.hex").out());
    }

    @Test
    void hexWithSpacesColonsAndPrefix() {
        String spaced = RFC5769_REQUEST.replaceAll("(..)", "$1 ");
        String colons = RFC5769_REQUEST.replaceAll("(..)(?!$)", "$1:");
        CliRun a = CliRun.run("stun", "--decode", RFC5769_REQUEST);
        assertThat(a.exit()).isZero();
        assertThat(CliRun.run("stun", "--decode", spaced).out()).isEqualTo(a.out());
        assertThat(CliRun.run("stun", "--decode", colons).out()).isEqualTo(a.out());
        assertThat(CliRun.run("stun", "--decode", "0x" + RFC5769_REQUEST.toUpperCase()).out()).isEqualTo(a.out());
        assertThat(a.out()).contains("USERNAME").contains("evtj:h6vY").contains("ICE-CONTROLLED");
    }

    @Test
    void standardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream((RFC5769_REQUEST + "\n").getBytes(StandardCharsets.US_ASCII)));
            CliRun r = CliRun.run("stun", "--decode", "-");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("Binding Request");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void shortTermIntegrity() {
        CliRun ok = CliRun.run("stun", "--decode", RFC5769_REQUEST, "--password", "VOkJxbRl1RmTxUk/WvJxBt");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("MESSAGE-INTEGRITY checked with the short-term key: correct")
                .contains("HMAC-SHA1: 9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2 [correct]");

        CliRun bad = CliRun.run("stun", "--decode", RFC5769_REQUEST, "--password", "wrong");
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.out()).contains("MESSAGE-INTEGRITY checked with the short-term key: incorrect");
        assertThat(bad.err().strip()).isEqualTo("rtc stun: MESSAGE-INTEGRITY does not match the short-term key");
    }

    @Test
    void longTermIntegrityTakesUserAndRealmFromTheMessage() {
        CliRun ok = CliRun.run("stun", "--decode", RFC5769_LONG_TERM, "--password", "The\u00adM\u00aatr\u2168");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("long-term key of \u30de\u30c8\u30ea\u30c3\u30af\u30b9 in realm example.org: correct");
        CliRun wrongRealm = CliRun.run("stun", "--decode", RFC5769_LONG_TERM, "--password", "TheMatrIX",
                "--realm", "other.org");
        assertThat(wrongRealm.exit()).isEqualTo(3);
    }

    @Test
    void rawKey() {
        // the RFC 5769 long-term key: MD5("マトリックス:example.org:TheMatrIX")
        String key = java.util.HexFormat.of().formatHex(dev.rtc.stun.Integrity.longTermKey(
                "\u30de\u30c8\u30ea\u30c3\u30af\u30b9", "example.org", "TheMatrIX"));
        CliRun ok = CliRun.run("stun", "--decode", RFC5769_LONG_TERM, "--key", key);
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("checked with the key given: correct");
    }

    @Test
    void absentIntegrityIsACheckNotMet(@TempDir Path dir) {
        CliRun r = CliRun.run("stun", "--decode", "@samples/binding-response.hex", "--password", "x");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("rtc stun: the message has no MESSAGE-INTEGRITY to check");
    }

    @Test
    void json() throws IOException {
        CliRun r = CliRun.run("stun", "--decode", RFC5769_REQUEST, "--password", "VOkJxbRl1RmTxUk/WvJxBt",
                "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("rtc.stun/1");
        assertThat(doc.get("integrity").get("result").asText()).isEqualTo("correct");
        assertThat(doc.get("message").toString()).contains("USERNAME");
    }

    @Test
    void channelData() {
        CliRun r = CliRun.run("stun", "--decode", "4001 0005 68656c6c6f 000000");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ChannelData (3 bytes of stream padding)").contains("Channel Number: 0x4001")
                .contains("Length: 5").contains("Data: 68656c6c6f");
    }

    @Test
    void malformedInputIsAUsageError(@TempDir Path dir) {
        assertUsage(CliRun.run("stun", "--decode", "zz"), "bad hex: 'z' at character 1 is not a hex digit");
        assertUsage(CliRun.run("stun", "--decode", "000"), "odd number of hex digits");
        assertUsage(CliRun.run("stun", "--decode", "# only a comment"), "no hex digits");
        assertUsage(CliRun.run("stun", "--decode", "0001 0000 2112a442"), "not a STUN message: STUN header needs 20");
        assertUsage(CliRun.run("stun", "--decode", RFC5769_REQUEST.substring(0, RFC5769_REQUEST.length() - 8)),
                "not a STUN message");
        assertUsage(CliRun.run("stun", "--decode", "4001 0010 00"), "not a ChannelData message");
        assertUsage(CliRun.run("stun", "--decode", "@" + dir.resolve("missing.hex")), "no such file");
        assertUsage(CliRun.run("stun", "--decode", RFC5769_REQUEST, "--key", "xyz"), "--key");
        assertUsage(CliRun.run("stun", "--decode", RFC5769_REQUEST, "--key", "00", "--password", "p"),
                "not both");
        assertUsage(CliRun.run("stun", "--decode", RFC5769_REQUEST, "127.0.0.1"), "--decode takes no server");
    }
}
