package dev.rtc.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldsTest {
    @Test
    void everyFieldTheIssueNamesIsRegistered() {
        FieldRegistry r = Fields.registry();
        for (String name : List.of("frame.number", "frame.time_relative", "frame.protocols", "ip.addr",
                "ip.dsfield.dscp", "ipv6.addr", "udp.port", "udp.stream", "udp.payload", "tcp.flags.syn",
                "tcp.window_size_value", "tcp.stream", "stun.type.class", "stun.att.ipv4-xord",
                "stun.att.crc32.status", "stun.response-to", "stun.time", "turnchannel.id", "classicstun.type",
                "stun", "udp", "tcp", "ip", "ipv6", "eth", "sll", "null", "frame", "classicstun", "turnchannel",
                // issue 12's RTP and RTCP
                "rtp", "rtp.version", "rtp.padding", "rtp.ext", "rtp.cc", "rtp.marker", "rtp.p_type", "rtp.seq",
                "rtp.timestamp", "rtp.ssrc", "rtp.csrc.item", "rtp.ext.profile", "rtp.ext.rfc5285.id",
                "rtp.ext.rfc5285.data", "rtcp", "rtcp.version", "rtcp.pt", "rtcp.length", "rtcp.senderssrc",
                "rtcp.timestamp.ntp", "rtcp.sender.packetcount", "rtcp.ssrc.identifier", "rtcp.ssrc.fraction",
                "rtcp.ssrc.cum_nr", "rtcp.ssrc.jitter", "rtcp.sdes.text", "rtcp.rtpfb.fmt", "rtcp.psfb.fmt",
                "rtcp.rtpfb.nack_pid", "rtcp.psfb.remb.fci.br_mantissa")) {
            assertThat(r.lookup(name)).as(name).isNotNull();
        }
        assertThat(r.lookup("udp.port").bits()).isEqualTo(16);
        assertThat(r.lookup("stun.att.crc32.status").valueNames()).containsEntry(1L, "Good");
        assertThat(r.lookup("ip.src").type()).isEqualTo(FieldType.IPV4);
    }

    /** Names, descriptions and types as Wireshark 4.0 registers them. */
    @Test
    void matchesTshark() throws IOException, InterruptedException {
        Requires.commands("tshark");
        Process p = new ProcessBuilder("tshark", "-G", "fields").redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Map<String, String[]> tshark = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] c = line.split("\t", -1);
            if (c[0].equals("F") && c.length > 3) {
                tshark.put(c[2], c);
            } else if (c[0].equals("P") && c.length > 2) {
                tshark.put(c[2], new String[] {"P", c[1], c[2], "FT_PROTOCOL"});
            }
        }
        for (Field f : Fields.registry().fields()) {
            String[] t = tshark.get(f.name());
            assertThat(t).as(f.name()).isNotNull();
            assertThat(f.description()).as(f.name()).isEqualTo(t[1]);
            assertThat(f.type().wiresharkName(f.bits())).as(f.name()).isEqualTo(t[3]);
        }
    }
}
