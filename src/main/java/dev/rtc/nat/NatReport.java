package dev.rtc.nat;

import dev.rtc.Exit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code --samples N} rounds: every round, the verdict they agree on (or null), the exit code, and,
 * when there is no verdict, why. A server that cannot do the tests (exit 4) wins over inconclusive evidence
 * (exit 5); rounds that disagree are inconclusive too (the NAT flaps, or loss beat the retransmissions).
 */
public record NatReport(List<Round> rounds, Classification verdict, Exit exit, String problem,
                        Map<String, Integer> tally) {

    /** Runs {@code samples} rounds, each on fresh ports; stops at the first round the server cannot do. */
    public static NatReport run(ProbeSettings settings, int samples) {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Round r = new NatProber(settings).run();
            rounds.add(r);
            if (r instanceof Round.ServerIncapable) {
                break;
            }
        }
        return of(rounds);
    }

    /** Combines finished rounds (pure). */
    public static NatReport of(List<Round> rounds) {
        Map<String, Integer> tally = new LinkedHashMap<>();
        for (Round r : rounds) {
            tally.merge(key(r), 1, Integer::sum);
        }
        for (Round r : rounds) {
            if (r instanceof Round.ServerIncapable s) {
                return new NatReport(rounds, null, Exit.SERVER_INCAPABLE, s.why(), tally);
            }
        }
        for (Round r : rounds) {
            if (r instanceof Round.Inconclusive i) {
                String why = rounds.size() == 1 ? i.why()
                        : "round " + (rounds.indexOf(r) + 1) + " of " + rounds.size() + ": " + i.why();
                return new NatReport(rounds, null, Exit.INCONCLUSIVE, why, tally);
            }
        }
        if (tally.size() > 1) {
            List<String> parts = new ArrayList<>();
            tally.forEach((k, n) -> parts.add(n + "x " + k));
            return new NatReport(rounds, null, Exit.INCONCLUSIVE,
                    "the rounds disagree (the NAT flaps): " + String.join(", ", parts), tally);
        }
        return new NatReport(rounds, ((Round.Classified) rounds.get(0)).classification(), Exit.OK, null, tally);
    }

    /** What a round concluded, in a few words: the label and the RFC 5780 pair, or the kind of failure. */
    public static String key(Round r) {
        if (r instanceof Round.Classified c) {
            Classification v = c.classification();
            return v.type().label() + " (" + v.behaviourPair() + ")";
        }
        return r instanceof Round.ServerIncapable ? "server cannot do the test" : "inconclusive";
    }

    /** The round whose tests are shown: the first that is not a plain verdict, else the last. */
    public Round shown() {
        for (Round r : rounds) {
            if (!(r instanceof Round.Classified)) {
                return r;
            }
        }
        return rounds.get(rounds.size() - 1);
    }
}
