package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.ice.HostAddresses.Family;
import dev.rtc.ice.HostAddresses.HostAddress;
import dev.rtc.ice.HostAddresses.Nic;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostAddressesTest {
    private static InetAddress a(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private final List<Nic> nics = List.of(
            new Nic("eth1", 3, true, false, List.of(a("198.51.100.7"))),
            new Nic("lo", 1, true, true, List.of(a("127.0.0.1"), a("::1"))),
            new Nic("eth0", 2, true, false, List.of(a("fe80::1"), a("2001:db8::7"), a("192.0.2.7"),
                    a("169.254.3.4"))),
            new Nic("wlan0", 4, false, false, List.of(a("203.0.113.9"))));

    private static List<String> addresses(List<HostAddress> chosen) {
        return chosen.stream().map(h -> h.interfaceName() + "/" + h.networkIndex() + "/"
                + h.address().getHostAddress()).toList();
    }

    @Test
    void likeABrowserNoLoopbackNoLinkLocalNoDownInterfaceIpv4First() {
        assertThat(addresses(HostAddresses.choose(nics, Family.BOTH, null, false))).containsExactly(
                "eth0/0/192.0.2.7", "eth0/1/2001:db8:0:0:0:0:0:7", "eth1/2/198.51.100.7");
    }

    @Test
    void familyFilter() {
        assertThat(addresses(HostAddresses.choose(nics, Family.V4, null, false)))
                .containsExactly("eth0/0/192.0.2.7", "eth1/1/198.51.100.7");
        assertThat(addresses(HostAddresses.choose(nics, Family.V6, null, false)))
                .containsExactly("eth0/0/2001:db8:0:0:0:0:0:7");
    }

    @Test
    void includeLoopbackAddsLoopbackAndLinkLocal() {
        assertThat(addresses(HostAddresses.choose(nics, Family.V4, null, true))).containsExactly(
                "lo/0/127.0.0.1", "eth0/1/192.0.2.7", "eth0/2/169.254.3.4", "eth1/3/198.51.100.7");
    }

    @Test
    void namingAnInterfaceKeepsOnlyItEvenLoopback() {
        assertThat(addresses(HostAddresses.choose(nics, Family.V4, "lo", false))).containsExactly("lo/0/127.0.0.1");
        assertThat(addresses(HostAddresses.choose(nics, Family.BOTH, "eth1", false)))
                .containsExactly("eth1/0/198.51.100.7");
        assertThat(HostAddresses.choose(nics, Family.BOTH, "wlan0", false)).isEmpty();
        assertThat(HostAddresses.choose(nics, Family.BOTH, "nope0", false)).isEmpty();
    }
}
