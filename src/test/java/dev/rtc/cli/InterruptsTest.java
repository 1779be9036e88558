package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shell's Ctrl-C runs the stop actions a command registered, then interrupts its thread. */
class InterruptsTest {
    @Test
    void registeredActionRunsAndTheThreadIsInterrupted() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        CountDownLatch registered = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try (Interrupts.Registration r = Interrupts.onInterrupt(() -> {
                stops.incrementAndGet();
                stopped.countDown();
            })) {
                registered.countDown();
                stopped.await(10, TimeUnit.SECONDS);
                Thread.sleep(10_000); // the interrupt that follows the stop action ends this
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
            }
        });
        worker.start();
        assertThat(registered.await(10, TimeUnit.SECONDS)).isTrue();
        Interrupts.interrupt(worker);
        worker.join(10_000);
        assertThat(stops.get()).isEqualTo(1);
        assertThat(sawInterrupt.get()).isTrue();
    }

    @Test
    void closedRegistrationNoLongerRuns() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        Interrupts.onInterrupt(stops::incrementAndGet).close();
        Thread self = Thread.currentThread();
        Interrupts.interrupt(self);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(stops.get()).isZero();
    }
}
