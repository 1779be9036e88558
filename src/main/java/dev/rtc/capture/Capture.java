package dev.rtc.capture;

import dev.rtc.dissect.DecodeOptions;
import dev.rtc.dissect.Dissector;
import dev.rtc.dissect.FieldValues;
import dev.rtc.dissect.Fields;
import dev.rtc.dissect.Frame;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * One capture run: frames in order from a source, each dissected into the one reused {@link Frame}, tested
 * against the display filter, and handed to the handler when it passes. Counts are readable from another
 * thread (the status line, Ctrl-C): a file's are published every {@value #PUBLISH} frames and at its end, a live
 * capture's at every frame.
 */
public final class Capture {
    private final Dissector dissector;
    private final Frame frame = new Frame(Fields.registry());
    private final Predicate<FieldValues> filter;
    private final FrameHandler handler;
    private static final int PUBLISH = 256;

    private final long limit;
    /** Counted by the thread that reads frames, without a memory fence per frame. */
    private long seen;
    private long matched;
    private volatile long seenPublished;
    private volatile long matchedPublished;
    private volatile boolean stopped;

    /**
     * @param filter  the display filter (null: every frame)
     * @param handler what to do with each frame that passes
     * @param limit   stop after this many frames read (0: no limit)
     */
    public Capture(Predicate<FieldValues> filter, FrameHandler handler, long limit) {
        this(filter, handler, limit, DecodeOptions.DEFAULT);
    }

    /** The same, decoding also what {@code decoding} asks for (tshark's RTP heuristic, Decode As ports). */
    public Capture(Predicate<FieldValues> filter, FrameHandler handler, long limit, DecodeOptions decoding) {
        this.dissector = new Dissector(decoding);
        this.filter = filter;
        this.handler = handler;
        this.limit = limit;
    }

    /** Keeps only these fields' values in each frame (null: all); see {@link Frame#keepOnly}. */
    public void keepOnly(java.util.Collection<Integer> fieldIds) {
        frame.keepOnly(fieldIds);
    }

    /** Reads the source to its end, the limit or {@link #stop()}. */
    public void readAll(PacketSource source) throws IOException {
        try {
            while (!stopped && (limit == 0 || seen < limit)) {
                if (!source.next(frame, seen + 1)) {
                    break;
                }
                process();
                if ((seen & (PUBLISH - 1)) == 0) {
                    publish();
                }
            }
        } finally {
            publish();
        }
    }

    private void publish() {
        seenPublished = seen;
        matchedPublished = matched;
    }

    /** Dissects, filters and hands on the frame just loaded into {@link #frame()}. */
    void process() throws IOException {
        seen++;
        dissector.dissect(frame);
        if (filter == null || filter.test(frame)) {
            matched++;
            dissector.displayed(frame);
            handler.frame(frame);
        }
    }

    /** Loads raw bytes as the next frame and processes it (live capture's listener). */
    void offer(byte[] bytes, long timeNanos, int wireLength, int linkType) throws IOException {
        frame.load(seen + 1, timeNanos, wireLength, linkType, bytes, 0, bytes.length);
        try {
            process();
        } finally {
            publish();
        }
    }

    /** True once the frame limit is reached (asked by the thread that offers frames). */
    boolean full() {
        return limit != 0 && seen >= limit;
    }

    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    /** Frames read so far, as last published. */
    public long seen() {
        return seenPublished;
    }

    /** Frames that passed the filter so far, as last published. */
    public long matched() {
        return matchedPublished;
    }
}
