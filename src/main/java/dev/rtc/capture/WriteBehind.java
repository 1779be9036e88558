package dev.rtc.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Writes whole buffers to a stream on a thread of its own, in the order they were handed over, so that the output
 * file's I/O runs on the second core while the first dissects. A failed write is reported by the next call in
 * the caller's thread; {@link #flush()} and {@link #close()} return once everything handed over is written.
 */
final class WriteBehind implements Closeable {
    private static final int BUFFERS = 3;
    private static final Object STOP = new Object();

    private record Job(byte[] bytes, int length) {
    }

    private final OutputStream out;
    private final int size;
    private final BlockingQueue<Object> jobs = new ArrayBlockingQueue<>(BUFFERS + 2);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread thread;
    private int allocated = 1;
    private volatile IOException failure;
    private boolean closed;

    /** @param size the size of the buffers {@link #swap} hands back, the same as the caller's first one */
    WriteBehind(OutputStream out, int size) {
        this.out = out;
        this.size = size;
        thread = new Thread(this::run, "rtc-write");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                Object job = jobs.take();
                if (job == STOP) {
                    return;
                }
                try {
                    if (job instanceof Job j) {
                        if (failure == null) {
                            out.write(j.bytes(), 0, j.length());
                        }
                        free.put(j.bytes());
                    } else if (job instanceof CountDownLatch done) {
                        if (failure == null) {
                            out.flush();
                        }
                        done.countDown();
                    }
                } catch (IOException e) {
                    failure = e;
                    if (job instanceof Job j) {
                        free.put(j.bytes());
                    } else if (job instanceof CountDownLatch done) {
                        done.countDown();
                    }
                }
            }
        } catch (InterruptedException e) {
            // the JVM is going away
        }
    }

    /**
     * Hands over {@code length} bytes of {@code full} to be written and returns an empty buffer to go on with.
     * Waits without giving up on an interrupt (Ctrl-C interrupts a capture, whose frames must still reach the file).
     */
    byte[] swap(byte[] full, int length) throws IOException {
        check();
        uninterruptibly(() -> {
            jobs.put(new Job(full, length));
            return null;
        });
        byte[] next = free.poll();
        if (next == null && allocated < BUFFERS) {
            allocated++;
            return new byte[size];
        }
        return next != null ? next : uninterruptibly(free::take);
    }

    /** Waits until everything handed over is written and flushed. */
    void flush() throws IOException {
        check();
        CountDownLatch done = new CountDownLatch(1);
        uninterruptibly(() -> {
            jobs.put(done);
            return null;
        });
        uninterruptibly(() -> {
            done.await();
            return null;
        });
        check();
    }

    private interface Blocking<T> {
        T call() throws InterruptedException;
    }

    /** Runs a blocking call to its end through interrupts, then sets the thread's interrupt flag again. */
    private static <T> T uninterruptibly(Blocking<T> call) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return call.call();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A failed write, reported again (as a new exception) by every later call. */
    private void check() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException(f.getMessage(), f);
        }
    }

    /** Flushes, stops the thread and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            jobs.offer(STOP);
            out.close();
        }
    }
}
