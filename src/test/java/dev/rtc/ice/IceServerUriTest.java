package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtc.ice.IceServerUri.Scheme;
import dev.rtc.ice.IceServerUri.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IceServerUriTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stun:stun.example.org                  | STUN  | stun.example.org | 3478 | UDP",
            "stun:192.0.2.1:19302                   | STUN  | 192.0.2.1        | 19302| UDP",
            "STUN:Example.ORG                       | STUN  | Example.ORG      | 3478 | UDP",
            "stuns:stun.example.org                 | STUNS | stun.example.org | 5349 | TLS",
            "turn:turn.example.org                  | TURN  | turn.example.org | 3478 | UDP",
            "turn:turn.example.org?transport=udp    | TURN  | turn.example.org | 3478 | UDP",
            "turn:turn.example.org:443?transport=tcp| TURN  | turn.example.org | 443  | TCP",
            "turn:turn.example.org?Transport=TCP    | TURN  | turn.example.org | 3478 | TCP",
            "turns:turn.example.org                 | TURNS | turn.example.org | 5349 | TLS",
            "turns:turn.example.org:443?transport=tcp| TURNS| turn.example.org | 443  | TLS",
            "turn:[2001:db8::1]:3479                | TURN  | 2001:db8::1      | 3479 | UDP",
            "stun:[::1]                             | STUN  | ::1              | 3478 | UDP",
            "turn:127.0.0.1:65535                   | TURN  | 127.0.0.1        | 65535| UDP",
    })
    void validForms(String text, Scheme scheme, String host, int port, Transport transport) {
        IceServerUri u = IceServerUri.parse(text);
        assertThat(u.scheme()).isEqualTo(scheme);
        assertThat(u.host()).isEqualTo(host);
        assertThat(u.port()).isEqualTo(port);
        assertThat(u.transport()).isEqualTo(transport);
        assertThat(u.toString()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stun.example.org                       | has no scheme",
            "http://turn.example.org                | unknown scheme 'http'",
            "turn://turn.example.org                | has '//' after the scheme",
            "turn:                                  | has no host",
            "turn::3478                             | has no host",
            "turn:alice@turn.example.org            | contains user information",
            "turn:turn.example.org/path             | has a path",
            "turn:turn.example.org:0                | outside 1..65535",
            "turn:turn.example.org:65536            | outside 1..65535",
            "turn:turn.example.org:34x              | invalid port '34x'",
            "turn:turn.example.org:                 | invalid port ''",
            "turn:2001:db8::1                       | IPv6 address without brackets",
            "turn:[2001:db8::1                      | without its closing ']'",
            "turn:[zz::1]:3478                      | invalid IPv6 literal",
            "turn:[2001:db8::1]x                    | after the IPv6 literal",
            "turn:turn.example.org?transport=sctp   | unknown transport 'sctp'",
            "turn:turn.example.org?proto=tcp        | unknown parameter 'proto=tcp'",
            "stun:stun.example.org?transport=tcp    | only turn: and turns: URIs may have",
            "turns:turn.example.org?transport=udp   | DTLS is not supported",
            "turn:tu rn.example.org                 | invalid host",
    })
    void invalidFormsSayWhatIsWrong(String text, String why) {
        assertThatThrownBy(() -> IceServerUri.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server URI '" + text.strip() + "'")
                .hasMessageContaining(why);
    }

    @org.junit.jupiter.api.Test
    void emptyIsRejected() {
        assertThatThrownBy(() -> IceServerUri.parse(" ")).hasMessageContaining("is empty");
    }

    @org.junit.jupiter.api.Test
    void literalHosts() {
        assertThat(IceServerUri.parse("stun:192.0.2.1").literalHost()).isTrue();
        assertThat(IceServerUri.parse("stun:[::1]").literalHost()).isTrue();
        assertThat(IceServerUri.parse("stun:localhost").literalHost()).isFalse();
        assertThat(IceServerUri.parse("stun:[::1]").hostForUri()).isEqualTo("[::1]");
    }
}
