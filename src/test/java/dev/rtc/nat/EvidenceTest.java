package dev.rtc.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class EvidenceTest {
    private static final InetSocketAddress PRIMARY = new InetSocketAddress("203.0.113.1", 3478);
    private static final InetSocketAddress ALTERNATE = new InetSocketAddress("203.0.113.2", 3479);
    private static final ServerAddresses SERVER = new ServerAddresses(PRIMARY, ALTERNATE);
    private static final InetSocketAddress MAPPED = new InetSocketAddress("198.51.100.1", 50000);

    static Evidence.Judgement judge(Probe p, Reply r) {
        return Evidence.judge(p, p.destination(SERVER), p.expectedSource(SERVER), r);
    }

    @Test
    void table1ReplySources() {
        assertThat(Probe.BINDING.expectedSource(SERVER)).isEqualTo(PRIMARY);
        assertThat(Probe.MAPPING_ALTERNATE.expectedSource(SERVER)).isEqualTo(ALTERNATE);
        assertThat(Probe.MAPPING_ALTERNATE_IP.destination(SERVER))
                .isEqualTo(new InetSocketAddress("203.0.113.2", 3478));
        assertThat(Probe.MAPPING_ALTERNATE_IP.expectedSource(SERVER))
                .isEqualTo(new InetSocketAddress("203.0.113.2", 3478));
        assertThat(Probe.CHANGE_IP_AND_PORT.expectedSource(SERVER)).isEqualTo(ALTERNATE);
        assertThat(Probe.CHANGE_PORT.expectedSource(SERVER)).isEqualTo(new InetSocketAddress("203.0.113.1", 3479));
        assertThat(SERVER.replySource(ALTERNATE, true, false)).isEqualTo(new InetSocketAddress("203.0.113.1", 3479));
        assertThat(SERVER.replySource(ALTERNATE, true, true)).isEqualTo(PRIMARY);
        assertThat(SERVER.replySource(SERVER.alternateIpPrimaryPort(), false, true)).isEqualTo(ALTERNATE);
    }

    @Test
    void everyProbeKnowsWhetherSilenceIsEvidence() {
        assertThat(Probe.BINDING.negativeIsEvidence()).isFalse();
        assertThat(Probe.MAPPING_ALTERNATE.negativeIsEvidence()).isFalse();
        assertThat(Probe.MAPPING_ALTERNATE_IP.negativeIsEvidence()).isFalse();
        assertThat(Probe.CHANGE_PORT.negativeIsEvidence()).isTrue();
        assertThat(Probe.CHANGE_IP_AND_PORT.negativeIsEvidence()).isTrue();
        assertThat(Probe.HAIRPIN.negativeIsEvidence()).isTrue();
        for (Probe p : Probe.values()) {
            assertThat(p.description()).isNotBlank();
        }
    }

    @Test
    void validAnswersAreAccepted() {
        for (Probe p : new Probe[] {Probe.BINDING, Probe.MAPPING_ALTERNATE_IP, Probe.MAPPING_ALTERNATE,
                Probe.CHANGE_IP_AND_PORT, Probe.CHANGE_PORT}) {
            InetSocketAddress source = p.expectedSource(SERVER);
            assertThat(judge(p, Reply.success(source, MAPPED, source, ALTERNATE, 1)))
                    .as(p.name()).isEqualTo(new Evidence.Accepted(MAPPED, null));
            assertThat(judge(p, Reply.success(source, MAPPED, null, null, 1)))
                    .as(p.name() + " without RESPONSE-ORIGIN").isEqualTo(new Evidence.Accepted(MAPPED, null));
        }
    }

    @Test
    void someoneElsesTransactionIsIgnored() {
        Reply r = new Reply(false, Reply.Kind.SUCCESS, 0, PRIMARY, MAPPED, null, false, null, 1);
        assertThat(judge(Probe.BINDING, r)).isInstanceOf(Evidence.Ignored.class);
    }

    @Test
    void requestsAndIndicationsAreIgnored() {
        Reply r = new Reply(true, Reply.Kind.OTHER, 0, PRIMARY, null, null, false, null, 1);
        assertThat(judge(Probe.BINDING, r)).isInstanceOf(Evidence.Ignored.class);
    }

    @Test
    void error420ToChangeRequestMeansTheServerCannot() {
        Reply r = new Reply(true, Reply.Kind.ERROR, 420, PRIMARY, null, null, false, null, 1);
        assertThat(judge(Probe.CHANGE_PORT, r)).isInstanceOfSatisfying(Evidence.ServerIncapable.class,
                i -> assertThat(i.why()).contains("420"));
    }

    @Test
    void otherErrorsAreNeverReachability() {
        Reply r = new Reply(true, Reply.Kind.ERROR, 400, PRIMARY, null, null, false, null, 1);
        assertThat(judge(Probe.CHANGE_IP_AND_PORT, r)).isInstanceOfSatisfying(Evidence.ServerIncapable.class,
                i -> assertThat(i.why()).contains("error 400"));
        assertThat(judge(Probe.BINDING, r)).isInstanceOfSatisfying(Evidence.ServerIncapable.class,
                i -> assertThat(i.why()).contains("plain Binding"));
    }

    @Test
    void changedAnswerFromTheUnchangedAddressMeansTheServerIgnoresChangeRequest() {
        Reply r = Reply.success(PRIMARY, MAPPED, PRIMARY, ALTERNATE, 1);
        assertThat(judge(Probe.CHANGE_IP_AND_PORT, r)).isInstanceOfSatisfying(Evidence.ServerIncapable.class,
                i -> assertThat(i.why()).contains("ignores CHANGE-REQUEST"));
        assertThat(judge(Probe.CHANGE_PORT, r)).isInstanceOfSatisfying(Evidence.ServerIncapable.class,
                i -> assertThat(i.why()).contains("ignores CHANGE-REQUEST"));
    }

    @Test
    void answerFromAnotherSourceThanTable1SaysIsRejected() {
        InetSocketAddress wrong = new InetSocketAddress("203.0.113.1", 3479);
        Reply r = Reply.success(wrong, MAPPED, wrong, ALTERNATE, 1);
        assertThat(judge(Probe.CHANGE_IP_AND_PORT, r)).isInstanceOfSatisfying(Evidence.ServerIncapable.class,
                i -> assertThat(i.why()).contains("must come from 203.0.113.2:3479"));
        assertThat(judge(Probe.BINDING, r)).isInstanceOf(Evidence.ServerIncapable.class);
    }

    @Test
    void responseOriginMustAgreeWithTheActualSource() {
        Reply r = Reply.success(PRIMARY, MAPPED, new InetSocketAddress("10.0.0.5", 3478), ALTERNATE, 1);
        assertThat(judge(Probe.BINDING, r)).isInstanceOfSatisfying(Evidence.ServerIncapable.class,
                i -> assertThat(i.why()).contains("RESPONSE-ORIGIN"));
    }

    @Test
    void aWrongLegacySourceAddressIsNotedButTheActualSourceCounts() {
        InetSocketAddress said = new InetSocketAddress("203.0.113.2", 3479);
        Reply r = new Reply(true, Reply.Kind.SUCCESS, 0, Probe.MAPPING_ALTERNATE_IP.expectedSource(SERVER), MAPPED,
                said, true, ALTERNATE, 1);
        assertThat(judge(Probe.MAPPING_ALTERNATE_IP, r)).isInstanceOfSatisfying(Evidence.Accepted.class,
                a -> assertThat(a.note()).contains("SOURCE-ADDRESS says 203.0.113.2:3479"));
    }

    @Test
    void successWithoutMappedAddressIsNotEvidence() {
        Reply r = Reply.success(PRIMARY, null, null, ALTERNATE, 1);
        assertThat(judge(Probe.BINDING, r)).isInstanceOfSatisfying(Evidence.ServerIncapable.class,
                i -> assertThat(i.why()).contains("MAPPED-ADDRESS"));
    }

    @Test
    void alternateAddressRules() {
        assertThat(Evidence.alternateProblem(PRIMARY, ALTERNATE)).isNull();
        assertThat(Evidence.alternateProblem(PRIMARY, null)).contains("no alternate");
        assertThat(Evidence.alternateProblem(PRIMARY, new InetSocketAddress("203.0.113.1", 3479)))
                .contains("same IP");
        assertThat(Evidence.alternateProblem(PRIMARY, new InetSocketAddress("203.0.113.2", 3478)))
                .contains("same port");
        assertThat(Evidence.alternateProblem(PRIMARY, new InetSocketAddress("0.0.0.0", 3479)))
                .contains("not usable");
        assertThat(Evidence.alternateProblem(PRIMARY, new InetSocketAddress("203.0.113.2", 0)))
                .contains("not usable");
        assertThat(Evidence.alternateProblem(PRIMARY, new InetSocketAddress("2001:db8::2", 3479)))
                .contains("family");
    }
}
