package dev.rtc.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private static final InetSocketAddress LOCAL = addr("192.0.2.10", 50000);
    private static final InetSocketAddress PUBLIC = addr("198.51.100.1", 50000);
    private static final InetSocketAddress PUBLIC_2 = addr("198.51.100.1", 61001);
    private static final InetSocketAddress PUBLIC_3 = addr("198.51.100.1", 61002);

    static InetSocketAddress addr(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    static Observations obs(InetSocketAddress m1, InetSocketAddress m2, InetSocketAddress m3,
                            boolean changeBoth, boolean changePort, Boolean hairpin) {
        return new Observations(LOCAL, m1, m2, m3, changeBoth, changePort, hairpin);
    }

    static Classification verdict(Observations o) {
        Classifier.Result r = Classifier.classify(o);
        assertThat(r).isInstanceOf(Classifier.Verdict.class);
        return ((Classifier.Verdict) r).classification();
    }

    static String inconclusive(Observations o) {
        Classifier.Result r = Classifier.classify(o);
        assertThat(r).isInstanceOf(Classifier.Inconclusive.class);
        return ((Classifier.Inconclusive) r).why();
    }

    @Test
    void noAnswerAtAllIsUdpBlocked() {
        Classification c = verdict(obs(null, null, null, false, false, null));
        assertThat(c.type()).isEqualTo(Rfc3489Type.UDP_BLOCKED);
        assertThat(c.mapping()).isNull();
        assertThat(c.filtering()).isNull();
        assertThat(c.publicAddress()).isNull();
        assertThat(c.behaviourPair()).contains("unknown");
        assertThat(c.inexpressible()).isNull();
    }

    @Test
    void changeAnswersWithoutPlainAnswerAreInconclusive() {
        assertThat(inconclusive(obs(null, null, null, true, false, null))).contains("never a plain Binding");
        assertThat(inconclusive(obs(null, null, null, false, true, null))).contains("never a plain Binding");
    }

    @Test
    void silentAlternateIsInconclusive() {
        assertThat(inconclusive(obs(PUBLIC, null, PUBLIC, false, false, null))).contains("alternate address did not");
        assertThat(inconclusive(obs(PUBLIC, PUBLIC, null, false, false, null))).contains("alternate address did not");
    }

    @Test
    void unchangedAddressWithAllAnswersIsOpenInternet() {
        Classification c = verdict(obs(LOCAL, LOCAL, LOCAL, true, true, true));
        assertThat(c.type()).isEqualTo(Rfc3489Type.OPEN_INTERNET);
        assertThat(c.mapping()).isEqualTo(MappingBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(c.filtering()).isEqualTo(FilteringBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(c.natPresent()).isFalse();
        assertThat(c.hairpinning()).isEqualTo(Hairpinning.NOT_APPLICABLE);
        assertThat(c.portPreserved()).isTrue();
        assertThat(c.inexpressible()).isNull();
    }

    @Test
    void unchangedAddressBehindStatefulFirewallIsSymmetricUdpFirewall() {
        Classification c = verdict(obs(LOCAL, LOCAL, LOCAL, false, false, null));
        assertThat(c.type()).isEqualTo(Rfc3489Type.SYMMETRIC_UDP_FIREWALL);
        assertThat(c.filtering()).isEqualTo(FilteringBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(c.inexpressible()).isNull();
    }

    @Test
    void addressRestrictedFirewallIsNamedAsInexpressible() {
        Classification c = verdict(obs(LOCAL, LOCAL, LOCAL, false, true, null));
        assertThat(c.type()).isEqualTo(Rfc3489Type.SYMMETRIC_UDP_FIREWALL);
        assertThat(c.filtering()).isEqualTo(FilteringBehaviour.ADDRESS_DEPENDENT);
        assertThat(c.inexpressible()).contains("address-restricted firewall");
    }

    @Test
    void noNatButMappingVaryingIsInconclusive() {
        assertThat(inconclusive(obs(LOCAL, PUBLIC_2, PUBLIC_2, false, false, null))).contains("mid-test");
    }

    @Test
    void fullCone() {
        Classification c = verdict(obs(PUBLIC, PUBLIC, PUBLIC, true, true, true));
        assertThat(c.type()).isEqualTo(Rfc3489Type.FULL_CONE);
        assertThat(c.mapping()).isEqualTo(MappingBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(c.filtering()).isEqualTo(FilteringBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(c.natPresent()).isTrue();
        assertThat(c.hairpinning()).isEqualTo(Hairpinning.SUPPORTED);
        assertThat(c.portPreserved()).isTrue();
        assertThat(c.publicAddress()).isEqualTo(PUBLIC);
        assertThat(c.inexpressible()).isNull();
    }

    @Test
    void fullConeAnswerWithVaryingMappingIsNamedAsInexpressible() {
        Classification c = verdict(obs(PUBLIC, PUBLIC_2, PUBLIC_3, true, true, false));
        assertThat(c.type()).isEqualTo(Rfc3489Type.FULL_CONE);
        assertThat(c.mapping()).isEqualTo(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(c.hairpinning()).isEqualTo(Hairpinning.NOT_SUPPORTED);
        assertThat(c.inexpressible()).contains("Full Cone");
    }

    @Test
    void changeIpAndPortWithoutChangePortIsInconclusive() {
        assertThat(inconclusive(obs(PUBLIC, PUBLIC, PUBLIC, true, false, null))).contains("other port");
    }

    @Test
    void restrictedCone() {
        Classification c = verdict(obs(PUBLIC, PUBLIC, PUBLIC, false, true, null));
        assertThat(c.type()).isEqualTo(Rfc3489Type.RESTRICTED_CONE);
        assertThat(c.mapping()).isEqualTo(MappingBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(c.filtering()).isEqualTo(FilteringBehaviour.ADDRESS_DEPENDENT);
        assertThat(c.hairpinning()).isEqualTo(Hairpinning.NOT_TESTED);
        assertThat(c.inexpressible()).isNull();
    }

    @Test
    void portRestrictedCone() {
        Classification c = verdict(obs(PUBLIC, PUBLIC, PUBLIC, false, false, false));
        assertThat(c.type()).isEqualTo(Rfc3489Type.PORT_RESTRICTED_CONE);
        assertThat(c.filtering()).isEqualTo(FilteringBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(c.inexpressible()).isNull();
    }

    @Test
    void symmetricWithPortDependentMapping() {
        Classification c = verdict(obs(PUBLIC, PUBLIC_2, PUBLIC_3, false, false, false));
        assertThat(c.type()).isEqualTo(Rfc3489Type.SYMMETRIC);
        assertThat(c.mapping()).isEqualTo(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(c.filtering()).isEqualTo(FilteringBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(c.inexpressible()).isNull();
    }

    @Test
    void symmetricWithAddressDependentMapping() {
        Classification c = verdict(obs(PUBLIC, PUBLIC_2, PUBLIC_2, false, false, null));
        assertThat(c.type()).isEqualTo(Rfc3489Type.SYMMETRIC);
        assertThat(c.mapping()).isEqualTo(MappingBehaviour.ADDRESS_DEPENDENT);
        assertThat(c.portPreserved()).isTrue();
    }

    @Test
    void symmetricWithAddressDependentFilteringIsNamedAsInexpressible() {
        Classification c = verdict(obs(PUBLIC_2, PUBLIC_3, PUBLIC_3, false, true, null));
        assertThat(c.type()).isEqualTo(Rfc3489Type.SYMMETRIC);
        assertThat(c.filtering()).isEqualTo(FilteringBehaviour.ADDRESS_DEPENDENT);
        assertThat(c.portPreserved()).isFalse();
        assertThat(c.inexpressible()).contains("Symmetric");
    }

    @Test
    void mappingsThatFitNoBehaviourAreInconclusive() {
        assertThat(inconclusive(obs(PUBLIC, PUBLIC, PUBLIC_2, false, false, null))).contains("mid-test");
        assertThat(inconclusive(obs(PUBLIC, PUBLIC_2, PUBLIC, false, false, null))).contains("mid-test");
    }

    @Test
    void behaviourPairReadsBothBehaviours() {
        Classification c = verdict(obs(PUBLIC, PUBLIC, PUBLIC, false, true, null));
        assertThat(c.behaviourPair()).isEqualTo("endpoint-independent mapping, address-dependent filtering");
    }

    @Test
    void everyTypeHasAdviceAndTheTableIsSymmetric() {
        for (Rfc3489Type t : Rfc3489Type.values()) {
            Classification c = new Classification(t, null, null, Hairpinning.NOT_TESTED, true, null, null, null);
            assertThat(Advice.forCalls(c)).isNotBlank();
            for (Rfc3489Type u : Rfc3489Type.values()) {
                assertThat(Advice.directPeers(t).contains(u)).as(t + " vs " + u)
                        .isEqualTo(Advice.directPeers(u).contains(t));
            }
        }
        assertThat(Advice.directPeers(Rfc3489Type.SYMMETRIC)).doesNotContain(Rfc3489Type.SYMMETRIC,
                Rfc3489Type.PORT_RESTRICTED_CONE);
        assertThat(Advice.directPeers(Rfc3489Type.FULL_CONE)).contains(Rfc3489Type.SYMMETRIC);
        assertThat(Advice.directPeers(Rfc3489Type.UDP_BLOCKED)).isEmpty();
        assertThat(Advice.forCalls(new Classification(Rfc3489Type.SYMMETRIC, null, null, null, true, null, null,
                null))).contains("TURN");
    }

    @Test
    void tokensRoundTrip() {
        for (Rfc3489Type t : Rfc3489Type.values()) {
            assertThat(Rfc3489Type.ofToken(t.token())).isEqualTo(t);
        }
        assertThat(Rfc3489Type.ofToken("cone")).isNull();
    }
}
