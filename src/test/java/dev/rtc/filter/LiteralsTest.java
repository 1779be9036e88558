package dev.rtc.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dissect.FieldType;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The literal readers: numbers, byte strings, IPv4, IPv6, and the RFC 5952 text of IPv6 addresses. */
class LiteralsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            0 => 0
            3478 => 3478
            0x0d96 => 3478
            0X0D96 => 3478
            06626 => 3478
            0b110110010110 => 3478
            -1 => -1
            +7 => 7
            18446744073709551615 => 18446744073709551615
            08 => none
            0x => none
            0b2 => none
            1e3 => none
            3478.5 => none
            abc => none
            '' => none
            """)
    void integers(String text, String expected) {
        BigInteger n = Literals.parseInteger(text);
        assertThat(n == null ? "none" : n.toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            21:12:a4:42 => 2112a442
            21.12.a4.42 => 2112a442
            21-12-a4-42 => 2112a442
            2112a442 => 2112a442
            0x2112a442 => 2112a442
            1 => 01
            000 => 0000
            0:1:2 => 000102
            0000.5e00.5301 => 00005e005301
            21:12-a4 => none
            21::12 => none
            211:12 => none
            zz => none
            0x => none
            """)
    void byteStrings(String text, String expected) {
        byte[] b = Literals.parseBytes(text);
        assertThat(b == null ? "none" : HexFormat.of().formatHex(b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            127.0.0.1 => 2130706433
            0.0.0.0 => 0
            255.255.255.255 => 4294967295
            256.0.0.1 => none
            127.1 => none
            1.2.3.4.5 => none
            a.b.c.d => none
            """)
    void ipv4(String text, String expected) {
        Long v = Literals.parseIpv4(text);
        assertThat(v == null ? "none" : v.toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            ::1 => 00000000000000000000000000000001
            :: => 00000000000000000000000000000000
            2001:db8::1 => 20010db8000000000000000000000001
            2001:db8:0:0:0:0:0:1 => 20010db8000000000000000000000001
            fe80::1:2 => fe800000000000000000000000010002
            ::ffff:192.0.2.1 => 00000000000000000000ffffc0000201
            1:2:3:4:5:6:7:8 => 00010002000300040005000600070008
            1:2:3:4:5:6:7 => none
            1:2:3:4:5:6:7:8:9 => none
            1::2::3 => none
            12345::1 => none
            g::1 => none
            127.0.0.1 => none
            """)
    void ipv6(String text, String expected) {
        byte[] v = Literals.parseIpv6(text);
        assertThat(v == null ? "none" : HexFormat.of().formatHex(v)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            00000000000000000000000000000001 => ::1
            00000000000000000000000000000000 => ::
            20010db8000000000000000000000001 => 2001:db8::1
            20010db8000000010000000000000001 => 2001:db8:0:1::1
            20010db8000000000001000000000000 => 2001:db8:0:0:1::
            20010db8000000000000000100000000 => 2001:db8::1:0:0
            20010db8000100000001000000010001 => 2001:db8:1:0:1:0:1:1
            fe800000000000000000000000010002 => fe80::1:2
            00000000000000000000ffffc0000201 => ::ffff:192.0.2.1
            """)
    void ipv6Text(String hex, String expected) {
        // string() of an IPv6 field: tshark writes an IPv4-mapped address with its IPv4 part dotted
        assertThat(Ops.display(HexFormat.of().parseHex(hex), FieldType.IPV6)).isEqualTo(expected);
    }

    /**
     * Time offsets of any number of seconds are accepted, as Wireshark's strtoul takes them; past what nanoseconds
     * in 64 bits hold they are the largest offset, so they still order above every real one (Wireshark's own
     * comparison wraps there).
     */
    @org.junit.jupiter.api.Test
    void hugeTimeOffsetsSaturate() {
        Literals.Target t = new Literals.Target(FieldType.RELATIVE_TIME, 0, null);
        assertThat(Literals.convert(Literals.Form.WORD, "99999999999999999999999", new Span(0, 23), t))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Literals.convert(Literals.Form.WORD, "9223372036.854775807", new Span(0, 20), t))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Literals.convert(Literals.Form.WORD, "9223372036.854775806", new Span(0, 20), t))
                .isEqualTo(Long.MAX_VALUE - 1);
        assertThat(Literals.convert(Literals.Form.WORD, "1.500000000000", new Span(0, 14), t))
                .isEqualTo(1_500_000_000L);
    }
}
