package dev.rtc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.net.Coturn;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture on the loopback interface while the test talks STUN to a coturn it started: the frames are seen
 * and dissected; with -w, Ctrl-C (SIGINT to a separate rtc process) leaves a complete file that tshark reads
 * with exactly the number of packets rtc reported.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiveCaptureTest {
    @TempDir
    Path tmp;

    /** One Binding transaction; true when answered. */
    private static boolean binding(DatagramSocket s, int port) throws IOException {
        byte[] req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).build().encode();
        s.send(new DatagramPacket(req, req.length, new InetSocketAddress("127.0.0.1", port)));
        try {
            DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
            s.receive(in);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void capturesAndDissectsStunOnLoopback() throws Exception {
        Requires.root();
        try (Coturn server = Coturn.start("--realm", "rtc.test"); DatagramSocket s = new DatagramSocket()) {
            int port = server.address().getPort();
            s.setSoTimeout(500);
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.run("capture", "-i", "lo",
                    "-f", "udp port " + port, "-c", "4", "--duration", "30", "stun"));
            while (!run.isDone()) {
                binding(s, port);
                Thread.sleep(100);
            }
            CliRun r = run.get();
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).contains("STUN").contains("Binding Request")
                    .contains("Binding Success Response").contains("XOR-MAPPED-ADDRESS: 127.0.0.1:"
                            + s.getLocalPort());
            assertThat(r.err()).contains("Capturing on 'lo'").contains("4 packets captured, 4 matched");
        }
    }

    /**
     * rtc capturing the server's port on lo into the file, in a process of its own (so that SIGINT reaches it),
     * once it says it is capturing.
     */
    private static ExternalProcess captureToFile(Coturn server, Path out, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.rtc.Main", "capture", "-i", "lo", "-f", "udp port " + server.address().getPort(),
                "-w", out.toString()));
        cmd.addAll(List.of(extra));
        ExternalProcess rtc = ExternalProcess.start(cmd);
        if (!rtc.awaitLog("Capturing on 'lo'", Duration.ofSeconds(30))) {
            rtc.close();
            throw new AssertionError("rtc did not start capturing: " + rtc.log());
        }
        Thread.sleep(300);
        return rtc;
    }

    /** One field of every frame of the file as tshark reads it, a line per frame. */
    private static String tsharkField(Path file, String field, boolean mustExitZero) throws Exception {
        Process t = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", field)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = t.waitFor();
        if (mustExitZero) {
            assertThat(exit).as("tshark -r " + file).isZero();
        }
        return out;
    }

    /** With -U each frame reaches the file while the capture runs, whole records only, readable by tshark. */
    @Test
    void packetBufferedWritesEachFrameAtOnce() throws Exception {
        Requires.root();
        Requires.commands("tshark");
        Path out = tmp.resolve("live-u.pcap");
        try (Coturn server = Coturn.start("--realm", "rtc.test");
             ExternalProcess rtc = captureToFile(server, out, "-U", "--duration", "60");
             DatagramSocket s = new DatagramSocket()) {
            int port = server.address().getPort();
            s.setSoTimeout(500);
            assertThat(binding(s, port)).isTrue();
            // still capturing: the request and the response are in the file already
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String frames = "";
            while (System.nanoTime() < deadline) {
                frames = tsharkField(out, "stun.type", false); // may catch a record being written
                if (frames.lines().count() >= 2) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(rtc.process().isAlive()).as(rtc.log()).isTrue();
            assertThat(frames.lines().toList()).as(rtc.log()).contains("0x0001", "0x0101");
            new ProcessBuilder("kill", "-INT", String.valueOf(rtc.pid())).start().waitFor();
            assertThat(rtc.process().waitFor(30, TimeUnit.SECONDS)).as(rtc.log()).isTrue();
            assertThat(rtc.process().exitValue()).as(rtc.log()).isZero();
        }
    }

    @Test
    void ctrlCLeavesACompleteFileWithTheReportedCount() throws Exception {
        Requires.root();
        Requires.commands("tshark");
        Path out = tmp.resolve("live.pcap");
        try (Coturn server = Coturn.start("--realm", "rtc.test");
             ExternalProcess rtc = captureToFile(server, out);
             DatagramSocket s = new DatagramSocket()) {
            int port = server.address().getPort();
            s.setSoTimeout(500);
            int answered = 0;
            for (int i = 0; i < 6; i++) {
                answered += binding(s, port) ? 1 : 0;
            }
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(rtc.pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(rtc.process().waitFor(30, TimeUnit.SECONDS)).as(rtc.log()).isTrue();
            assertThat(rtc.process().exitValue()).as(rtc.log()).isZero();
            Matcher m = Pattern.compile("(\\d+) packets captured, (\\d+) written to").matcher(rtc.log());
            assertThat(m.find()).as(rtc.log()).isTrue();
            long written = Long.parseLong(m.group(2));
            assertThat(written).isGreaterThanOrEqualTo(6 + answered);
            String frames = tsharkField(out, "frame.number", true);
            assertThat(frames.lines().count()).isEqualTo(written);
            assertThat(Files.size(out)).isEqualTo(24 + frames.lines().count() * 16 + payloadBytes(out));
        }
    }

    @Test
    void durationEndsAnIdleCapture() {
        Requires.root();
        CliRun r = CliRun.run("capture", "-i", "lo", "-f", "udp port 9 and udp port 10", "--duration", "0.5");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("0 packets captured, 0 matched");
    }

    @Test
    void listsInterfacesWithAddresses() {
        CliRun r = CliRun.run("capture", "-D");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("(?m)^\\d+\\. lo .*127\\.0\\.0\\.1");
    }

    @Test
    void withoutCapNetRawSaysSoInOneLine() throws Exception {
        Requires.root();
        Requires.commands("setpriv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ExternalProcess rtc = ExternalProcess.start(List.of("setpriv", "--inh-caps=-net_raw,-net_admin",
                "--bounding-set=-net_raw,-net_admin", java, "-cp", System.getProperty("java.class.path"),
                "dev.rtc.Main", "capture", "-i", "lo", "-c", "1"))) {
            assertThat(rtc.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(rtc.process().exitValue()).as(rtc.log()).isEqualTo(1);
            assertThat(rtc.log().strip()).isEqualTo("rtc capture: live capture on lo needs root or CAP_NET_RAW"
                    + " (run as root, or: setcap cap_net_raw,cap_net_admin=eip on the java binary)");
        }
    }

    /** Bytes of packet data in a pcap, from its records (checks the file ends on a record boundary). */
    private static long payloadBytes(Path pcap) throws IOException {
        byte[] b = Files.readAllBytes(pcap);
        long total = 0;
        int pos = 24;
        while (pos + 16 <= b.length) {
            int caplen = (b[pos + 8] & 0xFF) | (b[pos + 9] & 0xFF) << 8 | (b[pos + 10] & 0xFF) << 16
                    | (b[pos + 11] & 0xFF) << 24;
            total += caplen;
            pos += 16 + caplen;
        }
        return total;
    }
}
