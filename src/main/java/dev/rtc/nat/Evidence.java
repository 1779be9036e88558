package dev.rtc.nat;

import dev.rtc.net.Addresses;
import java.net.InetSocketAddress;

/**
 * The rules a reply must pass before it counts as evidence about the NAT. A reply that fails a rule either does
 * not count (not ours, not a response) or shows that the server cannot do the test; it never turns into a NAT
 * verdict.
 */
public final class Evidence {
    private Evidence() {
    }

    /** What a reply is worth. */
    public sealed interface Judgement permits Accepted, Ignored, ServerIncapable {
    }

    /**
     * Valid evidence: the probe was answered, and this is the mapped address the server saw; {@code note} names a
     * harmless flaw of the answer, else null.
     */
    public record Accepted(InetSocketAddress mapped, String note) implements Judgement {
    }

    /** Not evidence at all (someone else's transaction, not a response): keep waiting. */
    public record Ignored(String why) implements Judgement {
    }

    /** The server cannot do this test; the run must end with exit 4 and this reason. */
    public record ServerIncapable(String why) implements Judgement {
    }

    /**
     * Judges a reply to {@code probe}, sent to {@code destination}, which RFC 5780 Table 1 says must come from
     * {@code expectedSource}.
     */
    public static Judgement judge(Probe probe, InetSocketAddress destination, InetSocketAddress expectedSource,
                                  Reply reply) {
        if (!reply.transactionMatches()) {
            return new Ignored("transaction id does not match");
        }
        if (reply.kind() == Reply.Kind.OTHER) {
            return new Ignored("not a response");
        }
        if (reply.kind() == Reply.Kind.ERROR) {
            if (probe.changes() && reply.errorCode() == 420) {
                return new ServerIncapable("the server does not understand CHANGE-REQUEST (420 Unknown Attribute)");
            }
            return new ServerIncapable("the server answered " + what(probe) + " with error " + reply.errorCode());
        }
        if (probe.changes() && reply.actualSource().equals(destination)) {
            return new ServerIncapable("the server answered " + what(probe) + " from the unchanged address "
                    + Addresses.format(destination) + ": it ignores CHANGE-REQUEST");
        }
        if (!reply.actualSource().equals(expectedSource)) {
            return new ServerIncapable("the answer to " + what(probe) + " came from "
                    + Addresses.format(reply.actualSource()) + ", but it must come from "
                    + Addresses.format(expectedSource));
        }
        String note = null;
        if (reply.responseOrigin() != null && !reply.responseOrigin().equals(reply.actualSource())
                && reply.legacyOrigin()) {
            // The reference RFC 3489 server (Vovida's stund) names the wrong port in SOURCE-ADDRESS on its
            // (alternate IP, primary port) socket. The actual source, already checked, is what counts.
            note = "SOURCE-ADDRESS says " + Addresses.format(reply.responseOrigin()) + ", but the actual source is"
                    + " right";
        } else if (reply.responseOrigin() != null && !reply.responseOrigin().equals(reply.actualSource())) {
            return new ServerIncapable("the server says it answered from " + Addresses.format(reply.responseOrigin())
                    + " (RESPONSE-ORIGIN/SOURCE-ADDRESS) but the answer came from "
                    + Addresses.format(reply.actualSource()) + " (a server behind NAT must advertise its public"
                    + " addresses)");
        }
        if (reply.mapped() == null) {
            return new ServerIncapable("the answer to " + what(probe) + " has no XOR-MAPPED-ADDRESS or MAPPED-ADDRESS");
        }
        return new Accepted(reply.mapped(), note);
    }

    /**
     * Checks the alternate address a server names (OTHER-ADDRESS or CHANGED-ADDRESS) against its primary one;
     * returns why it is unusable, or null when it differs in both address and port as the tests need.
     */
    public static String alternateProblem(InetSocketAddress primary, InetSocketAddress alternate) {
        if (alternate == null) {
            return "the server names no alternate address (no OTHER-ADDRESS or CHANGED-ADDRESS): it has one address"
                    + " and cannot do NAT type tests";
        }
        if (alternate.getAddress().isAnyLocalAddress() || alternate.getPort() == 0) {
            return "the server's alternate address " + Addresses.format(alternate) + " is not usable";
        }
        if (alternate.getAddress().equals(primary.getAddress())) {
            return "the server's alternate address " + Addresses.format(alternate)
                    + " has the same IP as its primary address: it needs a second IP address";
        }
        if (alternate.getPort() == primary.getPort()) {
            return "the server's alternate address " + Addresses.format(alternate)
                    + " has the same port as its primary address: it needs a second port";
        }
        if (alternate.getAddress().getClass() != primary.getAddress().getClass()) {
            return "the server's alternate address " + Addresses.format(alternate)
                    + " is not of the same address family as " + Addresses.format(primary);
        }
        return null;
    }

    private static String what(Probe probe) {
        return probe.changes() ? "a CHANGE-REQUEST (" + changeText(probe) + ")" : "a plain Binding request";
    }

    private static String changeText(Probe probe) {
        if (probe.changeIp() && probe.changePort()) {
            return "change IP and port";
        }
        return probe.changeIp() ? "change IP" : "change port";
    }
}
