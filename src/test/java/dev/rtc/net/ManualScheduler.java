package dev.rtc.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock and scheduler that only move when a test says so: {@link #advance} runs every task that falls due, in
 * time order, with {@link #nanoTime()} set to each task's due time while it runs. Tests in any package use it to
 * drive retransmission timing without sleeping.
 */
public final class ManualScheduler implements Scheduler, Clock {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long sequence;
    private final long origin = now;

    private final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long seq;
        final Runnable body;
        boolean cancelled;

        Task(long due, long seq, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
                queue.remove(this);
            }
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** Time since this scheduler was made. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(now - origin);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos), sequence++, task);
        queue.add(t);
        return t;
    }

    /** Moves time forward by {@code d}, running every task due on the way. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.due > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = t.due;
            }
            if (!t.cancelled) {
                t.body.run();
            }
        }
    }

    /** Runs tasks one by one until none is left (or {@code limit} ran), returning their due times from origin. */
    public List<Duration> runAll(int limit) {
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            Task t;
            synchronized (this) {
                t = queue.poll();
                if (t == null) {
                    break;
                }
                now = t.due;
            }
            if (!t.cancelled) {
                times.add(Duration.ofNanos(t.due - origin));
                t.body.run();
            }
        }
        return times;
    }

    /** Tasks waiting. */
    public synchronized int queued() {
        return queue.size();
    }
}
