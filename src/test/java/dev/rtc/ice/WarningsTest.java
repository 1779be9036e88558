package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WarningsTest {
    private static InetSocketAddress at(String host, int port) {
        try {
            return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerVerdict ok(String url, InetSocketAddress base, InetSocketAddress mapped,
                                    InetSocketAddress relayed, Long lifetime, String realm) {
        return new ServerVerdict(url, base, Outcome.OK, null, null, realm, lifetime, mapped, relayed,
                Latency.NONE, 0);
    }

    @Test
    void privateRelayAddressPointsAtExternalIp() {
        List<String> w = Warnings.of(List.of(ok("turn:198.51.100.2", at("192.0.2.10", 5000),
                at("203.0.113.5", 5000), at("10.0.0.5", 49152), 600L, "r")), Set.of());
        assertThat(w).singleElement().asString().contains("relay address 10.0.0.5:49152").contains("external-ip");
    }

    @Test
    void sharedAddressSpaceAndUlaArePrivateButDocumentationRangesAreNot() {
        assertThat(Warnings.isPrivate(at("100.64.1.1", 1).getAddress())).isTrue();
        assertThat(Warnings.isPrivate(at("192.168.1.1", 1).getAddress())).isTrue();
        assertThat(Warnings.isPrivate(at("fd00::1", 1).getAddress())).isTrue();
        assertThat(Warnings.isPrivate(at("203.0.113.5", 1).getAddress())).isFalse();
        assertThat(Warnings.isPrivate(at("127.0.0.1", 1).getAddress())).isFalse();
    }

    @Test
    void shortLifetimeAndMissingRealm() {
        List<String> w = Warnings.of(List.of(ok("turn:198.51.100.2", null, null, at("198.51.100.2", 49152), 60L,
                null)), Set.of());
        assertThat(w).hasSize(2);
        assertThat(w.get(0)).contains("LIFETIME 60 s is under 120 s");
        assertThat(w.get(1)).contains("no REALM");
    }

    @Test
    void symmetricNatOnlyForTheSameUdpSocket() {
        InetSocketAddress base = at("192.0.2.10", 5000);
        List<String> sameSocket = Warnings.of(List.of(
                ok("stun:198.51.100.1", base, at("203.0.113.5", 7000), null, null, null),
                ok("stun:198.51.100.3", base, at("203.0.113.5", 7001), null, null, null)), Set.of());
        assertThat(sameSocket).singleElement().asString().contains("symmetric");
        List<String> sameMapping = Warnings.of(List.of(
                ok("stun:198.51.100.1", base, at("203.0.113.5", 7000), null, null, null),
                ok("stun:198.51.100.3", base, at("203.0.113.5", 7000), null, null, null)), Set.of());
        assertThat(sameMapping).isEmpty();
        List<String> tcpToo = Warnings.of(List.of(
                ok("stun:198.51.100.1", base, at("203.0.113.5", 7000), null, null, null),
                ok("turn:198.51.100.3?transport=tcp", at("192.0.2.10", 6000), at("203.0.113.5", 7001), null,
                        null, null)), Set.of());
        assertThat(tcpToo).isEmpty();
    }

    @Test
    void ipv6FailingWhereIpv4Works() {
        ServerVerdict v4 = ok("stun:198.51.100.1", null, at("203.0.113.5", 7000), null, null, null);
        ServerVerdict v6 = new ServerVerdict("stun:[2001:db8::1]", null, Outcome.UNREACHABLE, "no response", null,
                null, null, null, null, Latency.NONE, 0);
        assertThat(Warnings.of(List.of(v4, v6), Set.of("stun:[2001:db8::1]")))
                .singleElement().asString().contains("IPv6 fails where IPv4 works: stun:[2001:db8::1]");
    }
}
