package dev.rtc.nat;

import dev.rtc.net.Addresses;
import java.net.InetSocketAddress;

/**
 * The two NAT classifications as pure functions over {@link Observations}: the RFC 3489 tree and the RFC 5780
 * mapping, filtering and hairpinning tests. Inconsistent observations give {@link Inconclusive}, never a guess.
 */
public final class Classifier {
    private Classifier() {
    }

    /** The result of classifying one round. */
    public sealed interface Result permits Verdict, Inconclusive {
    }

    /** A consistent verdict. */
    public record Verdict(Classification classification) implements Result {
    }

    /** The observations contradict each other; {@code why} says how. */
    public record Inconclusive(String why) implements Result {
    }

    public static Result classify(Observations o) {
        if (o.mappedPrimary() == null) {
            if (o.changeIpAndPortAnswered() || o.changePortAnswered()) {
                return new Inconclusive("the server answered a CHANGE-REQUEST but never a plain Binding request");
            }
            return new Verdict(new Classification(Rfc3489Type.UDP_BLOCKED, null, null, Hairpinning.NOT_TESTED,
                    false, null, null, null));
        }
        if (o.mappedAlternateIp() == null || o.mappedAlternate() == null) {
            return new Inconclusive("the server's primary address answered but its alternate address did not"
                    + " (a firewall in front of the server, or heavy loss)");
        }
        if (o.changeIpAndPortAnswered() && !o.changePortAnswered()) {
            return new Inconclusive("the NAT let in an answer from the server's other address and port but not"
                    + " one from its other port: filtering that no NAT behaviour explains (loss, or the NAT"
                    + " changed mid-test)");
        }
        var mapping = mapping(o);
        if (mapping == null) {
            return new Inconclusive("the mapped address changed in a way no NAT behaviour explains ("
                    + Addresses.format(o.mappedPrimary()) + ", " + Addresses.format(o.mappedAlternateIp()) + ", "
                    + Addresses.format(o.mappedAlternate()) + "): the NAT changed mid-test");
        }
        var filtering = filtering(o);
        boolean nat = !o.mappedPrimary().equals(o.local());
        if (!nat && mapping != MappingBehaviour.ENDPOINT_INDEPENDENT) {
            return new Inconclusive("the local address was seen unchanged by one server address but changed by"
                    + " another: the NAT changed mid-test");
        }
        Rfc3489Type type = rfc3489(o, nat);
        Hairpinning hairpin = !nat ? Hairpinning.NOT_APPLICABLE
                : o.hairpinReceived() == null ? Hairpinning.NOT_TESTED
                : o.hairpinReceived() ? Hairpinning.SUPPORTED : Hairpinning.NOT_SUPPORTED;
        boolean portPreserved = o.mappedPrimary().getPort() == o.local().getPort();
        return new Verdict(new Classification(type, mapping, filtering, hairpin, nat, portPreserved,
                o.mappedPrimary(), inexpressible(type, mapping, filtering)));
    }

    /** The RFC 3489 tree (section 10.1), from the parallel tests' results. */
    static Rfc3489Type rfc3489(Observations o, boolean nat) {
        if (!nat) {
            return o.changeIpAndPortAnswered() ? Rfc3489Type.OPEN_INTERNET : Rfc3489Type.SYMMETRIC_UDP_FIREWALL;
        }
        if (o.changeIpAndPortAnswered()) {
            return Rfc3489Type.FULL_CONE;
        }
        if (!o.mappedAlternate().equals(o.mappedPrimary())) {
            return Rfc3489Type.SYMMETRIC;
        }
        return o.changePortAnswered() ? Rfc3489Type.RESTRICTED_CONE : Rfc3489Type.PORT_RESTRICTED_CONE;
    }

    /** RFC 5780 section 4.3; null when the three mapped addresses fit no behaviour. */
    static MappingBehaviour mapping(Observations o) {
        InetSocketAddress one = o.mappedPrimary();
        InetSocketAddress two = o.mappedAlternateIp();
        InetSocketAddress three = o.mappedAlternate();
        if (one.equals(two)) {
            return two.equals(three) ? MappingBehaviour.ENDPOINT_INDEPENDENT : null;
        }
        if (two.equals(three)) {
            return MappingBehaviour.ADDRESS_DEPENDENT;
        }
        return one.equals(three) ? null : MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT;
    }

    /** RFC 5780 section 4.4. */
    static FilteringBehaviour filtering(Observations o) {
        if (o.changeIpAndPortAnswered()) {
            return FilteringBehaviour.ENDPOINT_INDEPENDENT;
        }
        return o.changePortAnswered() ? FilteringBehaviour.ADDRESS_DEPENDENT
                : FilteringBehaviour.ADDRESS_AND_PORT_DEPENDENT;
    }

    /** Names a behaviour pair the RFC 3489 label misdescribes, or null when the label fits. */
    static String inexpressible(Rfc3489Type type, MappingBehaviour mapping, FilteringBehaviour filtering) {
        boolean eim = mapping == MappingBehaviour.ENDPOINT_INDEPENDENT;
        String pair = mapping.token() + " mapping with " + filtering.token() + " filtering";
        return switch (type) {
            case FULL_CONE -> eim ? null : pair + ": RFC 3489 calls it Full Cone, but the public port changes"
                    + " with the destination";
            case SYMMETRIC -> filtering == FilteringBehaviour.ADDRESS_DEPENDENT
                    ? pair + ": RFC 3489 calls it Symmetric, but the NAT admits any port of an address it sent to"
                    : null;
            case SYMMETRIC_UDP_FIREWALL -> filtering == FilteringBehaviour.ADDRESS_DEPENDENT
                    ? pair + " without NAT: an address-restricted firewall, which RFC 3489 does not tell apart"
                    : null;
            case RESTRICTED_CONE, PORT_RESTRICTED_CONE, OPEN_INTERNET, UDP_BLOCKED -> null;
        };
    }
}
