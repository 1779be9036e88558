package dev.rtc.ice;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Everything one run of {@code rtc gather} found; the renderers take only this, so their output is reproducible. */
public record GatherReport(List<Candidate> candidates, List<ServerVerdict> servers, List<RelayCheck> relayChecks,
                           List<String> warnings, long doneMicros, boolean timedOut) {

    /** The server whose verdict came last, if any. */
    public Optional<ServerVerdict> slowest() {
        return servers.stream().filter(s -> s.outcome() != Outcome.SKIPPED)
                .max(Comparator.comparingLong(ServerVerdict::elapsedMicros));
    }
}
