package dev.rtc.nat;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a verdict means for calls: which peers can be reached directly, after the classic NAT-traversal
 * combination table (full cone and restricted cone reach everyone; port restricted cone reaches all but symmetric;
 * symmetric reaches only full cone, restricted cone and open hosts), and whether a TURN relay will be needed.
 */
public final class Advice {
    private Advice() {
    }

    /** The peer types a host of this type can exchange UDP with directly (hole punching), per the table. */
    public static Set<Rfc3489Type> directPeers(Rfc3489Type type) {
        Set<Rfc3489Type> reachable = EnumSet.of(Rfc3489Type.OPEN_INTERNET, Rfc3489Type.FULL_CONE,
                Rfc3489Type.RESTRICTED_CONE, Rfc3489Type.PORT_RESTRICTED_CONE, Rfc3489Type.SYMMETRIC,
                Rfc3489Type.SYMMETRIC_UDP_FIREWALL);
        switch (type) {
            case OPEN_INTERNET, FULL_CONE, RESTRICTED_CONE -> {
                return reachable;
            }
            case PORT_RESTRICTED_CONE, SYMMETRIC_UDP_FIREWALL -> {
                reachable.remove(Rfc3489Type.SYMMETRIC);
                return reachable;
            }
            case SYMMETRIC -> {
                reachable.removeAll(EnumSet.of(Rfc3489Type.PORT_RESTRICTED_CONE, Rfc3489Type.SYMMETRIC,
                        Rfc3489Type.SYMMETRIC_UDP_FIREWALL));
                return reachable;
            }
            default -> {
                return EnumSet.noneOf(Rfc3489Type.class);
            }
        }
    }

    /** One or two sentences for the end of the text output. */
    public static String forCalls(Classification c) {
        return switch (c.type()) {
            case OPEN_INTERNET -> "No NAT and no filter: any peer can reach you directly, and you can reach any peer"
                    + " that can receive at all. TURN is not needed on your side.";
            case FULL_CONE -> "Once you have sent one packet, any peer can reach your public address: direct"
                    + " calls work with every NAT type, including symmetric NATs. TURN is not needed on your side.";
            case RESTRICTED_CONE -> "Peers reach you once you have sent to their address: hole punching works with"
                    + " every NAT type, including symmetric NATs. TURN is not needed on your side.";
            case PORT_RESTRICTED_CONE -> "Hole punching works with open hosts and cone NATs of every kind, but not"
                    + " with peers behind a symmetric NAT: calls to those need a TURN relay.";
            case SYMMETRIC -> "Your public port changes with every destination: direct calls work only with open"
                    + " hosts, full cone and restricted cone NATs; peers behind port restricted cone or symmetric"
                    + " NATs need a TURN relay, so provide one.";
            case SYMMETRIC_UDP_FIREWALL -> "You have a public address but a firewall admits only replies: direct"
                    + " calls work with open hosts and cone NATs, not with peers behind a symmetric NAT;"
                    + " those need a TURN relay.";
            case UDP_BLOCKED -> "No UDP answer came back at all (UDP is blocked, or the server is down): calls need a"
                    + " TURN relay over TCP or TLS (turns: on port 443).";
        };
    }
}
