package dev.rtc.nat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.output.Json;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.Requires;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * rtc nat-type on real NATs: every NAT behaviour built in the lab, classified against rtc stun-server and
 * Debian's stund, run after run and at 10% loss; Debian's stun client and coturn's turnutils_natdiscovery against
 * rtc stun-server; and a server that ignores CHANGE-REQUEST giving exit 4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NatLabTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** The lab's behaviours and what each tool must say about them. */
    enum Kind {
        OPEN("open", "open-internet", "endpoint-independent", "endpoint-independent", "Primary: Open",
                "Endpoint Independent"),
        FULL_CONE("full-cone", "full-cone", "endpoint-independent", "endpoint-independent",
                "Independent Mapping, Independent Filter", "Endpoint Independent"),
        RESTRICTED_CONE("restricted-cone", "restricted-cone", "endpoint-independent", "address-dependent",
                "Independent Mapping, Address Dependent Filter", "Address Dependent"),
        PORT_RESTRICTED_CONE("port-restricted-cone", "port-restricted-cone", "endpoint-independent",
                "address-and-port-dependent", "Independent Mapping, Port Dependent Filter",
                "Address and Port Dependent"),
        SYMMETRIC("symmetric", "symmetric", "address-and-port-dependent", "address-and-port-dependent",
                "Dependent Mapping", "Address and Port Dependent"),
        SYMMETRIC_UDP_FIREWALL("symmetric-udp-firewall", "symmetric-udp-firewall", "endpoint-independent",
                "address-and-port-dependent", "Primary: Firewall", "Address and Port Dependent"),
        UDP_BLOCKED("udp-blocked", "udp-blocked", null, null, "Primary: Blocked", null);

        final String lab;
        final String type;
        final String mapping;
        final String filtering;
        final String vovida;
        final String natdiscoveryFiltering;

        Kind(String lab, String type, String mapping, String filtering, String vovida, String natdiscovery) {
            this.lab = lab;
            this.type = type;
            this.mapping = mapping;
            this.filtering = filtering;
            this.vovida = vovida;
            this.natdiscoveryFiltering = natdiscovery;
        }
    }

    private NatLab lab;
    private ExternalProcess rtcServer;
    private ExternalProcess stund;
    private ExternalProcess ignoringServer;

    @BeforeAll
    void buildLab() throws Exception {
        Requires.root();
        Requires.commands("ip", "nft", "conntrack", "stund", "stun", "turnutils_natdiscovery");
        start();
    }

    /**
     * Rebuilds the lab when its namespaces went away under the test (something else on the machine touched
     * /run/netns), so that one outside event does not fail every later case.
     */
    @BeforeEach
    void labStillThere() throws Exception {
        if (!lab.healthy()) {
            tearDown();
            start();
        }
    }

    private void start() throws Exception {
        lab = NatLab.up();
        rtcServer = lab.startInServer(NatLab.rtc("stun-server", "--primary", NatLab.PRIMARY + ":3478",
                "--alternate", NatLab.ALTERNATE + ":3479", "--rate-limit", "0"));
        stund = lab.startInServer(List.of(Requires.which("stund"), "-h", NatLab.PRIMARY, "-a", NatLab.ALTERNATE,
                "-p", "3480", "-o", "3481"));
        ignoringServer = lab.startInServer(NatLab.rtc("stun-server", "--primary", NatLab.PRIMARY + ":3490",
                "--alternate", NatLab.ALTERNATE + ":3491", "--ignore-change-request"));
        assertThat(rtcServer.awaitLog("listening", Duration.ofSeconds(20))).as(rtcServer.log()).isTrue();
        assertThat(ignoringServer.awaitLog("listening", Duration.ofSeconds(20))).as(ignoringServer.log()).isTrue();
    }

    @AfterAll
    void tearDown() throws Exception {
        for (ExternalProcess p : new ExternalProcess[] {rtcServer, stund, ignoringServer}) {
            if (p != null) {
                p.close();
            }
        }
        if (lab != null) {
            lab.close();
        }
        rtcServer = null;
        stund = null;
        ignoringServer = null;
        lab = null;
    }

    private JsonNode natType(int port, String... extra) throws Exception {
        String[] args = new String[5 + extra.length];
        args[0] = "nat-type";
        args[1] = "--server";
        args[2] = NatLab.PRIMARY + ":" + port;
        args[3] = "--format";
        args[4] = "json";
        System.arraycopy(extra, 0, args, 5, extra.length);
        NatLab.Run r = lab.inClient(LIMIT, NatLab.rtc(args));
        String out = r.out();
        int brace = out.indexOf('{');
        assertThat(brace).as(out).isGreaterThanOrEqualTo(0);
        JsonNode doc = Json.mapper().readTree(out.substring(brace, out.lastIndexOf('}') + 1));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("processExit", r.exit());
        return doc;
    }

    private static void assertVerdict(Kind kind, JsonNode doc, String what) {
        assertThat(doc.get("processExit").asInt()).as(what + ": " + doc).isZero();
        assertThat(doc.get("type").asText()).as(what + ": " + doc).isEqualTo(kind.type);
        if (kind.mapping == null) {
            assertThat(doc.get("mapping").isNull()).as(what).isTrue();
        } else {
            assertThat(doc.get("mapping").asText()).as(what + ": " + doc).isEqualTo(kind.mapping);
            assertThat(doc.get("filtering").asText()).as(what + ": " + doc).isEqualTo(kind.filtering);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rtcClassifiesEveryNatAgainstBothServersRunAfterRunAndAtTenPercentLoss(Kind kind) throws Exception {
        lab.become(kind.lab, false);
        assertVerdict(kind, natType(3478, "--samples", "2"), "rtc stun-server, 2 samples");
        assertVerdict(kind, natType(3480, "--samples", "2"), "stund, 2 samples");
        lab.become(kind.lab, true);
        assertVerdict(kind, natType(3478, "--timeout", "1600ms"), "rtc stun-server, 10% loss");
        assertVerdict(kind, natType(3480, "--timeout", "1600ms"), "stund, 10% loss");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void debianStunClientAndNatdiscoveryAgreeAgainstRtcStunServer(Kind kind) throws Exception {
        lab.become(kind.lab, false);
        NatLab.Run vovida = lab.inClient(LIMIT, List.of(Requires.which("stun"), NatLab.PRIMARY));
        assertThat(vovida.out()).as("stun client").contains(kind.vovida);
        lab.become(kind.lab, false);
        NatLab.Run natdiscovery = lab.inClient(LIMIT, List.of(Requires.which("turnutils_natdiscovery"), "-m", "-f",
                NatLab.PRIMARY));
        if (kind.natdiscoveryFiltering == null) {
            assertThat(natdiscovery.out()).as("natdiscovery").doesNotContain("NAT with");
        } else {
            assertThat(natdiscovery.out()).as("natdiscovery")
                    .contains("NAT with " + kind.natdiscoveryFiltering + " Filtering!")
                    .contains("NAT with " + (kind == Kind.SYMMETRIC ? "Address and Port Dependent"
                            : "Endpoint Independent") + " Mapping!");
        }
    }

    @Test
    void aServerIgnoringChangeRequestGivesExit4NotFullCone() throws Exception {
        for (Kind kind : List.of(Kind.FULL_CONE, Kind.PORT_RESTRICTED_CONE, Kind.SYMMETRIC)) {
            lab.become(kind.lab, false);
            JsonNode doc = natType(3490);
            assertThat(doc.get("processExit").asInt()).as(kind + ": " + doc).isEqualTo(4);
            assertThat(doc.get("result").asText()).isEqualTo("server-incapable");
            assertThat(doc.get("problem").asText()).contains("CHANGE-REQUEST");
            assertThat(doc.has("type")).isFalse();
        }
    }
}
