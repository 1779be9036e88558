package dev.rtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dtls.DtlsSession.Role;
import dev.rtc.ice.AgentConfig;
import dev.rtc.ice.HostAddresses;
import dev.rtc.ice.IceSession;
import dev.rtc.net.Clock;
import dev.rtc.signal.IceDescription;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rtc's ICE and DTLS against aiortc's (Debian python3-aiortc, driven by aiortc_dtls_peer.py) on loopback, the
 * way two WebRTC endpoints meet: ICE attributes, a=fingerprint and a=setup exchanged, ICE connects, then DTLS in
 * the roles a=setup gives, each side checking the other's certificate against the fingerprint it was told.
 * aiortc offers only SRTP_AES128_CM_HMAC_SHA1_80.
 */
class AiortcInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private record Peer(Process process, List<String> description, Path stderr) {
    }

    private Peer start(String iceRole, String setup, String... extra) throws Exception {
        Path script = dir.resolve("aiortc_dtls_peer.py");
        try (InputStream in = AiortcInteropTest.class.getResourceAsStream("/dev/rtc/dtls/aiortc_dtls_peer.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path err = dir.resolve("aiortc.err");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), iceRole, setup));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.isBlank()) {
                if (lines.isEmpty()) {
                    continue;
                }
                break;
            }
            lines.add(line.strip());
        }
        assertThat(lines).as(Files.readString(err)).isNotEmpty();
        return new Peer(p, lines, err);
    }

    private static String attribute(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith("a=" + name + ":")).map(l -> l.substring(name.length() + 3))
                .findFirst().orElseThrow();
    }

    private static IceSession open(boolean controlling) throws Exception {
        return IceSession.open(new IceSession.Options(List.of(new HostAddresses.HostAddress("lo", 0,
                InetAddress.getLoopbackAddress())), List.of(), Duration.ofSeconds(2), Duration.ofMillis(500)),
                AgentConfig.random(controlling), null, Clock.system());
    }

    /** rtc with {@code rtcSetup}, aiortc with the other; returns rtc's result and aiortc's stderr. */
    private Object[] run(boolean rtcControlling, String rtcSetup, String... aiortcExtra) throws Exception {
        DtlsCertificate mine = DtlsCertificate.generate();
        String theirSetup = rtcSetup.equals("active") ? "passive" : "active";
        Peer peer = start(rtcControlling ? "controlled" : "controlling", theirSetup, aiortcExtra);
        try (IceSession ice = open(rtcControlling)) {
            List<String> ours = new ArrayList<>(ice.description().lines());
            ours.add("a=fingerprint:" + mine.fingerprint());
            ours.add("a=setup:" + rtcSetup);
            try (Writer w = new java.io.OutputStreamWriter(peer.process().getOutputStream(), StandardCharsets.UTF_8)) {
                w.write(String.join("\n", ours) + "\n\n");
            }
            ice.start(IceDescription.parse(peer.description()));
            assertThat(ice.await(TIMEOUT)).isTrue();
            assertThat(ice.agent().selected()).as(Files.readString(peer.stderr())).isNotNull();
            String theirs = attribute(peer.description(), "fingerprint");
            assertThat(attribute(peer.description(), "setup")).isEqualTo(theirSetup);
            try (DtlsSession s = DtlsSession.handshake(ice, null, mine, theirs, Role.fromSetup(rtcSetup), TIMEOUT)) {
                assertThat(peer.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
                return new Object[] {s.result(), theirs, mine, Files.readString(peer.stderr()),
                        peer.process().exitValue()};
            }
        } finally {
            peer.process().destroy();
        }
    }

    private static void connected(Object[] r) {
        DtlsResult result = (DtlsResult) r[0];
        assertThat(result.cause()).as((String) r[3]).isNull();
        assertThat(result.peerFingerprint()).isEqualToIgnoringCase((String) r[1]);
        assertThat(result.srtpProfile()).isEqualTo("SRTP_AES128_CM_HMAC_SHA1_80");
        assertThat(result.version()).isEqualTo("DTLS 1.2");
        // aiortc saw rtc's certificate and found it matches rtc's a=fingerprint
        assertThat((String) r[3]).containsIgnoringCase("dtls connected " + ((DtlsCertificate) r[2]).fingerprint());
        assertThat((int) r[4]).as((String) r[3]).isZero();
    }

    @Test
    void rtcActiveAgainstAiortcPassive() throws Exception {
        connected(run(true, "active"));
    }

    @Test
    void rtcPassiveAgainstAiortcActive() throws Exception {
        connected(run(false, "passive"));
    }

    @Test
    void aiortcRejectsACertificateItWasNotToldOf() throws Exception {
        String other = DtlsCertificate.generate().fingerprint();
        Object[] r = run(true, "active", "--expect", other);
        // aiortc checks the fingerprint after its handshake, so it fails without an alert; rtc completed
        assertThat((String) r[3]).contains("dtls failed");
        assertThat((int) r[4]).isEqualTo(1);
    }
}
