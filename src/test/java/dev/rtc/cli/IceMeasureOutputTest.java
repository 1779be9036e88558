package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.ice.DirectionStats;
import dev.rtc.ice.MeasureProfile;
import dev.rtc.ice.PathMeasurement;
import dev.rtc.ice.RttStats;
import dev.rtc.output.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Path quality (estimate)" section and the "measure" object, from a result with numbers chosen by hand. */
class IceMeasureOutputTest {
    private static final DirectionStats TO = new DirectionStats(500, 475, 25, 2, 0.5, 0, 0);
    private static final DirectionStats FROM = new DirectionStats(500, 490, 10, 1, 0.25, 3, 1);
    private static final DirectionStats BACK = new DirectionStats(500, 451, 49, 3, 0.75, 0, 0);
    // nearest ranks: p50 the 5th of 9 (50 ms), p95 the 9th (90 ms)
    private static final RttStats RTT = RttStats.of(new double[] {10, 20, 30, 40, 50, 60, 70, 80, 90});

    private static PathMeasurement.Result measured(String interruption) {
        return new PathMeasurement.Result(MeasureProfile.AUDIO, Duration.ofSeconds(10), TO, FROM, BACK, RTT,
                interruption, 503);
    }

    @Test
    void textShowsEachDirectionWithItsMosEstimate() {
        List<String> text = IceOutput.measureText(measured(null));
        // MOS to peer: RTT 50 ms (p50 of 9 samples is the 5th), jitter 0.5 ms: Ta = 25 + 20 + 1 = 46 ms,
        // R = 93.2 - 95 * 5 / 30.1 = 77.419, MOS 3.92; from peer, 2%: R = 93.2 - 190 / 27.1 = 86.189, MOS 4.23
        assertThat(text).containsExactly(
                "",
                "Path quality (estimate), audio profile: 50 packets/s of 160 bytes (RTP PT 0, 8 kHz clock) for 10 s:",
                "  DIRECTION   SENT  RECEIVED  LOST  LOSS  LONGEST BURST   JITTER  REORDERED  DUPLICATES   MOS",
                "  to peer      500       475    25  5.0%              2  0.50 ms          0           0  3.92",
                "  from peer    500       490    10  2.0%              1  0.25 ms          3           1  4.23",
                "  round trip   500       451    49  9.8%              3  0.75 ms          0           0     -",
                "  RTT p50 50.0 ms, p95 90.0 ms, max 90.0 ms over 9 reflections",
                "  to peer: the peer's report of what it received; from peer: measured here;",
                "  round trip: this side's packets reflected by the peer",
                "  MOS: an estimate, ITU-T G.107 E-model for G.711 voice with packet-loss concealment (Ie 0,",
                "  Bpl 25.1, random loss), 20 ms frames, one-way delay RTT p50 / 2, a jitter buffer of twice the",
                "  jitter, echo cancelled",
                "  reflected 503 packets of the peer's");
    }

    @Test
    void anInterruptionIsSaidFirst() {
        assertThat(IceOutput.measureText(measured("consent lost: no answer to the consent checks for 2 s")).get(2))
                .isEqualTo("  interrupted: consent lost: no answer to the consent checks for 2 s");
    }

    @Test
    void aReflectorOnlySaysWhatItReflected() {
        PathMeasurement.Result r = new PathMeasurement.Result(null, null, null, FROM, null, RttStats.of(new double[0]),
                null, 502);
        assertThat(IceOutput.measureText(r)).containsExactly("Reflected 502 packets of the peer's measurement.",
                "  the peer's stream here: 490 of 500 received, 2.0% lost");
        JsonNode doc = IceOutput.withMeasure(Json.object(), r);
        assertThat(doc.path("measure").isNull()).isTrue();
        assertThat(doc.path("reflectedPackets").asLong()).isEqualTo(502);
        assertThat(doc.path("peerMeasurement").path("received").asLong()).isEqualTo(490);
        PathMeasurement.Result none = new PathMeasurement.Result(null, null, null, null, null,
                RttStats.of(new double[0]), null, 0);
        assertThat(IceOutput.measureText(none)).isEmpty();
    }

    @Test
    void jsonHasTheMeasureObject() {
        JsonNode m = IceOutput.withMeasure(Json.object(), measured(null)).path("measure");
        assertThat(m.path("profile").path("name").asText()).isEqualTo("audio");
        assertThat(m.path("durationMs").asLong()).isEqualTo(10_000);
        assertThat(m.path("completed").asBoolean()).isTrue();
        assertThat(m.has("interruption")).isFalse();
        JsonNode to = m.path("toPeer");
        assertThat(to.path("source").asText()).isEqualTo("the peer's report");
        assertThat(to.path("lossPercent").asDouble()).isEqualTo(5.0);
        assertThat(to.path("longestLossBurst").asLong()).isEqualTo(2);
        assertThat(to.path("mosEstimate").asDouble()).isEqualTo(3.92);
        assertThat(m.path("fromPeer").path("reordered").asLong()).isEqualTo(3);
        assertThat(m.path("fromPeer").path("duplicates").asLong()).isEqualTo(1);
        assertThat(m.path("roundTrip").has("mosEstimate")).isFalse();
        assertThat(m.path("roundTrip").path("lossPercent").asDouble()).isEqualTo(9.8);
        assertThat(m.path("rttMs").path("p50").asDouble()).isEqualTo(50);
        assertThat(m.path("rttMs").path("p95").asDouble()).isEqualTo(90);
        assertThat(m.path("rttMs").path("samples").asInt()).isEqualTo(9);
        assertThat(m.path("mosModel").path("estimate").asBoolean()).isTrue();
        JsonNode cut = IceOutput.withMeasure(Json.object(), measured("gone")).path("measure");
        assertThat(cut.path("completed").asBoolean()).isFalse();
        assertThat(cut.path("interruption").asText()).isEqualTo("gone");
    }
}
