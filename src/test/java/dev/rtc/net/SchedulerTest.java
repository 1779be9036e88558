package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    @Test
    void cancelledTasksLeaveTheExecutorsQueueAtOnce() throws InterruptedException {
        // an executor with the JDK's default policy, which keeps cancelled tasks queued until they fall due
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        try {
            assertThat(executor.getRemoveOnCancelPolicy()).isFalse();
            Scheduler scheduler = Scheduler.on(executor);
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < 10_000; i++) {
                scheduler.schedule(ran::incrementAndGet, TimeUnit.HOURS.toNanos(1)).cancel();
            }
            assertThat(executor.getQueue()).isEmpty();
            Scheduler.Cancellable kept = scheduler.schedule(ran::incrementAndGet, TimeUnit.HOURS.toNanos(1));
            assertThat(executor.getQueue()).hasSize(1);
            kept.cancel();
            kept.cancel();
            assertThat(executor.getQueue()).isEmpty();
            assertThat(ran).hasValue(0);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void cancellingATaskThatRanDoesNothing() throws InterruptedException {
        var executor = Executors.newSingleThreadScheduledExecutor();
        try {
            CountDownLatch done = new CountDownLatch(1);
            Scheduler.Cancellable c = Scheduler.on(executor).schedule(done::countDown, 0);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            c.cancel();
            CountDownLatch after = new CountDownLatch(1);
            Scheduler.on(executor).schedule(after::countDown, 0);
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }
}
