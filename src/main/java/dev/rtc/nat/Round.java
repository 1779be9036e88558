package dev.rtc.nat;

import java.util.List;

/** The outcome of one round of tests on fresh local ports. */
public sealed interface Round permits Round.Classified, Round.ServerIncapable, Round.Inconclusive {

    /** Every test that ran, in the order of {@link Probe}. */
    List<ProbeRecord> probes();

    /** A NAT verdict. */
    record Classified(Classification classification, List<ProbeRecord> probes) implements Round {
    }

    /** The server cannot do the tests; {@code why} says what it lacks. Never a NAT verdict. */
    record ServerIncapable(String why, List<ProbeRecord> probes) implements Round {
    }

    /** The evidence contradicts itself; {@code why} says how. */
    record Inconclusive(String why, List<ProbeRecord> probes) implements Round {
    }
}
