package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.output.Json;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dual stack: one {@code rtc stun-server} on two IPv4 and two IPv6 addresses, inside a network namespace this test
 * creates (its loopback with 192.0.2.1/.2 and 2001:db8::1/::2, nothing connected to the machine) and removes.
 * A client in the same namespace gets its mapped address and CHANGE-REQUEST answers from the other address and
 * port, in each family. Needs root and ip(8); skipped without them (a failure under CI).
 */
class StunServerDualStackTest {

    private static int run(List<String> cmd, StringBuilder out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        }
        out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return p.exitValue();
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        StringBuilder out = new StringBuilder();
        assertThat(run(cmd, out)).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    private static List<String> rtcIn(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.rtc.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static JsonNode stun(String ns, String server, String... more) throws Exception {
        List<String> cmd = rtcIn(ns, "stun", server, "--format", "json", "--timeout", "5");
        cmd.addAll(List.of(more));
        StringBuilder out = new StringBuilder();
        int exit = run(cmd, out);
        assertThat(exit).as(out.toString()).isZero();
        String text = out.toString();
        return Json.mapper().readTree(text.substring(text.indexOf('{')));
    }

    @Test
    void answersOnTwoIpv4AndTwoIpv6Addresses() throws Exception {
        Requires.root();
        Requires.commands("ip");
        String ns = "rtcs6" + ProcessHandle.current().pid() + "x" + Integer.toHexString(new java.util.Random()
                .nextInt(0x10000));
        ip("netns", "add", ns);
        try {
            // the namespace's own loopback (no dummy driver needed): its addresses exist only in there
            ip("-n", ns, "link", "set", "lo", "up");
            ip("-n", ns, "addr", "add", "192.0.2.1/32", "dev", "lo");
            ip("-n", ns, "addr", "add", "192.0.2.2/32", "dev", "lo");
            ip("-n", ns, "addr", "add", "2001:db8::1/128", "dev", "lo", "nodad");
            ip("-n", ns, "addr", "add", "2001:db8::2/128", "dev", "lo", "nodad");
            try (ExternalProcess server = ExternalProcess.start(rtcIn(ns, "stun-server",
                    "--primary", "192.0.2.1:3478", "--alternate", "192.0.2.2:3479",
                    "--primary6", "[2001:db8::1]:3478", "--alternate6", "[2001:db8::2]:3479"))) {
                assertThat(server.awaitLog("listening", Duration.ofSeconds(30))).as(server.log()).isTrue();
                assertThat(server.log()).contains("[2001:db8::2]:3479").contains("192.0.2.2:3479");

                JsonNode v6 = stun(ns, "[2001:db8::1]:3478");
                assertThat(v6.get("source").asText()).isEqualTo("[2001:db8::1]:3478");
                assertThat(v6.get("mappedAddress").asText()).startsWith("[2001:db8::");
                JsonNode v6changed = stun(ns, "[2001:db8::1]:3478", "--change-ip", "--change-port");
                assertThat(v6changed.get("source").asText()).isEqualTo("[2001:db8::2]:3479");

                JsonNode v4 = stun(ns, "192.0.2.2:3479");
                assertThat(v4.get("source").asText()).isEqualTo("192.0.2.2:3479");
                assertThat(v4.get("mappedAddress").asText()).startsWith("192.0.2.");
                JsonNode v4changed = stun(ns, "192.0.2.1:3478", "--change-port");
                assertThat(v4changed.get("source").asText()).isEqualTo("192.0.2.1:3479");

                server.process().toHandle().destroy();
                assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(server.process().exitValue()).as(server.log()).isZero();
            }
        } finally {
            StringBuilder out = new StringBuilder();
            run(List.of("ip", "netns", "del", ns), out);
        }
    }
}
