package dev.rtc.probe;

import dev.rtc.ice.GatherOptions;
import dev.rtc.ice.GatherReport;
import dev.rtc.ice.Gatherer;
import dev.rtc.ice.IceServerUri;
import dev.rtc.ice.Latency;
import dev.rtc.ice.RelayCheck;
import dev.rtc.ice.ServerVerdict;
import dev.rtc.net.Clock;
import dev.rtc.net.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one module against one target within a deadline: a gathering run of that one server (DNS, connect, TLS,
 * Binding or Allocate with its credentials, optionally the relay check), judged as {@code rtc gather} judges it,
 * turned into a {@link ProbeResult}. The run gets a little less than the deadline so that releasing allocations
 * fits in it; if it still overruns, the result says timeout at the deadline and the run finishes (and releases)
 * on its own thread.
 */
public final class Prober {
    private static final Duration STUN_RESERVE = Duration.ofMillis(100);
    private static final Duration TURN_RESERVE = Duration.ofSeconds(1);

    private final Clock clock;
    private final ExecutorService runs;

    /** {@code runs} executes the gathering runs (one task per probe, ending when the run has released all). */
    public Prober(Clock clock, ExecutorService runs) {
        this.clock = clock;
        this.runs = runs;
    }

    /**
     * Probes {@code server} with {@code module} and returns within {@code deadline}. {@code finished} runs when the
     * probe's sockets are all closed, which may be after this returns.
     */
    public ProbeResult probe(ProbeModule module, IceServerUri server, Duration deadline, Runnable finished)
            throws InterruptedException {
        Instant at = Instant.now();
        long start = clock.nanoTime();
        Duration budget = deadline.compareTo(module.timeout()) < 0 ? deadline : module.timeout();
        GatherOptions options = options(module, server, budget, at);
        Future<GatherReport> run;
        try {
            run = runs.submit(() -> {
                try {
                    return new Gatherer(clock).run(options, new Gatherer.Listener() { });
                } finally {
                    finished.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finished.run();
            return ProbeResult.failed(module.name(), server.text(), at, Duration.ZERO, Cause.ERROR,
                    "the exporter is shutting down");
        }
        GatherReport report;
        try {
            report = run.get(Math.max(1, budget.toNanos() - (clock.nanoTime() - start)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return ProbeResult.failed(module.name(), server.text(), at, Duration.ofNanos(clock.nanoTime() - start),
                    Cause.TIMEOUT, "no result within " + Durations.format(budget));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return ProbeResult.failed(module.name(), server.text(), at, Duration.ofNanos(clock.nanoTime() - start),
                    Cause.ERROR, c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage()));
        }
        ProbeResult r = judge(module, server, at, Duration.ofNanos(clock.nanoTime() - start), report);
        if (module.prober() != ProbeModule.Prober.ICE_LOOPBACK || !r.success()) {
            return r;
        }
        Duration left = budget.minus(Duration.ofNanos(clock.nanoTime() - start)).minus(TURN_RESERVE);
        if (left.compareTo(Duration.ofMillis(500)) < 0) {
            return withIce(r, new IceLoopback.Outcome(false, null, null, "no time left for the ICE checks"),
                    Duration.ofNanos(clock.nanoTime() - start));
        }
        return withIce(r, new IceLoopback(clock).run(module, server, left), Duration.ofNanos(clock.nanoTime() - start));
    }

    /** The turn prober's result with the ICE agents' outcome: the "ice" phase, the RTT through the relay. */
    static ProbeResult withIce(ProbeResult r, IceLoopback.Outcome ice, Duration took) {
        Map<String, Double> phases = new LinkedHashMap<>(r.phases());
        if (ice.seconds() != null) {
            phases.put("ice", ice.seconds());
        }
        Double rtt = ice.rttSeconds() != null ? ice.rttSeconds() : r.relayRttSeconds();
        return new ProbeResult(r.module(), r.target(), r.at(), ice.connected(), took, phases,
                ice.connected() ? null : Cause.ICE, ice.connected() ? null : ice.failure(), r.stunRttSeconds(),
                r.relayLossRatio(), rtt, r.allocationLifetimeSeconds(), r.certificateNotAfter(), r.software());
    }

    private static GatherOptions options(ProbeModule module, IceServerUri server, Duration budget, Instant now) {
        boolean turn = module.prober().turn();
        Duration reserve = turn ? min(TURN_RESERVE, budget.dividedBy(4)) : min(STUN_RESERVE, budget.dividedBy(10));
        // no host candidates: the probe is about the server, and the system picks the route to it; the one server
        // gets the whole budget (the early give-up for silent servers needs another server that answered)
        return new GatherOptions(List.of(server),
                module.credentials() == null ? null : module.credentials().credentials(now),
                turn, budget.minus(reserve), true, module.rto(), 1, List.of(), module.family(), module.caFile(),
                module.insecure(), module.checkRelay(), module.packets(), module.sni());
    }

    /** The result of a finished run: the verdict's outcome, then the module's require and check_relay. */
    static ProbeResult judge(ProbeModule module, IceServerUri server, Instant at, Duration took,
                             GatherReport report) {
        ServerVerdict v = report.servers().get(0);
        Latency l = v.latency();
        Map<String, Double> phases = new LinkedHashMap<>();
        put(phases, "dns", l.dnsMicros());
        put(phases, "connect", l.connectMicros());
        put(phases, "tls", l.tlsMicros());
        put(phases, "first_response", l.firstResponseMicros());
        put(phases, "allocate", l.allocateMicros());
        RelayCheck check = report.relayChecks().isEmpty() ? null : report.relayChecks().get(0);
        Double loss = null;
        Double rtt = null;
        if (check != null) {
            put(phases, "relay_check", check.durationMicros());
            if (check.failure() == null) {
                loss = check.lossPercent() / 100.0;
                rtt = check.received() > 0 ? check.rttAvgMicros() / 1e6 : null;
            }
        }
        Cause cause = Cause.of(v);
        String detail = v.detail();
        if (cause == null) {
            List<String> missing = module.require().stream().filter(k -> !report.kinds().contains(k)).toList();
            if (!missing.isEmpty()) {
                cause = Cause.REQUIRE;
                detail = "no " + String.join(", ", missing) + " candidate";
            } else if (module.checkRelay() && (check == null || !check.passed())) {
                cause = Cause.RELAY_CHECK;
                detail = check == null ? "no relay check ran"
                        : check.failure() != null ? check.failure() : "no packet came back through the relay";
            }
        }
        Double stunRtt = l.firstResponseMicros() == null ? null : l.firstResponseMicros() / 1e6;
        return new ProbeResult(module.name(), server.text(), at, cause == null, took, phases, cause,
                cause == null ? null : detail, stunRtt, loss, rtt, v.lifetimeSeconds(), v.certificateNotAfter(),
                v.software());
    }

    private static void put(Map<String, Double> phases, String phase, Long micros) {
        if (micros != null) {
            phases.put(phase, micros / 1e6);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
