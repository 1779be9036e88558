package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rtc capture} on a call relayed through coturn over UDP (media/aiortc-turn-udp.pcap, see its README): the
 * media inside ChannelData is found without any option, filters see both the relay's 5-tuple and the inner layers,
 * and {@code -V} shows the inner layer nested in the STUN layer with the channel's peer and the DTLS-SRTP setup.
 */
class CaptureTurnMediaTest {
    private static final String CALL = "src/test/resources/media/aiortc-turn-udp.pcap";

    private static List<String> frames(String filter) {
        CliRun r = CliRun.run("capture", "-r", CALL, "-T", "fields", "-e", "frame.number", filter);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.out().lines().takeWhile(l -> !l.endsWith("frames matched")).toList();
    }

    @Test
    void filtersSeeTheRelaysFiveTupleAndTheLayersInside() {
        // SRTP from the peer at 127.0.0.1:50085 to the server, inside channel 0x4000: 120 packets (75 Opus, 45 VP8)
        assertThat(frames("udp.dstport == 3478 && udp.srcport == 50085 && stun.channel == 0x4000 && rtp"))
                .hasSize(120);
        assertThat(frames("rtp && !stun")).as("the relay ports' own leg").hasSize(120);
        assertThat(frames("stun && dtls.handshake.type == 1")).as("ClientHellos inside ChannelData").hasSize(2);
        assertThat(frames("stun.channel && stun.type == 0x0001")).as("ICE checks inside ChannelData")
                .isNotEmpty();
        assertThat(frames("stun && srtcp.e == 1")).as("SRTCP inside ChannelData").isNotEmpty();
        assertThat(frames("stun && rtp && srtp.auth_tag")).hasSize(240);
    }

    @Test
    void verboseShowsTheRelayedLayerNestedWithItsPeer() {
        CliRun r = CliRun.run("capture", "-r", CALL, "-V", "frame.number == 50");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        int stun = lines.indexOf("Session Traversal Utilities for NAT");
        assertThat(stun).isPositive();
        assertThat(lines.subList(stun, lines.size())).contains("    Channel Number: 0x4000",
                "    Real-Time Transport Protocol",
                "        [Decoded as RTP by: inside TURN ChannelData 0x4000 (peer 127.14.0.1:49192, bound in frame"
                        + " 15); SRTP (DTLS-SRTP in frame 38)]",
                "        Synchronization Source identifier: 0x7621b20f",
                "        SRTP Auth Tag: e1061b7a1ec1b441c708");
    }

    @Test
    void verboseShowsSrtcpsClearHeaderAndTrailer() {
        CliRun r = CliRun.run("capture", "-r", CALL, "-V", "frame.number == 285");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines()).contains("    Real-time Transport Control Protocol",
                "        Sender SSRC: 0x962b2375", "        Encrypted RTCP Payload - not dissected: 68 bytes",
                "        SRTCP E flag: 1", "        SRTCP Index: 1",
                "        SRTCP Auth Tag: 7f0be0415fe8d1405aff");
    }

    @Test
    void theSampleIsThisCallAndItsReadmeCommandsWork() throws Exception {
        String sample = "samples/webrtc-call-via-turn.pcap";
        assertThat(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(sample)))
                .isEqualTo(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(CALL)));
        CliRun streams = CliRun.run("capture", "-r", sample, "-q", "-z", "rtp,streams");
        assertThat(streams.exit()).as(streams.toString()).isZero();
        // each of the two streams three times: into the relay and out of it in ChannelData (marked relayed), and
        // between the relay ports
        assertThat(streams.out().lines().filter(l -> l.contains("0x7621B20F") || l.contains("0x962B2375")))
                .hasSize(6);
        assertThat(streams.out().lines().filter(l -> l.endsWith(" relayed"))).hasSize(4);
        CliRun hello = CliRun.run("capture", "-r", sample, "-V", "stun.channel == 0x4000 && dtls.handshake.type == 1");
        assertThat(hello.exit()).as(hello.toString()).isZero();
        assertThat(hello.out()).contains("    Channel Number: 0x4000", "Handshake Type: Client Hello (1)");
    }
}
