package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.net.Addresses;
import dev.rtc.net.Coturn;
import dev.rtc.output.Json;
import dev.rtc.server.ServerAddressSet;
import dev.rtc.server.StunServer;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import dev.rtc.testing.Requires;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rtc nat-type against real servers on loopback (no NAT there: Open Internet), and its usage errors. */
class NatTypeCommandTest {

    static StunServer server(int port, boolean honourChange, InetSocketAddress advertiseAlternate) {
        InetSocketAddress p = new InetSocketAddress("127.0.0.1", port);
        InetSocketAddress a = new InetSocketAddress("127.0.0.2", port + 1);
        return StunServer.start(new StunServer.Options(new ServerAddressSet(p, a, null, advertiseAlternate),
                honourChange, 0, false, "rtc test"), e -> { });
    }

    @Test
    void openInternetOnLoopbackWithEveryTestListed() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = server(port, true, null)) {
            CliRun text = CliRun.run("nat-type", "--server", "127.0.0.1:" + port);
            assertThat(text.exit()).as(text.toString()).isZero();
            assertThat(text.out()).contains("Open Internet (RFC 3489)", "endpoint-independent", "For calls:");
            CliRun json = CliRun.run("nat-type", "--server", "127.0.0.1:" + port, "--format", "json",
                    "--samples", "2", "--expect", "open-internet,full-cone");
            assertThat(json.exit()).as(json.toString()).isZero();
            JsonNode doc = Json.mapper().readTree(json.out());
            assertThat(doc.get("schema").asText()).isEqualTo("rtc.nat-type/1");
            assertThat(doc.get("type").asText()).isEqualTo("open-internet");
            assertThat(doc.get("expectMet").asBoolean()).isTrue();
            assertThat(doc.get("samples")).hasSize(2);
            JsonNode tests = doc.get("samples").get(0).get("tests");
            assertThat(tests).hasSize(5);
            for (JsonNode t : tests) {
                assertThat(t.get("actualSource").asText()).isEqualTo(t.get("expectedSource").asText());
                int local = Integer.parseInt(t.get("local").asText().replaceAll(".*:", ""));
                assertThat(local).isBetween(49152, 65535);
            }
            assertThat(tests.get(3).get("changeIp").asBoolean()).isTrue();
            assertThat(tests.get(3).get("actualSource").asText()).isEqualTo("127.0.0.2:" + (port + 1));
        }
    }

    @Test
    void localAddressIsUsedAndMustMatchTheFamily() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = server(port, true, null)) {
            CliRun r = CliRun.run("nat-type", "--server", "127.0.0.1:" + port, "--local-address", "127.0.0.3",
                    "--format", "json");
            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode doc = Json.mapper().readTree(r.out());
            assertThat(doc.get("publicAddress").asText()).startsWith("127.0.0.3:");
            for (JsonNode t : doc.get("samples").get(0).get("tests")) {
                assertThat(t.get("local").asText()).startsWith("127.0.0.3:");
            }
            CliRun wrongFamily = CliRun.run("nat-type", "--server", "127.0.0.1:" + port, "--local-address", "::1");
            assertThat(wrongFamily.exit()).isEqualTo(2);
            assertThat(wrongFamily.err()).contains("address family");
            assertThat(CliRun.run("nat-type", "--server", "127.0.0.1:" + port, "--local-address", "example.org")
                    .exit()).isEqualTo(2);
        }
    }

    @Test
    void ipv6PathRunsAndAMixedFamilyAlternateIsRefused() throws Exception {
        int port = FreePorts.pairOn("::1");
        // Loopback has one IPv6 address only, so the alternate is IPv4: the Binding over IPv6 works, and the
        // alternate address of another family is what the server lacks.
        InetSocketAddress p = new InetSocketAddress("::1", port);
        InetSocketAddress a = new InetSocketAddress("127.0.0.2", port + 1);
        try (StunServer s = StunServer.start(new StunServer.Options(new ServerAddressSet(p, a, null, null), true, 0,
                false, "rtc test"), e -> { })) {
            CliRun r = CliRun.run("nat-type", "--server", "[::1]:" + port, "--family", "6", "--format", "json");
            assertThat(r.exit()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).contains("address family");
            JsonNode binding = Json.mapper().readTree(r.out()).get("samples").get(0).get("tests").get(0);
            assertThat(binding.get("outcome").asText()).isEqualTo("answered");
            assertThat(binding.get("mapped").asText()).startsWith("[::1]:");
        }
    }

    @Test
    void unmetExpectationIsExit3() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = server(port, true, null)) {
            CliRun r = CliRun.run("nat-type", "--server", "127.0.0.1:" + port, "--expect", "symmetric");
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).contains("expected symmetric, got open-internet");
        }
    }

    @Test
    void serverIgnoringChangeRequestIsExit4NeverAVerdict() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = server(port, false, null)) {
            CliRun r = CliRun.run("nat-type", "--server", "127.0.0.1:" + port);
            assertThat(r.exit()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).contains("ignores CHANGE-REQUEST");
            assertThat(r.out()).doesNotContain("Full Cone", "Open Internet");
        }
    }

    @Test
    void serverWithoutSecondAddressIsExit4() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = server(port, true, new InetSocketAddress("127.0.0.1", port + 1))) {
            CliRun r = CliRun.run("nat-type", "--server", "127.0.0.1:" + port, "--format", "json");
            assertThat(r.exit()).isEqualTo(4);
            assertThat(r.err()).contains("same IP");
            assertThat(Json.mapper().readTree(r.out()).get("result").asText()).isEqualTo("server-incapable");
        }
    }

    @Test
    void coturnWithoutRfc5780IsExit4() throws Exception {
        try (Coturn coturn = Coturn.start()) {
            CliRun r = CliRun.run("nat-type", "--server", Addresses.format(coturn.address()));
            assertThat(r.exit()).as(r + coturn.log()).isEqualTo(4);
            assertThat(r.err()).contains("no alternate address");
            assertThat(r.out()).doesNotContain("Full Cone", "Open Internet");
        }
    }

    /** A server that takes the requests and never answers: no answer at all is UDP Blocked, a verdict. */
    @Test
    void silentServerIsUdpBlocked() throws Exception {
        int port = FreePorts.on("127.0.0.1");
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            CliRun r = CliRun.run("nat-type", "--server", "127.0.0.1:" + port, "--timeout", "300ms");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("UDP Blocked", "TURN");
        }
    }

    /** Nothing listens on the port: the ICMP port unreachable says the server is down, exit 1, no verdict. */
    @Test
    void refusingPortIsAFailureNotUdpBlocked() throws Exception {
        int port = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("nat-type", "--server", "127.0.0.1:" + port, "--timeout", "300ms");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("rtc nat-type: 127.0.0.1:" + port + " refused the Binding request"
                + " (ICMP port unreachable): no STUN server listens there, or a firewall rejects UDP to it");
        assertThat(r.out()).doesNotContain("UDP Blocked");
    }

    @Test
    void againstDebianStund() throws Exception {
        Requires.commands("stund");
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (ExternalProcess stund = ExternalProcess.start(List.of(Requires.which("stund"), "-h", "127.0.0.1",
                "-a", "127.0.0.2", "-p", Integer.toString(port), "-o", Integer.toString(port + 1)))) {
            CliRun r = null;
            for (int i = 0; i < 20; i++) {
                r = CliRun.run("nat-type", "--server", "127.0.0.1:" + port);
                if (r.exit() == 0) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(r.exit()).as(r + stund.log()).isZero();
            assertThat(r.out()).contains("Open Internet");
        }
    }

    @Test
    void usageErrors() {
        assertThat(CliRun.run("nat-type").exit()).isEqualTo(2);
        assertThat(CliRun.run("nat-type", "-s", "127.0.0.1", "--expect", "cone").err()).contains("unknown type");
        assertThat(CliRun.run("nat-type", "-s", "127.0.0.1", "--rto", "fast").exit()).isEqualTo(2);
        assertThat(CliRun.run("nat-type", "-s", "127.0.0.1", "--rto", "2s", "--timeout", "1s").exit()).isEqualTo(2);
        assertThat(CliRun.run("nat-type", "-s", "127.0.0.1", "--family", "5").exit()).isEqualTo(2);
        assertThat(CliRun.run("nat-type", "-s", "127.0.0.1", "--samples", "0").exit()).isEqualTo(2);
        assertThat(CliRun.run("nat-type", "-s", "127.0.0.1:99999").exit()).isEqualTo(2);
        assertThat(CliRun.run("nat-type", "-s", "127.0.0.1", "--family", "6").exit()).isEqualTo(1);
        assertThat(CliRun.run("nat-type", "-s", "[::1", "--timeout", "1s").exit()).isEqualTo(2);
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        CliRun r = CliRun.run("nat-type", "--help");
        assertThat(r.out()).contains("Examples:", "--expect", "Exit codes:", "RTC_STUN_SERVER");
        assertThat(CliRun.run("stun-server", "--help").out()).contains("Examples:", "--advertise-primary");
    }

    @Test
    void stunServerUsageAndBindErrors() throws Exception {
        CliRun same = CliRun.run("stun-server", "--primary", "127.0.0.1:4000", "--alternate", "127.0.0.2:4000");
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("must differ");
        assertThat(CliRun.run("stun-server", "--primary", "example.org").exit()).isEqualTo(2);
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        CliRun notLocal = CliRun.run("stun-server", "--primary", "127.0.0.1:" + port, "--alternate",
                "192.0.2.99:" + (port + 1));
        assertThat(notLocal.exit()).isEqualTo(1);
        assertThat(notLocal.err()).contains("cannot listen");
        assertThat(Duration.ZERO).isZero();
    }
}
