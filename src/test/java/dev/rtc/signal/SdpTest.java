package dev.rtc.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpTest {
    private static final String FINGERPRINT = "sha-256 9E:5D:1B:8C:63:57:DB:D4:56:92:06:D1:72:65:0F:1B:0A:36:2F:20:0D:"
            + "B2:9D:2D:FA:6B:E4:3A:B2:7E:D0:8E";

    private static IceDescription local() {
        return new IceDescription("abcd", "0123456789abcdef012345", List.of("ice2"),
                List.of(RemoteCandidate.parse("candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host")), true);
    }

    @Test
    void anOfferHasTheLinesABrowserNeedsInJsepOrder() {
        String sdp = Sdp.write(local(), FINGERPRINT, Sdp.Setup.actpass, "0", 42);
        assertThat(sdp.split("\r\n")).startsWith("v=0", "o=rtc 42 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0").contains("m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0",
                "a=mid:0", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789abcdef012345", "a=ice-options:trickle",
                "a=fingerprint:" + FINGERPRINT, "a=setup:actpass", "a=sctp-port:5000",
                "a=candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host", "a=end-of-candidates");
        assertThat(sdp).endsWith("\r\n");
    }

    @Test
    void whatRtcWritesItReadsBack() {
        Sdp.Remote r = Sdp.read(Sdp.write(local(), FINGERPRINT, Sdp.Setup.active, "data", 7));
        assertThat(r.fingerprint()).isEqualTo(FINGERPRINT);
        assertThat(r.setup()).isEqualTo(Sdp.Setup.active);
        assertThat(r.mid()).isEqualTo("data");
        assertThat(r.ice().ufrag()).isEqualTo("abcd");
        assertThat(r.ice().candidates()).hasSize(1);
        assertThat(r.ice().endOfCandidates()).isTrue();
    }

    @Test
    void theAnswerTakesTheClientRoleWhenOfferedActpass() {
        assertThat(Sdp.Setup.actpass.answer()).isEqualTo(Sdp.Setup.active);
        assertThat(Sdp.Setup.passive.answer()).isEqualTo(Sdp.Setup.active);
        assertThat(Sdp.Setup.active.answer()).isEqualTo(Sdp.Setup.passive);
    }

    @Test
    void aBadSetupNamesItsLine() {
        String sdp = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=ice-ufrag:abcd\r\n"
                + "a=ice-pwd:0123456789abcdef012345\r\na=setup:sideways\r\n";
        assertThatThrownBy(() -> Sdp.read(sdp)).isInstanceOf(DescriptionException.class)
                .hasMessageContaining("line 5").hasMessageContaining("actpass, active or passive");
        assertThatThrownBy(() -> Sdp.read(" ")).isInstanceOf(DescriptionException.class);
    }

    @Test
    void mdnsNamesAreToldApart() {
        assertThat(Sdp.mdns("candidate:1 1 udp 1 0c4bd7d2-f1a9.local 5000 typ host")).isTrue();
        assertThat(Sdp.mdns("a=candidate:1 1 udp 1 192.0.2.1 5000 typ host")).isFalse();
        assertThat(Sdp.mdns("not a candidate")).isFalse();
    }
}
