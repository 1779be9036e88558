package dev.rtc.turn;

/** A TURN request after the Allocate (CreatePermission, ChannelBind, Refresh) that was refused or not answered. */
public final class TurnRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    public TurnRequestException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The STUN error code, 0 when there was no answer. */
    public int code() {
        return code;
    }
}
