package dev.rtc.capture;

import dev.rtc.dissect.Frame;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a channel on a thread of its own, a chunk ahead of the reader, so that the file's I/O runs on the second
 * core while the first dissects. Each chunk leaves {@link #HEAD} bytes free in front of its data: the reader
 * copies the unread end of the previous chunk (a record cut by the chunk boundary) there and goes on without
 * moving anything else. A failed read is reported by {@link #next()} in the reader's thread.
 */
final class ReadAhead implements Closeable {
    /** Room in front of a chunk's data: more than the largest record or block the reader needs whole. */
    static final int HEAD = Frame.MAX_LENGTH + 8192;
    private static final int DATA = 1 << 20;
    private static final int CHUNKS = 3;

    /** Bytes [HEAD, HEAD + length) of {@code bytes} hold the data; a null {@code bytes} ends the input. */
    record Chunk(byte[] bytes, int length, IOException failure) {
    }

    private final ReadableByteChannel channel;
    private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    private int allocated;
    private volatile boolean closed;

    ReadAhead(ReadableByteChannel channel, String name) {
        this.channel = channel;
        thread = new Thread(this::run, "rtc-read " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                byte[] b = buffer();
                int n = channel.read(ByteBuffer.wrap(b, HEAD, DATA));
                if (n < 0) {
                    ready.put(new Chunk(null, 0, null));
                    return;
                }
                if (n > 0) {
                    ready.put(new Chunk(b, n, null));
                } else {
                    free.put(b);
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (IOException e) {
            if (!closed) {
                ready.offer(new Chunk(null, 0, e));
            }
        }
    }

    /** A recycled chunk, or a new one while fewer than CHUNKS exist (small inputs never need more than one). */
    private byte[] buffer() throws InterruptedException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        if (allocated < CHUNKS) {
            allocated++;
            return new byte[HEAD + DATA];
        }
        return free.take();
    }

    /** The next chunk, waiting for it; its {@code bytes} are null at the end of the input. */
    Chunk next() throws IOException {
        try {
            Chunk c = ready.take();
            if (c.failure() != null) {
                throw c.failure();
            }
            if (c.bytes() == null) {
                ready.offer(c); // the end stays the end for later calls
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading");
        }
    }

    /** Gives back a chunk whose data the reader no longer needs. */
    void recycle(byte[] chunk) {
        if (chunk.length == HEAD + DATA) {
            free.offer(chunk);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        channel.close();
    }
}
