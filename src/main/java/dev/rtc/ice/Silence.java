package dev.rtc.ice;

import dev.rtc.net.Clock;
import dev.rtc.net.Durations;
import dev.rtc.net.Scheduler;
import dev.rtc.net.StunClient;
import dev.rtc.net.StunResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How long a gathering run waits for a UDP server that has said nothing at all. Without --timeout given, once
 * any server has answered, a silent one is given up {@link #limit} after its first request: the larger of
 * {@value #FLOOR_RTOS} RTO (three transmissions and the wait after the third) and {@value #RTT_FACTOR} times the
 * slowest round trip measured in the run, never more than --timeout. Until some server has answered nothing is
 * known of the path, and silent servers get the whole --timeout; so do servers that have answered once (a TURN
 * exchange in progress) and every server when --timeout is given. Only unambiguous round trips count (Karn's
 * rule): an answer after a retransmission that no TRANSACTION-TRANSMIT-COUNTER resolved is no sample.
 */
final class Silence {
    static final int FLOOR_RTOS = 6;
    static final int RTT_FACTOR = 4;

    private final Duration rto;
    private final Duration timeout;
    private final boolean adaptive;
    private final Scheduler scheduler;
    private final Clock clock;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private Duration slowest;

    Silence(Duration rto, Duration timeout, boolean adaptive, Scheduler scheduler, Clock clock) {
        this.rto = rto;
        this.timeout = timeout;
        this.adaptive = adaptive;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * The wait for a silent server: at most {@code timeout}; with a measured round trip, the larger of
     * {@value #FLOOR_RTOS} RTO and {@value #RTT_FACTOR} times the slowest one.
     */
    static Duration limit(Duration rto, Duration timeout, Duration slowestRtt) {
        if (slowestRtt == null) {
            return timeout;
        }
        Duration floor = rto.multipliedBy(FLOOR_RTOS);
        Duration byRtt = slowestRtt.multipliedBy(RTT_FACTOR);
        Duration wait = floor.compareTo(byRtt) >= 0 ? floor : byRtt;
        return wait.compareTo(timeout) <= 0 ? wait : timeout;
    }

    /** One UDP server waited for, and the clients whose transactions to it end when it is given up. */
    final class Watch {
        private final InetSocketAddress server;
        private final long since;
        private final List<StunClient> clients = new CopyOnWriteArrayList<>();
        private boolean heard;
        private boolean over;
        private String givenUp;
        private Scheduler.Cancellable check;

        private Watch(InetSocketAddress server, long since) {
            this.server = server;
            this.since = since;
        }

        void add(StunClient client) {
            clients.add(client);
        }

        /** The exchange with the server is over: nothing more to give up. */
        void end() {
            synchronized (Silence.this) {
                over = true;
                cancel();
            }
            watches.remove(this);
        }

        /** Why the server was given up before --timeout, or null when it was not. */
        String givenUp() {
            synchronized (Silence.this) {
                return givenUp;
            }
        }

        private void cancel() {
            if (check != null) {
                check.cancel();
                check = null;
            }
        }
    }

    /** Starts waiting for {@code server}, whose first request goes out now. */
    Watch watch(InetSocketAddress server) {
        Watch w = new Watch(server, clock.nanoTime());
        if (adaptive) {
            watches.add(w);
            synchronized (this) {
                plan(w);
            }
        }
        return w;
    }

    /** Every answer a client of the run gets: its source has been heard, and its round trip is a sample. */
    void answered(StunResponse response) {
        List<Watch> replan = new ArrayList<>();
        synchronized (this) {
            for (Watch w : watches) {
                if (w.server.equals(response.source())) {
                    w.heard = true;
                    w.cancel();
                }
            }
            if (response.rtt().isEmpty() || (slowest != null && response.rtt().get().compareTo(slowest) <= 0)) {
                return;
            }
            slowest = response.rtt().get();
            for (Watch w : watches) {
                if (!w.heard && !w.over) {
                    replan.add(w);
                }
            }
            replan.forEach(this::plan);
        }
    }

    /** The time the watch's server is given up at, if anything is known of the path yet. */
    private void plan(Watch w) {
        w.cancel();
        if (w.heard || w.over) {
            return;
        }
        Duration wait = slowest == null ? rto.multipliedBy(FLOOR_RTOS) : limit(rto, timeout, slowest);
        long due = w.since + wait.toNanos();
        w.check = scheduler.schedule(() -> due(w), Math.max(0, due - clock.nanoTime()));
    }

    private void due(Watch w) {
        synchronized (this) {
            if (w.heard || w.over || slowest == null) {
                // nothing measured yet: the first sample plans again
                return;
            }
            Duration wait = limit(rto, timeout, slowest);
            long due = w.since + wait.toNanos();
            if (clock.nanoTime() < due) {
                plan(w);
                return;
            }
            w.over = true;
            w.givenUp = "given up after " + Durations.format(wait) + ": the larger of " + FLOOR_RTOS + " RTO and "
                    + RTT_FACTOR + " times the slowest round trip measured, " + Durations.format(slowest)
                    + "; --timeout waits longer";
        }
        for (StunClient c : w.clients) {
            c.expire(w.server);
        }
    }
}
