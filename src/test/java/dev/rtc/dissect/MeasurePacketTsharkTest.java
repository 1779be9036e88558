package dev.rtc.dissect;

import static dev.rtc.dissect.TestPcaps.A;
import static dev.rtc.dissect.TestPcaps.B;
import static dev.rtc.dissect.TestPcaps.ethernet;
import static dev.rtc.dissect.TestPcaps.ipv4;
import static dev.rtc.dissect.TestPcaps.udp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.ice.MeasurePacket;
import dev.rtc.ice.MeasureProfile;
import dev.rtc.testing.Requires;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packets of {@code rtc ice --measure} as a capture shows them: tshark (the oracle) reads the data and its
 * reflection as RTP with its RTP heuristic, and the end-of-stream and the report as RTCP APP packets named rtcM;
 * rtc's own dissector agrees with it field by field.
 */
class MeasurePacketTsharkTest {
    @TempDir
    Path dir;

    private Path capture() throws Exception {
        byte[] data = MeasurePacket.rtp(MeasureProfile.AUDIO, 0x11223344L, false, 7, 3_000_000_000L);
        byte[] video = MeasurePacket.rtp(MeasureProfile.VIDEO, 0x55667788L, false, 70_000, 1_000_000_000L);
        List<byte[]> datagrams = List.of(data, MeasurePacket.reflection(data), video,
                MeasurePacket.end(0x11223344L, 500),
                MeasurePacket.report(new MeasurePacket.Report(0x55667788L, 0x11223344L, 500, 475, 2, 1, 0, 121)));
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int i = 0; i < datagrams.size(); i++) {
            boolean back = i == 1 || i == 4;
            frames.add(ethernet(0x0800, ipv4(back ? B : A, back ? A : B, 17,
                    udp(back ? 50002 : 50000, back ? 50000 : 50002, datagrams.get(i)))));
        }
        return TestPcaps.write(dir.resolve("measure.pcap"), 1, frames);
    }

    @Test
    void tsharkSeesRtpAndRtcpApp() throws Exception {
        Requires.commands("tshark");
        Process p = new ProcessBuilder("tshark", "-n", "-r", capture().toString(), "--enable-heuristic", "rtp_udp",
                "-T", "fields", "-E", "separator=,", "-e", "frame.protocols", "-e", "rtp.p_type", "-e", "rtp.seq",
                "-e", "rtp.timestamp", "-e", "rtp.ssrc", "-e", "rtcp.pt", "-e", "rtcp.app.name")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor()).isZero();
        // the audio packet: PT 0, sequence 7, 3 s on the 8 kHz clock; the reflection the same; video: PT 96,
        // 70000's low 16 bits (4464), 1 s on the 90 kHz clock
        assertThat(lines).containsExactly(
                "eth:ethertype:ip:udp:rtp,0,7,24000,0x11223344,,",
                "eth:ethertype:ip:udp:rtp,0,7,24000,0x11223344,,",
                "eth:ethertype:ip:udp:rtp,96,4464,90000,0x55667788,,",
                "eth:ethertype:ip:udp:rtcp,,,,,204,rtcM",
                "eth:ethertype:ip:udp:rtcp,,,,,204,rtcM");
    }

    @Test
    void rtcsDissectorAgreesWithTshark() throws Exception {
        assertThat(DissectorTsharkTest.mismatches(capture(), List.of("--enable-heuristic", "rtp_udp"),
                new DecodeOptions(true, Set.of()), n -> true)).isEmpty();
    }
}
