package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.net.Addresses;
import dev.rtc.net.Coturn;
import dev.rtc.output.Json;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import dev.rtc.testing.RtcStunServer;
import dev.rtc.testing.UdpForwarder;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The round-trip time after a retransmission, against real servers behind a forwarder that loses the first
 * request: coturn 4.6.1 does not echo TRANSACTION-TRANSMIT-COUNTER, so the RTT is ambiguous (Karn's rule); rtc's
 * own stun-server echoes it, so the RTT is from the second transmission, which it answered.
 */
class RetransmittedRttTest {
    @RegisterExtension
    static final Coturn.PerClass coturn = Coturn.perClass();

    private static JsonNode stun(UdpForwarder f) throws IOException {
        CliRun r = CliRun.run("stun", "--format", "json", "--rto", "200ms", "--timeout", "10s",
                Addresses.format(f.address()));
        assertThat(r.exit()).as(r.toString()).isZero();
        return Json.mapper().readTree(r.out());
    }

    @Test
    void withoutAnEchoedCounterTheRttIsAmbiguous() throws IOException {
        try (UdpForwarder f = new UdpForwarder(coturn.get().address(), 1)) {
            JsonNode doc = stun(f);
            assertThat(doc.get("transmissions").asInt()).isEqualTo(2);
            assertThat(doc.get("rttMs").isNull()).isTrue();
            assertThat(doc.get("rttUnambiguous").asBoolean()).isFalse();
            assertThat(doc.get("rttAmbiguity").asText()).contains("answered after 2 transmissions");
            assertThat(doc.get("answeredTransmission").isNull()).isTrue();
            assertThat(doc.get("sinceFirstMs").asDouble()).isGreaterThanOrEqualTo(200);
        }
        try (UdpForwarder f = new UdpForwarder(coturn.get().address(), 1)) {
            CliRun text = CliRun.run("stun", "--rto", "200ms", Addresses.format(f.address()));
            assertThat(text.out()).contains("round trip       ambiguous: answered after 2 transmissions");
        }
    }

    @Test
    void anEchoedCounterNamesTheTransmissionAnswered() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (ExternalProcess server = RtcStunServer.start(port)) {
            try (UdpForwarder f = new UdpForwarder(new java.net.InetSocketAddress("127.0.0.1", port), 1)) {
                JsonNode doc = stun(f);
                assertThat(doc.get("transmissions").asInt()).isEqualTo(2);
                assertThat(doc.get("answeredTransmission").asInt()).isEqualTo(2);
                assertThat(doc.get("rttUnambiguous").asBoolean()).isTrue();
                assertThat(doc.get("rttAmbiguity").isNull()).isTrue();
                // the second transmission went out 200 ms after the first: its RTT is the part after that
                assertThat(doc.get("rttMs").asDouble()).isLessThan(doc.get("sinceFirstMs").asDouble() - 150);
            }
        }
    }

    @Test
    void gatherMarksTheAmbiguousFirstResponse() throws IOException {
        try (UdpForwarder f = new UdpForwarder(coturn.get().address(), 1)) {
            String url = "stun:" + Addresses.format(f.address());
            CliRun r = CliRun.run("gather", "--interface", "lo", "--family", "4", "--rto", "200ms",
                    "--format", "json", "-s", url);
            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode v = Json.mapper().readTree(r.out()).get("servers").get(0);
            assertThat(v.get("outcome").asText()).isEqualTo("ok");
            assertThat(v.get("latencyMs").get("firstResponse").isNull()).isTrue();
            assertThat(v.get("rttAmbiguous").toString()).isEqualTo("[\"firstResponse\"]");
        }
    }

    @Test
    void natTypeShowsTheAmbiguousRoundTrip() throws IOException {
        try (UdpForwarder f = new UdpForwarder(coturn.get().address(), 1)) {
            // coturn with one address cannot run the NAT tests (exit 4), but its Binding answer is recorded
            CliRun r = CliRun.run("nat-type", "--server", Addresses.format(f.address()), "--rto", "200ms",
                    "--timeout", "1s", "--format", "json");
            assertThat(r.exit()).as(r.toString()).isEqualTo(4);
            JsonNode binding = null;
            for (JsonNode t : Json.mapper().readTree(r.out()).get("samples").get(0).get("tests")) {
                if (t.get("test").asText().equals("binding")) {
                    binding = t;
                }
            }
            assertThat(binding).as(r.out()).isNotNull();
            assertThat(binding.get("transmissions").asInt()).isEqualTo(2);
            assertThat(binding.get("rttMs").isNull()).isTrue();
            assertThat(binding.get("rttAmbiguous").asBoolean()).isTrue();
        }
        try (UdpForwarder f = new UdpForwarder(coturn.get().address(), 1)) {
            CliRun text = CliRun.run("nat-type", "--server", Addresses.format(f.address()), "--rto", "200ms",
                    "--timeout", "1s");
            assertThat(text.out()).containsPattern("binding .* ambiguous +2 ");
        }
    }
}
