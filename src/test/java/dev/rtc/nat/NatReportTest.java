package dev.rtc.nat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.Exit;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatReportTest {
    private static final InetSocketAddress PUBLIC = new InetSocketAddress("198.51.100.1", 50000);

    static Round classified(Rfc3489Type type, FilteringBehaviour filtering) {
        return new Round.Classified(new Classification(type, MappingBehaviour.ENDPOINT_INDEPENDENT, filtering,
                Hairpinning.NOT_SUPPORTED, true, true, PUBLIC, null), List.of());
    }

    @Test
    void agreeingRoundsGiveTheVerdict() {
        NatReport r = NatReport.of(List.of(classified(Rfc3489Type.FULL_CONE, FilteringBehaviour.ENDPOINT_INDEPENDENT),
                classified(Rfc3489Type.FULL_CONE, FilteringBehaviour.ENDPOINT_INDEPENDENT)));
        assertThat(r.exit()).isEqualTo(Exit.OK);
        assertThat(r.verdict().type()).isEqualTo(Rfc3489Type.FULL_CONE);
        assertThat(r.tally()).containsValue(2);
        assertThat(r.problem()).isNull();
    }

    @Test
    void disagreeingRoundsAreInconclusiveWithTheTally() {
        NatReport r = NatReport.of(List.of(classified(Rfc3489Type.FULL_CONE, FilteringBehaviour.ENDPOINT_INDEPENDENT),
                classified(Rfc3489Type.RESTRICTED_CONE, FilteringBehaviour.ADDRESS_DEPENDENT)));
        assertThat(r.exit()).isEqualTo(Exit.INCONCLUSIVE);
        assertThat(r.verdict()).isNull();
        assertThat(r.problem()).contains("flaps", "1x Full Cone", "1x Restricted Cone");
    }

    @Test
    void aServerThatCannotDoTheTestWinsOverEverything() {
        Round incapable = new Round.ServerIncapable("no alternate", List.of());
        Round unclear = new Round.Inconclusive("changed mid-test", List.of());
        NatReport r = NatReport.of(List.of(unclear, incapable,
                classified(Rfc3489Type.FULL_CONE, FilteringBehaviour.ENDPOINT_INDEPENDENT)));
        assertThat(r.exit()).isEqualTo(Exit.SERVER_INCAPABLE);
        assertThat(r.problem()).isEqualTo("no alternate");
        assertThat(r.shown()).isSameAs(unclear);
    }

    @Test
    void anInconclusiveRoundMakesTheReportInconclusive() {
        Round unclear = new Round.Inconclusive("changed mid-test", List.of());
        NatReport r = NatReport.of(List.of(classified(Rfc3489Type.FULL_CONE, FilteringBehaviour.ENDPOINT_INDEPENDENT),
                unclear));
        assertThat(r.exit()).isEqualTo(Exit.INCONCLUSIVE);
        assertThat(r.problem()).isEqualTo("round 2 of 2: changed mid-test");
        assertThat(NatReport.of(List.of(unclear)).problem()).isEqualTo("changed mid-test");
    }

    @Test
    void theLastRoundIsShownWhenAllAgree() {
        Round a = classified(Rfc3489Type.SYMMETRIC, FilteringBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        Round b = classified(Rfc3489Type.SYMMETRIC, FilteringBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(NatReport.of(List.of(a, b)).shown()).isSameAs(b);
        assertThat(NatReport.key(a)).isEqualTo("Symmetric NAT (endpoint-independent mapping,"
                + " address-and-port-dependent filtering)");
    }
}
