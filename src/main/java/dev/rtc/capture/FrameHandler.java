package dev.rtc.capture;

import dev.rtc.dissect.Frame;
import java.io.IOException;

/** Receives each dissected frame that passed the display filter. */
@FunctionalInterface
public interface FrameHandler {
    void frame(Frame frame) throws IOException;
}
