package dev.rtc.stun;

import java.util.Map;

/**
 * A STUN method, the 12-bit number packed in the message type. Known methods (RFC 3489, 8489, 8656, 6062) have
 * names (and IANA's GOOG-PING); any other number is still a valid method and prints as {@code 0x0abc}.
 */
public final class Method {
    public static final Method BINDING = new Method(0x001, "Binding");
    /** RFC 3489's Shared Secret, removed by RFC 5389 but still seen from old clients. */
    public static final Method SHARED_SECRET = new Method(0x002, "SharedSecret");
    public static final Method ALLOCATE = new Method(0x003, "Allocate");
    public static final Method REFRESH = new Method(0x004, "Refresh");
    public static final Method SEND = new Method(0x006, "Send");
    public static final Method DATA = new Method(0x007, "Data");
    public static final Method CREATE_PERMISSION = new Method(0x008, "CreatePermission");
    public static final Method CHANNEL_BIND = new Method(0x009, "ChannelBind");
    public static final Method CONNECT = new Method(0x00A, "Connect");
    public static final Method CONNECTION_BIND = new Method(0x00B, "ConnectionBind");
    public static final Method CONNECTION_ATTEMPT = new Method(0x00C, "ConnectionAttempt");
    /** IANA-registered (expert review): Chromium's short keep-alive check between ICE peers. */
    public static final Method GOOG_PING = new Method(0x080, "GOOG-PING");

    private static final Map<Integer, Method> KNOWN = Map.ofEntries(
            entry(BINDING), entry(SHARED_SECRET), entry(ALLOCATE), entry(REFRESH), entry(SEND), entry(DATA),
            entry(CREATE_PERMISSION), entry(CHANNEL_BIND), entry(CONNECT), entry(CONNECTION_BIND),
            entry(CONNECTION_ATTEMPT), entry(GOOG_PING));

    private final int code;
    private final String name;

    private Method(int code, String name) {
        this.code = code;
        this.name = name;
    }

    private static Map.Entry<Integer, Method> entry(Method m) {
        return Map.entry(m.code, m);
    }

    /** The method with this number; never throws (only the low 12 bits count). */
    public static Method valueOf(int code) {
        int c = code & 0xFFF;
        Method known = KNOWN.get(c);
        return known != null ? known : new Method(c, null);
    }

    public int code() {
        return code;
    }

    /** True when an RFC names this method. */
    public boolean isKnown() {
        return name != null;
    }

    /** "Binding", or "0x0abc" for a method no RFC names. */
    @Override
    public String toString() {
        return name != null ? name : String.format("0x%04x", code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Method m && m.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }
}
