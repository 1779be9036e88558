package dev.rtc.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.capture.CaptureFileReader;
import dev.rtc.dissect.CraftedCaptures;
import dev.rtc.dissect.Dissector;
import dev.rtc.dissect.Fields;
import dev.rtc.dissect.Frame;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The info column of TLS and DTLS frames against tshark's ({@code -T fields -e _ws.col.Info}) on the TLS captures
 * of tls/ and the crafted ones: the records' handshake messages, alerts, "Change Cipher Spec", "Application Data",
 * the encrypted ones. (The protocol column stays "TLS"/"DTLS": tshark's "TLSv1.2" comes from the version it
 * tracks per conversation.)
 */
class TlsInfoTsharkTest {
    static Stream<Path> captures() throws IOException {
        List<Path> all = new ArrayList<>(CraftedCaptures.writeTls(Files.createTempDirectory("rtc-tls-info-")));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/tls"))) {
            files.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(all::add);
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameInfoAsTshark(Path pcap) throws Exception {
        Requires.commands("tshark");
        String out;
        try (ExternalProcess p = ExternalProcess.start(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields",
                "-e", "frame.protocols", "-e", "_ws.col.Info"))) {
            assertThat(p.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            out = p.log();
        }
        List<String> tshark = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("Running as user")) {
                continue;
            }
            String[] c = line.split("\t", 2);
            // rtc does not mark malformed packets in the info column
            tshark.add(c[0].matches(".*:d?tls(:.*)?") ? c[1].replace("[Malformed Packet]", "") : "-");
        }
        List<String> mine = new ArrayList<>();
        Frame frame = new Frame(Fields.registry());
        Dissector dissector = new Dissector();
        try (CaptureFileReader r = CaptureFileReader.open(pcap.toString(), InputStream.nullInputStream())) {
            long n = 0;
            while (r.next(frame, ++n)) {
                dissector.dissect(frame);
                String chain = frame.getString(Fields.FRAME_PROTOCOLS.id(), 0);
                mine.add(chain.matches(".*:d?tls(:.*)?") ? FrameSummary.info(frame, frame.topProtocol()) : "-");
            }
        }
        assertThat(mine).as("info of the TLS and DTLS frames of %s", pcap).isEqualTo(tshark);
    }
}
