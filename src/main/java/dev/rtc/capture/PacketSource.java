package dev.rtc.capture;

import dev.rtc.dissect.Frame;
import java.io.Closeable;
import java.io.IOException;

/** Where frames come from: a capture file or a live interface. */
public interface PacketSource extends Closeable {
    /**
     * Loads the next frame into {@code frame} (number, time, lengths, link type, bytes).
     *
     * @return false at the end of the file
     */
    boolean next(Frame frame, long number) throws IOException;

    /** The link type of the first interface, what a pcap written from this source declares. */
    int linkType();

    /** Whether timestamps carry nanoseconds (a pcap written from this source keeps them). */
    boolean nanosecond();

    /** The snapshot length declared by the source. */
    int snapLength();
}
