package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rtc.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code rtc filter check} and {@code rtc filter fields} through the real command line. */
class FilterCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validFilterExitsZeroAndPrintsNothing() {
        CliRun r = CliRun.run("filter", "check", "stun && udp.port == 3478");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void invalidFilterPrintsWiresharksMessageAndCaretAndExitsTwo() {
        CliRun r = CliRun.run("filter", "check", "udp.port == 70000");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("""
                rtc filter check: "70000" too big for this field, maximum 65535.
                    udp.port == 70000
                                ^~~~~
                """);
    }

    @Test
    void errorWithoutPlaceHasNoCaret() {
        CliRun r = CliRun.run("filter", "check", "udp.port ==");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("rtc filter check: Unexpected end of filter expression.\n");
    }

    @Test
    void wordsAreJoinedLikeTsharkDoes() {
        CliRun r = CliRun.run("filter", "check", "udp.prot", "==", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("rtc filter check: Left side of \"==\" expression must be a field or"
                + " function, not udp.prot.\n    udp.prot == 1\n    ^~~~~~~~\n");
    }

    @Test
    void jsonForValidAndInvalid() throws Exception {
        CliRun ok = CliRun.run("filter", "check", "--format", "json", "ip.addr == 10.0.0.0/8 and udp.length > 100");
        assertThat(ok.exit()).isZero();
        JsonNode doc = JSON.readTree(ok.out());
        assertThat(doc.get("schema").asText()).isEqualTo("rtc.filter-check/1");
        assertThat(doc.get("valid").asBoolean()).isTrue();
        assertThat(doc.get("fields").toString()).isEqualTo("[\"ip.addr\",\"udp.length\"]");

        CliRun bad = CliRun.run("filter", "check", "--format", "json", "udp.port == 5004 5004");
        assertThat(bad.exit()).isEqualTo(2);
        JsonNode err = JSON.readTree(bad.out());
        assertThat(err.get("valid").asBoolean()).isFalse();
        assertThat(err.at("/error/message").asText()).isEqualTo("\"5004\" was unexpected in this context.");
        assertThat(err.at("/error/start").asInt()).isEqualTo(17);
        assertThat(err.at("/error/end").asInt()).isEqualTo(21);
    }

    @Test
    void fieldsWithPrefixAsTable() {
        CliRun r = CliRun.run("filter", "fields", "udp.");
        assertThat(r.exit()).as(r.toString()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).matches("FIELD +TYPE +DESCRIPTION");
        assertThat(r.out()).containsPattern("(?m)^udp\\.port +FT_UINT16 +Source or Destination Port$");
        assertThat(r.out()).containsPattern("(?m)^udp\\.payload +FT_BYTES +Payload$");
        assertThat(r.out()).doesNotContain("tcp.");
    }

    @Test
    void fieldsAsJsonWithValueNames() throws Exception {
        CliRun r = CliRun.run("filter", "fields", "--format", "json", "stun.att.crc32.status");
        assertThat(r.exit()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("rtc.filter-fields/1");
        JsonNode f = doc.get("fields").get(0);
        assertThat(f.get("name").asText()).isEqualTo("stun.att.crc32.status");
        assertThat(f.get("type").asText()).isEqualTo("FT_UINT8");
        assertThat(f.at("/values/1").asText()).isEqualTo("Good");
    }

    @Test
    void unknownPrefixIsAUsageError() {
        CliRun r = CliRun.run("filter", "fields", "nosuchproto");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no field name starts with 'nosuchproto'");
    }

    @Test
    void filterAloneAsksForASubcommand() {
        CliRun r = CliRun.run("filter");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a subcommand is needed");
    }
}
