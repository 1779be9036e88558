package dev.rtc.probe;

import dev.rtc.ice.AgentConfig;
import dev.rtc.ice.IceServerUri;
import dev.rtc.ice.IceSession;
import dev.rtc.ice.PairSnapshot;
import dev.rtc.net.Clock;
import dev.rtc.net.Durations;
import dev.rtc.net.TlsOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The {@code ice-loopback} prober's second half: two ICE agents in this process, each with only a relay candidate
 * on the target TURN server (iceTransportPolicy "relay"), connect to each other through it. It proves what an
 * Allocate alone does not: that the server relays between allocations, that permissions and channels work, and
 * how long connectivity checks through it take.
 */
final class IceLoopback {
    /** What the two agents found. */
    record Outcome(boolean connected, Double seconds, Double rttSeconds, String failure) {
    }

    private final Clock clock;

    IceLoopback(Clock clock) {
        this.clock = clock;
    }

    Outcome run(ProbeModule module, IceServerUri server, Duration budget) throws InterruptedException {
        long end = clock.nanoTime() + budget.toNanos();
        IceSession.Tls tls = host -> TlsOptions.forServer(module.sni() != null ? module.sni() : host,
                module.insecure(), module.caFile());
        Duration gather = min(Duration.ofSeconds(2), budget.dividedBy(3));
        IceSession.Options options = new IceSession.Options(List.of(), List.of(), gather, module.rto(),
                List.of(server), module.credentials(), tls, true);
        Duration checks = min(Duration.ofSeconds(8), budget.dividedBy(2));
        try (IceSession a = IceSession.open(options, config(true, checks), null, clock);
             IceSession b = IceSession.open(options, config(false, checks), null, clock)) {
            if (a.agent().localCandidates().isEmpty() || b.agent().localCandidates().isEmpty()) {
                List<String> w = a.warnings().isEmpty() ? b.warnings() : a.warnings();
                return new Outcome(false, null, null, w.isEmpty() ? "no relay candidate" : w.get(0));
            }
            long start = clock.nanoTime();
            b.start(a.description());
            a.start(b.description());
            Duration left = Duration.ofNanos(Math.max(1_000_000, end - clock.nanoTime()));
            a.await(left);
            b.await(Duration.ofNanos(Math.max(1_000_000, end - clock.nanoTime())));
            PairSnapshot selected = a.agent().selected();
            if (selected == null || b.agent().selected() == null) {
                String why = a.agent().failure() != null ? a.agent().failure()
                        : b.agent().failure() != null ? b.agent().failure()
                        : "no pair nominated within " + Durations.format(left);
                List<String> w = a.warnings();
                return new Outcome(false, null, null, why + (w.isEmpty() ? "" : " (" + w.get(0) + ")"));
            }
            double took = (clock.nanoTime() - start) / 1e9;
            Double rtt = selected.rttMillis() < 0 ? null : selected.rttMillis() / 1000.0;
            return new Outcome(true, took, rtt, null);
        } catch (IOException e) {
            return new Outcome(false, null, null, e.getMessage());
        }
    }

    private static AgentConfig config(boolean controlling, Duration checks) {
        return AgentConfig.random(controlling).withCheckTimeout(checks);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
