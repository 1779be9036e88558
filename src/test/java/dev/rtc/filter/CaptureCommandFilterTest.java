package dev.rtc.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every filter of the differential list through the real {@code rtc capture -r FILE -T fields -e frame.number
 * FILTER}: it dissects only the fields the filter reads ({@link DisplayFilter#fieldsUsed()}), and must select the
 * frames a full dissection selects. A field missing from fieldsUsed shows up here.
 */
class CaptureCommandFilterTest {

    /** STUN over TCP, every link type and attribute family, IPv6 with VLAN: the captures that vary most. */
    static Stream<Path> captures() throws Exception {
        List<String> names = List.of("turn-tcp-session.pcap", "udp-ethernet.pcap", "ipv6-vlan-turn.pcap");
        return FilterDifferentialTest.captures().filter(p -> names.contains(p.getFileName().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void captureCommandSelectsWhatFullDissectionSelects(Path pcap) throws Exception {
        List<String> exprs = FilterDifferentialTest.expressions();
        Map<String, TsharkOracle.Outcome> full = CaptureFilterRun.evaluate(pcap, exprs);
        List<String> differences = new ArrayList<>();
        for (String e : exprs) {
            TsharkOracle.Outcome expected = full.get(e);
            // "--" so that a filter starting with '-' (-udp.port == -3478) is not read as an option
            CliRun r = CliRun.run("capture", "-r", pcap.toString(), "-T", "fields", "-e", "frame.number", "--", e);
            String got;
            if (expected.error() != null) {
                got = r.exit() == 2 && r.err().contains(expected.error()) ? "rejected" : r.toString();
                if (!got.equals("rejected")) {
                    differences.add(e + "\n    expected rejection: " + expected.error() + "\n    got: " + got);
                }
                continue;
            }
            List<Long> frames = r.out().isBlank() ? List.of()
                    : Arrays.stream(r.out().trim().split("\n")).map(Long::parseLong).toList();
            if (r.exit() != 0 || !frames.equals(expected.frames())) {
                differences.add(e + "\n    full dissection: " + expected.frames() + "\n    rtc capture:     "
                        + (r.exit() == 0 ? frames : r.toString()));
            }
        }
        assertThat(differences).as("%d of %d filters differ on %s", differences.size(), exprs.size(),
                pcap.getFileName()).isEmpty();
    }
}
