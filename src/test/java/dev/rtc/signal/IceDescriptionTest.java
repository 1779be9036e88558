package dev.rtc.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IceDescriptionTest {
    /** RFC 8839's own example lines, as rtc ice writes and reads them. */
    private static final String EXAMPLE = """
            a=ice-ufrag:8hhY
            a=ice-pwd:asd88fgpdd777uzjYhagZg
            a=ice-options:ice2
            a=candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host
            a=candidate:2 1 udp 1686052607 203.0.113.7 61002 typ srflx raddr 192.0.2.10 rport 50000
            a=end-of-candidates

            """;

    /** What a current browser's offer looks like when pasted whole: several media sections, mDNS, tcp. */
    private static final String BROWSER_SDP = """
            v=0
            o=- 4611731400430051336 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0 1
            a=extmap-allow-mixed
            a=msid-semantic: WMS
            m=application 9 UDP/DTLS/SCTP webrtc-datachannel
            c=IN IP4 0.0.0.0
            a=candidate:3009237291 1 udp 2113937151 9d3c0bfe-5f3a-4a4e-8f43-4c1d0b6c1a2e.local 54400 typ host generation 0 network-cost 999
            a=candidate:842163049 1 udp 1677729535 198.51.100.20 54400 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999
            a=candidate:1510613869 1 tcp 1518280447 9d3c0bfe-5f3a-4a4e-8f43-4c1d0b6c1a2e.local 9 typ host tcptype active generation 0 network-id 1
            a=ice-ufrag:Xk2p
            a=ice-pwd:Ww1VtMAi9xaOb3Ws/Oq+sLdo
            a=ice-options:trickle
            a=fingerprint:sha-256 5B:0F:1A:1C:9C:9A:0E:49:51:EF:56:AE:9C:52:FD:5E:1C:55:8D:5B:E9:2B:2C:2E:1B:E0:1A:E8:8A:3B:0B:5E
            a=setup:actpass
            a=mid:0
            a=sctp-port:5000
            m=audio 9 UDP/TLS/RTP/SAVPF 111
            a=ice-ufrag:Other
            a=ice-pwd:ThisSectionIsNotTheTransport
            a=candidate:1 1 udp 1 192.0.2.99 1 typ host
            """;

    @Test
    void readsRfc8839sExampleAndWritesItBack() throws IOException {
        IceDescription d = IceDescription.read(new BufferedReader(new StringReader(EXAMPLE + "after")));
        assertThat(d.ufrag()).isEqualTo("8hhY");
        assertThat(d.pwd()).isEqualTo("asd88fgpdd777uzjYhagZg");
        assertThat(d.options()).containsExactly("ice2");
        assertThat(d.endOfCandidates()).isTrue();
        assertThat(d.candidates()).hasSize(2);
        RemoteCandidate srflx = d.candidates().get(1);
        assertThat(srflx.foundation()).isEqualTo("2");
        assertThat(srflx.component()).isEqualTo(1);
        assertThat(srflx.transport()).isEqualTo("udp");
        assertThat(srflx.priority()).isEqualTo(1686052607L);
        assertThat(srflx.address()).isEqualTo("203.0.113.7");
        assertThat(srflx.port()).isEqualTo(61002);
        assertThat(srflx.type()).isEqualTo("srflx");
        assertThat(srflx.related()).isEqualTo("192.0.2.10");
        assertThat(srflx.relatedPort()).isEqualTo(50000);
        assertThat(d.text()).isEqualTo(EXAMPLE);
    }

    @Test
    void readsOnlyUpToTheEmptyLineThatEndsIt() throws IOException {
        BufferedReader in = new BufferedReader(new StringReader("\n\n" + EXAMPLE + "next line\n"));
        IceDescription.read(in);
        assertThat(in.readLine()).isEqualTo("next line");
    }

    @Test
    void takesTheTransportOfAPastedBrowserOfferAndIgnoresTheRest() {
        IceDescription d = IceDescription.parse(BROWSER_SDP.lines().toList());
        assertThat(d.ufrag()).isEqualTo("Xk2p");
        assertThat(d.pwd()).isEqualTo("Ww1VtMAi9xaOb3Ws/Oq+sLdo");
        assertThat(d.options()).containsExactly("trickle");
        assertThat(d.endOfCandidates()).isFalse();
        assertThat(d.candidates()).extracting(RemoteCandidate::type).containsExactly("host", "srflx", "host");
        RemoteCandidate mdns = d.candidates().get(0);
        assertThat(mdns.mdns()).isTrue();
        assertThat(mdns.extensions()).containsExactly(Map.entry("generation", "0"), Map.entry("network-cost", "999"));
        RemoteCandidate tcp = d.candidates().get(2);
        assertThat(tcp.transport()).isEqualTo("tcp");
        assertThat(tcp.tcpType()).isEqualTo("active");
        assertThat(tcp.port()).isEqualTo(9);
        assertThat(d.candidates().get(1).mdns()).isFalse();
    }

    @Test
    void readsABrowsersTrickledCandidateString() {
        RemoteCandidate c = RemoteCandidate.parse(
                "candidate:842163049 1 UDP 1677729535 2001:db8::7 54400 typ srflx raddr :: rport 0 ufrag Xk2p");
        assertThat(c.transport()).isEqualTo("udp");
        assertThat(c.address()).isEqualTo("2001:db8::7");
        assertThat(c.related()).isEqualTo("::");
        assertThat(c.extensions()).containsExactly(Map.entry("ufrag", "Xk2p"));
        assertThat(RemoteCandidate.parse(c.sdp())).isEqualTo(c);
    }

    @Test
    void namesTheLineAndTheProblemOfAMalformedDescription() {
        assertThat(problem("a=ice-ufrag:8hhY")).isEqualTo("the description has no a=ice-pwd line");
        assertThat(problem("a=ice-pwd:asd88fgpdd777uzjYhagZg")).isEqualTo("the description has no a=ice-ufrag line");
        assertThat(problem()).isEqualTo("the description has no a=ice-ufrag line (it is empty)");
        assertThat(problem("a=ice-ufrag:8hhY", "a=ice-pwd:short"))
                .isEqualTo("line 2: ice-pwd 'short' must be 22 to 256 letters, digits, '+' or '/' (it has 5 characters)");
        assertThat(problem("a=ice-ufrag:8h", "a=ice-pwd:asd88fgpdd777uzjYhagZg"))
                .startsWith("line 1: ice-ufrag '8h' must be 4 to 256");
        assertThat(problem("a=ice-ufrag:8hhY", "a=ice-ufrag:9hhY", "a=ice-pwd:asd88fgpdd777uzjYhagZg"))
                .isEqualTo("line 2: a second a=ice-ufrag with another value ('9hhY' after '8hhY')");
        assertThat(candidateProblem("a=candidate:1 1 udp 2122260223 192.0.2.10 50000"))
                .isEqualTo("a candidate needs foundation, component, transport, priority, address, port, 'typ' and a"
                        + " type; this one has 6 of those 8 fields");
        assertThat(candidateProblem("a=candidate:1 0 udp 2122260223 192.0.2.10 50000 typ host"))
                .isEqualTo("component 0 is out of range (1 to 256)");
        assertThat(candidateProblem("a=candidate:1 1 udp 2147483648 192.0.2.10 50000 typ host"))
                .isEqualTo("priority 2147483648 is out of range (1 to 2147483647)");
        assertThat(candidateProblem("a=candidate:1 1 udp 99999999999 192.0.2.10 50000 typ host"))
                .isEqualTo("priority '99999999999' is not a number");
        assertThat(candidateProblem("a=candidate:1 1 udp 1 192.0.2.10 65536 typ host"))
                .isEqualTo("port 65536 is out of range (0 to 65535)");
        assertThat(candidateProblem("a=candidate:1 1 udp 1 192.0.2.10 5 type host"))
                .isEqualTo("expected 'typ' after the port, got 'type'");
        assertThat(candidateProblem("a=candidate:1 1 udp 1 192.0.2.10 5 typ srflx raddr"))
                .isEqualTo("'raddr' has no value");
        assertThat(candidateProblem("a=candidate:1 1 tcp 1 192.0.2.10 5 typ host"))
                .isEqualTo("a TCP candidate needs a tcptype (active, passive or so; RFC 6544)");
        assertThat(candidateProblem("a=candidate:1 1 udp 1 192.0.2.10\u0007 5 typ host"))
                .isEqualTo("address '192.0.2.10\\u0007' is not an address or host name");
        assertThat(candidateProblem("a=candidate:" + "f".repeat(33) + " 1 udp 1 192.0.2.10 5 typ host"))
                .startsWith("foundation 'fffff").endsWith("' must be 1 to 32 letters, digits, '+' or '/'");
    }

    @Test
    void refusesADescriptionThatNeverEnds() {
        String endless = "a=ice-ufrag:8hhY\n" + "x=filler\n".repeat(IceDescription.MAX_LINES + 5);
        assertThatThrownBy(() -> IceDescription.read(new BufferedReader(new StringReader(endless))))
                .isInstanceOf(DescriptionException.class)
                .hasMessage("the description goes on past 1000 lines without the empty line that ends it");
        assertThatThrownBy(() -> IceDescription.read(new BufferedReader(new StringReader("\n\n"))))
                .isInstanceOf(DescriptionException.class)
                .hasMessage("the peer's description ended before it began (no lines)");
        assertThatThrownBy(() -> IceDescription.read(new BufferedReader(new StringReader("a".repeat(5000)))))
                .hasMessage("line 1 is longer than 4096 characters");
    }

    private static String problem(String... lines) {
        try {
            IceDescription.parse(List.of(lines));
        } catch (DescriptionException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + List.of(lines));
    }

    private static String candidateProblem(String line) {
        String m = problem("a=ice-ufrag:8hhY", "a=ice-pwd:asd88fgpdd777uzjYhagZg", line);
        assertThat(m).startsWith("line 3: ");
        return m.substring(8);
    }
}
