package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.ice.IceServerUri.Transport;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The numbers Chromium 156 emits for the same candidates (issue 4). */
class PriorityTest {
    private static final InetAddress V4 = address("192.0.2.10");

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long priority(CandidateType type, Transport protocol, Transport hop, int network, int urlPref) {
        return Priority.of(Priority.typePreference(type, protocol, hop),
                Priority.localPreference(network, V4, urlPref), 1);
    }

    @Test
    void hostUdpOnTheFirstNetwork() {
        assertThat(priority(CandidateType.HOST, Transport.UDP, null, 0, 0)).isEqualTo(2122260223L);
    }

    @Test
    void hostTcp() {
        assertThat(priority(CandidateType.HOST, Transport.TCP, null, 0, 0)).isEqualTo(1518280447L);
    }

    @Test
    void serverReflexive() {
        assertThat(priority(CandidateType.SERVER_REFLEXIVE, Transport.UDP, null, 0, 0)).isEqualTo(1686052607L);
    }

    @Test
    void relaysFromOneServerEntryWithUdpFirst() {
        // two TURN URLs in one entry: the UDP one first gets URL preference 2, the TCP one 1
        assertThat(priority(CandidateType.RELAY, Transport.UDP, Transport.UDP, 0, 2)).isEqualTo(58663167L);
        assertThat(priority(CandidateType.RELAY, Transport.UDP, Transport.TCP, 0, 1)).isEqualTo(25108479L);
    }

    @Test
    void relayOrderUdpAboveTcpAboveTls() {
        long udp = priority(CandidateType.RELAY, Transport.UDP, Transport.UDP, 0, 1);
        long tcp = priority(CandidateType.RELAY, Transport.UDP, Transport.TCP, 0, 1);
        long tls = priority(CandidateType.RELAY, Transport.UDP, Transport.TLS, 0, 1);
        assertThat(udp).isGreaterThan(tcp);
        assertThat(tcp).isGreaterThan(tls);
        assertThat(priority(CandidateType.SERVER_REFLEXIVE, Transport.UDP, null, 0, 0)).isGreaterThan(udp);
    }

    @Test
    void laterNetworksAndComponentTwoRankLower() {
        long first = priority(CandidateType.HOST, Transport.UDP, null, 0, 0);
        long second = priority(CandidateType.HOST, Transport.UDP, null, 1, 0);
        assertThat(second).isEqualTo(first - (256L << 8)); // one less network preference, in bits 8..15 of the local preference
        long rtcp = Priority.of(Priority.HOST_UDP, Priority.localPreference(0, V4, 0), 2);
        assertThat(rtcp).isEqualTo(first - 1);
    }

    @Test
    void partsAsTheTrickleIcePageShowsThem() {
        assertThat(Priority.parts(2122260223L)).isEqualTo("126 | 32542 | 255");
        assertThat(Priority.parts(58663167L)).isEqualTo("3 | 32544 | 255");
        assertThat(Priority.parts(25108479L)).isEqualTo("1 | 32543 | 255");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "192.0.2.1, 30", "::1, 60", "::ffff:192.0.2.1, 30", "2002::1, 30", "2001:0:1::1, 5",
            "fd00::1, 3", "fec0::1, 1", "3ffe::1, 1", "::192.0.2.1, 1", "2001:db8::1, 40",
    })
    void addressPrecedence(String address, int expected) throws Exception {
        byte[] raw = InetAddress.getByName(address).getAddress();
        InetAddress a = raw.length == 16 ? java.net.Inet6Address.getByAddress(null, raw, -1)
                : InetAddress.getByAddress(raw);
        assertThat(Priority.addressPrecedence(a)).isEqualTo(expected);
    }

    @Test
    void ipv6HostRanksAboveIpv4OnTheSameNetworkIndex() {
        long v6 = Priority.of(Priority.HOST_UDP, Priority.localPreference(0, address("2001:db8::1"), 0), 1);
        assertThat(v6).isGreaterThan(priority(CandidateType.HOST, Transport.UDP, null, 0, 0));
    }
}
