package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.ice.CandidateType;
import dev.rtc.ice.IceAgent;
import dev.rtc.ice.IceCandidate;
import dev.rtc.ice.PairSnapshot;
import dev.rtc.ice.PairState;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rtc ice report from a fixed result: the text table, the meaning sentence, the rtc.ice/1 fields. */
class IceOutputTest {
    private static final IceCandidate HOST = IceCandidate.host(new InetSocketAddress("192.0.2.10", 50000), 0, 1);
    private static final IceCandidate PEER = new IceCandidate(CandidateType.SERVER_REFLEXIVE, "2", 1,
            new InetSocketAddress("203.0.113.7", 61002), new InetSocketAddress("203.0.113.7", 61002), 1686052607L,
            new InetSocketAddress("10.0.0.2", 50000));
    private static final IceCandidate PEER_HOST = IceCandidate.host(new InetSocketAddress("10.0.0.2", 50000), 0, 1);

    private static IceOutput.Result result(boolean connected) {
        PairSnapshot ok = new PairSnapshot(HOST, PEER, 7241000000000000000L, PairState.SUCCEEDED, true, 3, 3, 2,
                41.25, null, true);
        PairSnapshot dead = new PairSnapshot(HOST, PEER_HOST, 7000000000000000000L, PairState.FAILED, false, 5, 0,
                0, -1, "no answer to 5 requests in 8 s", false);
        return new IceOutput.Result(connected, true, connected ? IceAgent.State.CONNECTED : IceAgent.State.FAILED,
                connected ? ok : null, connected ? List.of(ok, dead) : List.of(dead), List.of(HOST),
                List.of(PEER, PEER_HOST), new IceAgent.Timings(0.4, 52.3, 1060.9),
                connected ? null : "every candidate pair failed", 1, List.of(), List.of(), connected ? 0 : 1, List.of());
    }

    @Test
    void theTextReportShowsTheChecklistAndWhatTheSelectedPairMeans() {
        List<String> text = IceOutput.text(result(true));
        assertThat(text).contains("Checklist (role: controlling, after 1 role conflict settled by the tie-breakers):",
                "  LOCAL                  REMOTE                              PRIORITY  STATE      NOMINATED  SENT"
                        + "  RECEIVED      RTT",
                "  host 192.0.2.10:50000  srflx 203.0.113.7:61002  7241000000000000000  succeeded  yes           3"
                        + "         3  41.3 ms",
                "  host 192.0.2.10:50000 -> host 10.0.0.2:50000: no answer to 5 requests in 8 s",
                "Selected: host 192.0.2.10:50000 <-> srflx 203.0.113.7:61002, RTT 41.3 ms",
                "  direct: host <-> srflx, the NAT in between traversed",
                "Times: first check 0 ms, first success 52 ms, nomination 1061 ms");
    }

    @Test
    void aFailureNamesHowEachKindFailed() {
        List<String> text = IceOutput.text(result(false));
        assertThat(text).contains("Not connected: every candidate pair failed",
                "  host -> host: no answer to 5 requests in 8 s");
        assertThat(text).noneMatch(l -> l.startsWith("Selected"));
    }

    @Test
    void theJsonHasTheFieldsScriptsRead() {
        JsonNode j = IceOutput.json(result(true));
        assertThat(j.path("schema").asText()).isEqualTo("rtc.ice/1");
        assertThat(j.path("connected").asBoolean()).isTrue();
        assertThat(j.path("role").asText()).isEqualTo("controlling");
        JsonNode s = j.path("selectedPair");
        assertThat(s.path("local").path("type").asText()).isEqualTo("host");
        assertThat(s.path("remote").path("type").asText()).isEqualTo("srflx");
        assertThat(s.path("remote").path("address").asText()).isEqualTo("203.0.113.7");
        assertThat(s.path("remote").path("port").asInt()).isEqualTo(61002);
        assertThat(s.path("remote").path("relatedAddress").asText()).isEqualTo("10.0.0.2");
        assertThat(s.path("rttMs").asDouble()).isEqualTo(41.25);
        assertThat(j.path("pairs")).hasSize(2);
        assertThat(j.path("pairs").get(1).path("rttMs").isNull()).isTrue();
        assertThat(j.path("pairs").get(1).path("failure").asText()).isEqualTo("no answer to 5 requests in 8 s");
        assertThat(j.path("timings").path("nominatedMs").asDouble()).isEqualTo(1060.9);
        assertThat(j.path("exitCode").asInt()).isZero();
        assertThat(IceOutput.json(result(false)).path("selectedPair").isNull()).isTrue();
    }

    @Test
    void aRelayedPairSaysWhichServerAndWhyNoDirectPairWorked() {
        IceCandidate relay = IceCandidate.relay(new InetSocketAddress("203.0.113.50", 49200),
                new InetSocketAddress("198.51.100.1", 40000), HOST.address().getAddress(),
                dev.rtc.ice.IceServerUri.parse("turn:turn.example.org?transport=tcp"), 0, 1);
        PairSnapshot viaRelay = new PairSnapshot(relay, PEER, 100L, PairState.SUCCEEDED, true, 2, 2, 1, 80.5, null,
                false);
        PairSnapshot dead = new PairSnapshot(HOST, PEER, 200L, PairState.FAILED, false, 7, 0, 0, -1,
                "no answer to 7 requests in 8 s", false);
        assertThat(IceOutput.meaning(viaRelay, List.of(dead, viaRelay))).isEqualTo("relayed through"
                + " turn:turn.example.org?transport=tcp: relay <-> srflx, every direct pair failed (no answer to 7"
                + " requests in 8 s)");
        JsonNode local = IceOutput.pair(viaRelay).path("local");
        assertThat(local.path("type").asText()).isEqualTo("relay");
        assertThat(local.path("relayProtocol").asText()).isEqualTo("tcp");
        assertThat(local.path("relatedAddress").asText()).isEqualTo("198.51.100.1");
        // relay over TCP ranks below relay over UDP, below every srflx
        assertThat(relay.priority() >>> 24).isEqualTo(1);
    }
}
