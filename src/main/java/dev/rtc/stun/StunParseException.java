package dev.rtc.stun;

/**
 * The codec's only exception: the bytes are not a well-formed STUN message, attribute or ChannelData frame. The
 * message names the field, its offset and the sizes involved, so a user can find the bad byte in a hex dump.
 */
public final class StunParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StunParseException(String message) {
        super(message);
    }
}
