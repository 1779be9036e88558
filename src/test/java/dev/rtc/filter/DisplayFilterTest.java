package dev.rtc.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The filter language over hand-built frames: which frames each expression selects, and the exact error text
 * for each mistake (Wireshark 4.0's wording, checked against tshark 4.0.17).
 */
class DisplayFilterTest {
    private static final byte[] BINDING = HexFormat.of().parseHex(
            "000100082112a442000102030405060708090a0b00060005616c69636500000000");
    private static final byte[] RTP = HexFormat.of().parseHex("8000000100000002000000030102");

    /** 1: STUN 10.0.0.1:50000 -> 192.0.2.1:3478; 2: RTP 10.0.0.1:5004 -> 10.0.0.2:5006; 3: TCP only. */
    private static final List<TestFrames.Frame> FRAMES = List.of(
            TestFrames.frame().add("frame.number", 1L).add("frame.len", 76L)
                    .add("frame.time_relative", 0L).add("ip.ttl", 64L).add("ip.flags.df", 1L)
                    .udp("10.0.0.1", 50000, "192.0.2.1", 3478, BINDING)
                    .add("stun", BINDING).add("stun.type", 1L).add("stun.att.type", 6L, 0x8028L)
                    .add("stun.att.username", "alice").add("stun.att.crc32.status", 1L),
            TestFrames.frame().add("frame.number", 2L).add("frame.len", 56L)
                    .add("frame.time_relative", 1_500_000_000L).add("ip.ttl", 1L).add("ip.flags.df", 0L)
                    .udp("10.0.0.1", 5004, "10.0.0.2", 5006, RTP),
            TestFrames.frame().add("frame.number", 3L).add("frame.len", 60L)
                    .add("frame.time_relative", 2_000_000_000L)
                    .add("tcp", new byte[20]).add("tcp.port", 443L, 40000L).add("tcp.flags.syn", 1L));

    /** The hand-built frames, for other tests that need frames without a capture. */
    static List<TestFrames.Frame> frames() {
        return FRAMES;
    }

    private static String select(String expr) {
        DisplayFilter f = DisplayFilter.compile(expr, TestFrames.REGISTRY);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < FRAMES.size(); i++) {
            if (f.test(FRAMES.get(i))) {
                out.add(String.valueOf(i + 1));
            }
        }
        return String.join(" ", out);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            `` => 1 2 3
            stun => 1
            udp => 1 2
            !stun => 2 3
            tcp.flags.syn => 3
            udp.port == 3478 => 1
            udp.port eq 3478 => 1
            udp.port any_eq 3478 => 1
            udp.port != 3478 => 2
            udp.port ne 3478 => 2
            udp.port all_ne 3478 => 2
            udp.port !== 3478 => 1 2
            udp.port ~= 3478 => 1 2
            udp.port === 3478 => ``
            udp.port all_eq 3478 => ``
            all udp.port > 3000 => 1 2
            any udp.port > 6000 => 1
            udp.port > 5005 => 1 2
            udp.port gt 5005 => 1 2
            udp.port < 5005 => 1 2
            udp.port lt 5004 => 1
            udp.port <= 5004 => 1 2
            udp.port le 5003 => 1
            udp.port >= 5006 => 1 2
            udp.port ge 5007 => 1
            udp.port == 0xd96 => 1
            udp.port == 06626 => 1
            udp.port == 0b110110010110 => 1
            ip.ttl == '@' => 1
            udp.port == -1 => ``
            udp.port != -1 => 1 2
            udp.port === -1 => 1 2
            udp.port !== -1 => ``
            udp.port > -1 => ``
            udp.port in {-1, 5004} => 2
            frame.len - 100 == -24 => 1
            stun or tcp => 1 3
            stun || tcp => 1 3
            udp and not stun => 2
            udp && !stun => 2
            not stun and udp => 2
            tcp or stun and udp.port == 5004 => 3
            (tcp or stun) and udp.port == 3478 => 1
            ip.addr == 10.0.0.2 => 2
            ip.addr == 10.0.0.0/8 => 1 2
            ip.dst == 192.0.2.0/24 => 1
            ip.src > 10.0.0.0 => 1 2
            udp.payload contains 21:12:a4:42 => 1
            udp.payload contains 21.12.a4.42 => 1
            udp.payload contains 2112a442 => 1
            udp.payload contains "alice" => 1
            udp contains "alice" => 1
            udp.payload[4:4] == 21:12:a4:42 => 1
            udp.payload[4-7] == 21:12:a4:42 => 1
            udp.payload[0] == 80 => 2
            udp.payload[-2:] == 01:02 => 2
            udp.payload[0:2,4] == 00:01:21 => 1
            udp.payload[100:1] => ``
            stun.att.username == "alice" => 1
            stun.att.username == alice => 1
            stun.att.username == "al\\x69ce" => 1
            stun.att.username == "al\\151ce" => 1
            stun.att.username contains "lic" => 1
            stun.att.username matches "^ALI" => 1
            stun.att.username ~ "e$" => 1
            stun.att.username[0:3] == "ali" => 1
            upper(stun.att.username) == "ALICE" => 1
            lower(stun.att.username) == "alice" => 1
            len(stun.att.username) == 5 => 1
            len(udp.port) == 2 => 1 2
            count(udp.port) == 2 => 1 2
            count(stun.att.type) == 2 => 1
            string(udp.srcport) == "5004" => 2
            string(ip.dst) == "192.0.2.1" => 1
            max(udp.srcport, udp.dstport) == 50000 => 1
            min(udp.srcport, udp.dstport) == 5004 => 2
            abs(udp.srcport) == 5004 => 2
            stun.att.crc32.status == "Good" => 1
            stun.att.crc32.status == good => 1
            stun.att.crc32.status == 1 => 1
            ip.flags.df == True => 1
            ip.flags.df == False => 2
            ip.flags.df == "Set" => 1
            ip.flags.df == 2 => 1
            udp.port in {53, 5004, 50000..50002} => 1 2
            udp.port in {3478} => 1
            udp.port not in {3478} => 2 3
            frame.len == {40 + 36} => 1
            frame.len == 40+36 => 1
            frame.len == {100 - 24} => 1
            frame.len == {38 * 2} => 1
            frame.len == {152 / 2} => 1
            frame.len % 10 == 6 => 1 2
            udp.dstport >= udp.srcport + 1 => 2
            udp.dstport & 1 == 0 => 1 2
            udp.srcport & 1 => ``
            -udp.srcport == -5004 => 2
            udp.port / 0 == 1 => ``
            frame.time_relative > 1 => 2 3
            frame.time_relative >= 1.5 => 2 3
            frame.time_relative == 1.500000000 => 2
            stun.att.type == 0x8028 => 1
            stun.att.type != 6 => ``
            ip.src == ip.addr => 1 2
            """)
    void selects(String expr, String frames) {
        assertThat(select(expr)).isEqualTo(frames == null ? "" : frames);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            udp.port == 70000 => "70000" too big for this field, maximum 65535. => 12 => 17
            udp.prot == 1 => Left side of "==" expression must be a field or function, not udp.prot. => 0 => 8
            udp.port == 5004 5004 => "5004" was unexpected in this context. => 17 => 21
            udp.port == => Unexpected end of filter expression. => -1 => -1
            ip.addr == 10.0.0.0/33 => Netmask bits in a CIDR IPv4 address should be <= 32, not 33 => 11 => 22
            ip.addr == 300.1.1.1 => "300.1.1.1" is not a valid hostname or IPv4 address. => 11 => 20
            udp.port == "abc" => Unsigned integer (2 bytes) cannot be converted from a string ("abc"). => 12 => 17
            udp.port == abc => "abc" is not a valid number. => 12 => 15
            udp.port == 3478) => ")" was unexpected in this context. => 16 => 17
            udp.port contains 1 => udp.port (type=Unsigned integer (2 bytes)) cannot participate in contains comparison. => 0 => 8
            foo => foo is neither a field nor a protocol name. => 0 => 3
            1 == udp.port => Left side of "==" expression must be a field or function, not 1. => 0 => 1
            udp.port = 3478 => "=" was unexpected in this context. => 9 => 10
            stun.att.crc32.status == 256 => "256" cannot be found among the possible values for stun.att.crc32.status. => 25 => 28
            ip.flags.df == true => "true" cannot be found among the possible values for ip.flags.df. => 15 => 19
            lower(udp.port) == "x" => Only string type fields can be used as parameter for lower() => 6 => 14
            stun.att.username == "ali\\ce" => \\c is not a valid character escape sequence => 25 => 27
            udp.port == 'ab' => 'ab' is too long to be a valid character constant. => 12 => 16
            stun.att.username + 1 == 2 => FT_STRING cannot +. => 0 => 17
            udp.port + "a" == 1 => "a" is not a valid arithmetic operand. => 11 => 14
            udp.port[0:1] == 0d => "udp.port" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes. => 0 => 8
            udp.payload contains lic => "lic" is not a valid byte string. => 21 => 24
            udp.port == 3478 == 1 => Left side of "==" expression must be a field or function, not 3478. => 12 => 16
            count(1) == 1 => Only fields can be used as parameter for count() => 6 => 7
            foo(udp.port) == 1 => Function 'foo' does not exist => 0 => 3
            max() == 1 => Function max needs at least 1 arguments. => 0 => 3
            ip.src == udp.port => ip.src and udp.port are not of compatible types. => 10 => 18
            udp.payload[0:2 => The right bracket was missing from a slice. => 15 => 16
            udp.payload[0:0] == 1 => Range 0:0 isn't valid because length 0 isn't positive => 12 => 15
            udp.payload[3-2] == 00 => Range 3-2 isn't valid because 3 is greater or equal than 2 => 12 => 15
            stun.att.username == "abc => The final quote was missing from a quoted string. => 25 => 26
            udp.port matches 1 => Matches requires a double quoted string on the right side. => 17 => 18
            frame.time_relative > "x" => Time offset cannot be converted from a string ("x"). => 22 => 25
            and udp.port => "and" was unexpected in this context. => 0 => 3
            """)
    void rejects(String expr, String message, int start, int end) {
        assertThatThrownBy(() -> DisplayFilter.compile(expr, TestFrames.REGISTRY))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.start()).as("start").isEqualTo(start);
                    assertThat(e.end()).as("end").isEqualTo(end);
                });
    }
}
