package dev.rtc.probe;

/**
 * A module config that cannot be used. The message is one line that names the file, the line and the field:
 * {@code probe.yml:7: modules.turn_udp.transport: expected udp, tcp or tls, not 'sctp'}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
