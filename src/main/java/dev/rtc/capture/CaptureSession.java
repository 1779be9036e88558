package dev.rtc.capture;

import dev.rtc.dissect.DecodeOptions;
import dev.rtc.dissect.FieldValues;
import dev.rtc.dissect.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Predicate;

/**
 * One run of a capture from start to counts: a capture file or a live interface, the display filter, the frames
 * that pass handed on and, when asked, written to a pcap file, one way to stop it from any thread ({@link #stop()}:
 * Ctrl-C, the shell's interrupt, the duration, the JVM shutting down), and a {@link Summary} at the end.
 */
public final class CaptureSession {
    /** Opens the pcap file to write, once the source's link type and snapshot length are known. */
    @FunctionalInterface
    public interface WriterFactory {
        PcapWriter open(int linkType, int snapLength, boolean nanosecond) throws IOException;
    }

    /**
     * What a run did.
     *
     * @param seen          frames read or captured
     * @param matched       frames that passed the display filter
     * @param written       frames written to the pcap file (0 without one)
     * @param otherLinkType matching frames not written because their link type differs from the file's
     * @param dropped       packets the kernel dropped (live), -1 when unknown or reading a file
     * @param live          whether it was a live capture
     */
    public record Summary(long seen, long matched, long written, long otherLinkType, long dropped, boolean live) {
    }

    private final Capture capture;
    private final WriterFactory writerFactory;
    private final boolean packetBuffered;
    private PcapWriter writer;
    private long otherLinkType;
    private long dropped = -1;
    private boolean live;
    private volatile LiveCapture device;

    /**
     * @param filter         the display filter (null: every frame)
     * @param keep           the fields the run reads (null: all)
     * @param count          stop after this many frames (0: no limit)
     * @param handler        gets each frame that passes the filter
     * @param writerFactory  opens the pcap file to write the frames that pass (null: none)
     * @param packetBuffered write each frame out at once rather than in blocks
     * @param decoding       what to decode beyond tshark's defaults (RTP heuristic, Decode As)
     */
    public CaptureSession(Predicate<FieldValues> filter, Collection<Integer> keep, long count, FrameHandler handler,
                          WriterFactory writerFactory, boolean packetBuffered, DecodeOptions decoding) {
        this.writerFactory = writerFactory;
        this.packetBuffered = packetBuffered;
        this.capture = new Capture(filter, frame -> {
            handler.frame(frame);
            write(frame);
        }, count, decoding);
        capture.keepOnly(keep);
    }

    private void write(Frame frame) throws IOException {
        if (writer == null) {
            return;
        }
        if (frame.linkType() == writer.linkType()) {
            writer.write(frame);
            if (packetBuffered) {
                writer.flush();
            }
        } else {
            otherLinkType++;
        }
    }

    /**
     * Reads a capture file to its end, the frame count or {@link #stop()}; the file stays the caller's. When it
     * fails part way (a truncated file), what was read stays written and counted in {@link #summary()}.
     */
    public void read(CaptureFileReader reader) throws IOException {
        try {
            openWriter(reader.linkType(), reader.snapLength(), reader.nanosecond());
            capture.readAll(reader);
        } finally {
            closeWriter();
        }
    }

    /**
     * Captures on an interface until the frame count, the duration (null: none) or {@link #stop()}, then closes
     * it. {@code started} runs once the output file is open, just before the first packet is read.
     */
    public void live(LiveCapture live, Duration duration, Runnable started) throws IOException {
        this.live = true;
        Thread timer = null;
        try {
            openWriter(live.linkType(), live.snapLength(), true);
            device = live;
            if (capture.stopped()) {
                live.stop(); // stopped while the file was being opened
            }
            started.run();
            timer = duration == null ? null : stopAfter(duration);
            live.run(capture);
        } finally {
            if (timer != null) {
                timer.interrupt();
            }
            device = null;
            try {
                closeWriter();
            } finally {
                dropped = live.dropped();
                live.close();
            }
        }
    }

    /**
     * Ends the run from any thread: a file stops after the frame being read; a live capture once what the kernel
     * already holds has been read, so the last packets are not lost.
     */
    public void stop() {
        capture.stop();
        LiveCapture live = device;
        if (live != null) {
            live.stop();
        }
    }

    /** Frames read so far (for a status line; any thread). */
    public long seen() {
        return capture.seen();
    }

    /** Frames that passed the filter so far (any thread). */
    public long matched() {
        return capture.matched();
    }

    /** Packets the kernel dropped so far, -1 when unknown or not capturing live (any thread). */
    public long dropped() {
        LiveCapture live = device;
        return live == null ? -1 : live.dropped();
    }

    private Thread stopAfter(Duration after) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis(), (int) (after.toNanos() % 1_000_000));
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rtc-capture-duration");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void openWriter(int linkType, int snapLength, boolean nanosecond) throws IOException {
        if (writerFactory != null) {
            writer = writerFactory.open(linkType, snapLength, nanosecond);
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    /** The counts so far; after {@link #read} or {@link #live} returns or fails, the run's. */
    public Summary summary() {
        return new Summary(capture.seen(), capture.matched(), writer == null ? 0 : writer.written(), otherLinkType,
                dropped, live);
    }
}
