package dev.rtc.probe;

import dev.rtc.ice.IceServerUri;
import java.util.Locale;

/**
 * The {@code target} of a scrape, read for a module: a STUN/TURN URI ({@code turn:turn.example.org?transport=tcp},
 * {@code turns:...}), used as written, or a bare {@code HOST[:PORT]} that takes the module's prober and transport
 * ({@code turn.example.org} with a turn module over tcp is {@code turn:turn.example.org?transport=tcp}).
 */
public final class ProbeTarget {
    private ProbeTarget() {
    }

    /** The server URI to probe; {@link IllegalArgumentException} with a one-line message for a bad target. */
    public static IceServerUri resolve(ProbeModule module, String target) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("the target is missing (target=HOST[:PORT] or a stun:/turn: URI)");
        }
        String t = target.strip();
        if (t.length() > 300 || t.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("the target is not a host name, address or STUN/TURN URI");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        boolean uri = lower.startsWith("stun:") || lower.startsWith("stuns:") || lower.startsWith("turn:")
                || lower.startsWith("turns:");
        IceServerUri u = IceServerUri.parse(uri ? t : bare(module, t));
        boolean turn = module.prober().turn();
        if (u.isTurn() != turn) {
            throw new IllegalArgumentException("target '" + t + "' is a " + (u.isTurn() ? "TURN" : "STUN")
                    + " URI, but module " + module.name() + " runs the " + module.prober().text() + " prober");
        }
        return u;
    }

    private static String bare(ProbeModule module, String hostPort) {
        boolean turn = module.prober().turn();
        return switch (module.transport()) {
            case UDP -> (turn ? "turn:" : "stun:") + hostPort;
            case TCP -> "turn:" + hostPort + "?transport=tcp";
            case TLS -> (turn ? "turns:" : "stuns:") + hostPort;
        };
    }
}
