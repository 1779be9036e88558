package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rtc.net.TestCertificate;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `rtc signal-server` as users start it: options refused with one line, https, the servers handed out. */
class SignalServerCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("rooms on (https?://127\\.0\\.0\\.1:\\d+)/");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--listen nowhere:1                         | --listen",
        "--cert /etc/hostname                       | --cert and --key go together",
        "--cert /etc/hostname --key /etc/hostname   | --cert /etc/hostname: ",
        "--ice-server http://x                      | --ice-server http://x",
        "--max-rooms 0                              | --max-rooms 0: it must be 1 or more",
        "--max-message 10                           | --max-message 10: it must be 64 bytes to 16 MiB",
        "--room-idle 0s                             | '0s' is not a positive duration",
        "--secret s --ice-server stun:127.0.0.1     | TURN credentials given but no turn: or turns: --ice-server",
    })
    void refusesBadOptionsWithOneLine(String args, String expected) {
        CliRun r = CliRun.run(("signal-server " + args).split(" "));
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(expected);
        assertThat(r.err().lines().filter(l -> !l.isBlank()).count()).as(r.err()).isLessThanOrEqualTo(2);
        assertThat(r.err()).doesNotContain("Exception");
    }

    private static ExternalProcess start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "dev.rtc.Main", "signal-server",
                "--listen", "127.0.0.1:" + FreePorts.on("127.0.0.1")));
        cmd.addAll(List.of(args));
        ExternalProcess p = ExternalProcess.start(cmd);
        assertThat(p.awaitLog("Ctrl-C stops", Duration.ofSeconds(20))).as(p.log()).isTrue();
        return p;
    }

    private static String base(ExternalProcess p) {
        Matcher m = LISTENING.matcher(p.log());
        assertThat(m.find()).as(p.log()).isTrue();
        return m.group(1);
    }

    @Test
    void servesOverTlsAndHandsOutTurnCredentialsMintedAtJoin() throws Exception {
        Path secret = Files.createTempFile("rtc-signal-secret", ".txt");
        Files.writeString(secret, "north-wind\n");
        try (TestCertificate cert = TestCertificate.generate();
             ExternalProcess server = start("--cert", cert.certificate().toString(), "--key",
                     cert.privateKey().toString(), "--ice-server", "stun:127.0.0.1:3478", "--ice-server",
                     "turn:127.0.0.1:3478?transport=tcp", "--secret-file", secret.toString(), "--user", "web",
                     "--ttl", "10m")) {
            String base = base(server);
            assertThat(base).startsWith("https://");
            HttpClient client = HttpClient.newBuilder().sslContext(cert.trustingClient()).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("rtc connection test");
            JsonNode joined = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(base + "/t1/join"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode servers = joined.path("iceServers");
            assertThat(servers).hasSize(2);
            assertThat(servers.get(0).path("urls").get(0).asText()).isEqualTo("stun:127.0.0.1:3478");
            assertThat(servers.get(0).has("credential")).isFalse();
            JsonNode turn = servers.get(1);
            assertThat(turn.path("urls").get(0).asText()).isEqualTo("turn:127.0.0.1:3478?transport=tcp");
            // coturn's REST scheme: username "expiry:user", password base64(HMAC-SHA1(secret, username))
            String username = turn.path("username").asText();
            assertThat(username).matches("\\d+:web");
            long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
            assertThat(expiry - System.currentTimeMillis() / 1000).isBetween(500L, 601L);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec("north-wind".getBytes(), "HmacSHA1"));
            assertThat(turn.path("credential").asText())
                    .isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes())));
            // the secret itself is never printed
            assertThat(server.log()).doesNotContain("north-wind");
        } finally {
            Files.deleteIfExists(secret);
        }
    }
}
