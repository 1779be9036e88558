package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.ice.IceServerUri.Transport;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class FoundationTest {
    private final InetAddress base = InetAddress.getByName("192.0.2.10");
    private final InetAddress other = InetAddress.getByName("192.0.2.11");

    FoundationTest() throws Exception {
    }

    @Test
    void isTheCrcOfTypeBaseAndTransport() {
        CRC32 crc = new CRC32();
        crc.update("host192.0.2.10udp".getBytes(StandardCharsets.US_ASCII));
        assertThat(Foundation.of(CandidateType.HOST, base, Transport.UDP, null, null))
                .isEqualTo(Long.toString(crc.getValue()));
    }

    @Test
    void sameFactsSameFoundationDifferentFactsDifferentFoundation() {
        String srflxA = Foundation.of(CandidateType.SERVER_REFLEXIVE, base, Transport.UDP, null, "192.0.2.1");
        assertThat(Foundation.of(CandidateType.SERVER_REFLEXIVE, base, Transport.UDP, null, "192.0.2.1"))
                .isEqualTo(srflxA);
        assertThat(Foundation.of(CandidateType.SERVER_REFLEXIVE, base, Transport.UDP, null, "192.0.2.2"))
                .isNotEqualTo(srflxA);
        assertThat(Foundation.of(CandidateType.SERVER_REFLEXIVE, other, Transport.UDP, null, "192.0.2.1"))
                .isNotEqualTo(srflxA);
        assertThat(Foundation.of(CandidateType.HOST, base, Transport.UDP, null, null))
                .isNotEqualTo(Foundation.of(CandidateType.HOST, base, Transport.TCP, null, null));
        assertThat(Foundation.of(CandidateType.RELAY, base, Transport.UDP, Transport.UDP, "192.0.2.1"))
                .isNotEqualTo(Foundation.of(CandidateType.RELAY, base, Transport.UDP, Transport.TCP, "192.0.2.1"));
        assertThat(Foundation.of(CandidateType.HOST, base, Transport.UDP, null, "ignored"))
                .isEqualTo(Foundation.of(CandidateType.HOST, base, Transport.UDP, null, null));
    }
}
