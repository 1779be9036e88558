package dev.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:1:1:1:1:0:1, 2001:db8:1:1:1:1:0:1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "2001:DB8:1234:5678:11:2233:4455:6677, 2001:db8:1234:5678:11:2233:4455:6677",
        "192.0.2.1, 192.0.2.1"})
    void canonicalText(String in, String out) throws Exception {
        assertThat(AddressText.of(InetAddress.getByName(in))).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource({"2001:db8::1, 3478, [2001:db8::1]:3478", "127.0.0.1, 1, 127.0.0.1:1"})
    void socketAddresses(String ip, int port, String out) throws Exception {
        assertThat(AddressText.of(new InetSocketAddress(InetAddress.getByName(ip), port))).isEqualTo(out);
    }

    @Test
    void unresolvedKeepsTheHostString() {
        assertThat(AddressText.of(InetSocketAddress.createUnresolved("stun.example", 3478)))
                .isEqualTo("stun.example:3478");
    }

    @Test
    void scopeIsDropped() throws Exception {
        assertThat(AddressText.of(InetAddress.getByName("fe80:0:0:0:0:0:0:1%1"))).isEqualTo("fe80::1");
    }
}
