package dev.rtc.ice;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/** Everything one run of {@code rtc gather} found; the renderers take only this, so their output is reproducible. */
public record GatherReport(List<Candidate> candidates, List<ServerVerdict> servers, List<RelayCheck> relayChecks,
                           List<String> warnings, long doneMicros, boolean timedOut) {

    /**
     * The candidate kinds gathered, as {@code --require} and a probe module's {@code require} name them: host,
     * srflx, relay, and relay-udp/-tcp/-tls by the first hop to the TURN server.
     */
    public Set<String> kinds() {
        Set<String> out = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            out.add(c.type().sdpName());
            if (c.type() == CandidateType.RELAY && c.relayHop() != null) {
                out.add("relay-" + c.relayHop().lower());
            }
        }
        return out;
    }

    /** The server whose verdict came last, if any. */
    public Optional<ServerVerdict> slowest() {
        return servers.stream().filter(s -> s.outcome() != Outcome.SKIPPED)
                .max(Comparator.comparingLong(ServerVerdict::elapsedMicros));
    }
}
