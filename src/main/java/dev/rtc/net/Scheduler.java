package dev.rtc.net;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks after a delay. Transactions schedule their retransmissions and timeouts through it, so tests can
 * drive time by hand instead of sleeping. Real runs use {@link #on(ScheduledExecutorService)} with an executor
 * the caller owns and shuts down.
 */
public interface Scheduler {
    /** A scheduled task that can be called off; cancelling a task that already ran does nothing. */
    interface Cancellable {
        void cancel();
    }

    /** Runs the task once, {@code delayNanos} from now (0 or less: as soon as possible). */
    Cancellable schedule(Runnable task, long delayNanos);

    /**
     * A scheduler on the caller's executor; the caller shuts the executor down. A cancelled task leaves the
     * executor's queue at once (whatever the executor's own remove-on-cancel policy), so long sessions that re-arm
     * their timers all the time (TURN refreshes, ICE pacing and consent) do not pile up dead timers until they
     * fall due.
     */
    static Scheduler on(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (task, delayNanos) -> {
            ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> {
                if (f.cancel(false) && executor instanceof ThreadPoolExecutor pool && f instanceof Runnable r) {
                    pool.remove(r);
                }
            };
        };
    }
}
