package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, 127.0.0.1, 3478",
            "127.0.0.1:5000, 127.0.0.1, 5000",
            "localhost, localhost, 3478",
            "stun.example.org:19302, stun.example.org, 19302",
            "stun.example.org.:3479, stun.example.org., 3479",
            "[::1], ::1, 3478",
            "[::1]:5349, ::1, 5349",
            "'2001:db8::1', 2001:db8::1, 3478",
            "[fe80::1%lo]:1, fe80::1%lo, 1",
    })
    void parses(String text, String host, int port) {
        assertThat(Addresses.parse(text, 3478)).isEqualTo(new Addresses.HostPort(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x", "[::1", "[::1]x",
            "[127.0.0.1]:1", "300.1.1.1", "1.2.3", "a..b", "-a.b", "host name", ":::zz", "[::1]:99999"})
    void rejects(String text) {
        assertThatThrownBy(() -> Addresses.parse(text, 3478)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsWithoutLookups() throws Exception {
        assertThat(Addresses.format(new InetSocketAddress("127.0.0.1", 3478))).isEqualTo("127.0.0.1:3478");
        assertThat(Addresses.format(new InetSocketAddress("::1", 3478))).isEqualTo("[::1]:3478");
        assertThat(Addresses.format(new InetSocketAddress("2001:db8:0:0:1:0:0:1", 1))).isEqualTo("[2001:db8::1:0:0:1]:1");
        assertThat(Addresses.format(new InetSocketAddress("::", 9))).isEqualTo("[::]:9");
        assertThat(Addresses.parse("[::1]:5", 1).resolve(6)).isEqualTo(new InetSocketAddress("::1", 5));
    }

    @Test
    void scopedAddressesKeepTheirScope() throws Exception {
        InetAddress linkLocal = InetAddress.getByName("fe80::1%1");
        assertThat(Addresses.formatHost(linkLocal)).isEqualTo("fe80:0:0:0:0:0:0:1%1");
        assertThat(Addresses.format(new InetSocketAddress(linkLocal, 5))).isEqualTo("[fe80:0:0:0:0:0:0:1%1]:5");
        assertThat(Addresses.formatHost(InetAddress.getByName("2001:db8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
        assertThat(Addresses.format(null)).isEqualTo("-");
        assertThat(Addresses.format(InetSocketAddress.createUnresolved("stun.example", 3478)))
                .isEqualTo("stun.example:3478");
    }
}
