package dev.rtc.ice;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Which local addresses become host candidates, as a browser chooses them: interfaces that are up, loopback and
 * link-local addresses left out unless asked for, one address family or both, optionally one interface by name.
 * The choice is a pure function over {@link Nic} descriptions; {@link #system()} reads the machine's interfaces.
 */
public final class HostAddresses {
    private HostAddresses() {
    }

    /** Which address families to use. */
    public enum Family { V4, V6, BOTH }

    /** One interface as the operating system reports it. */
    public record Nic(String name, int index, boolean up, boolean loopback, List<InetAddress> addresses) {
    }

    /** A chosen address with its network index (0 for the first network, which gets the highest preference). */
    public record HostAddress(String interfaceName, int networkIndex, InetAddress address) {
    }

    /**
     * Chooses the host addresses. Networks are ordered by interface index, IPv4 before IPv6 on the same
     * interface; each chosen address is its own network for the priority's network preference.
     *
     * @param onlyInterface  an interface name, or null for all; naming the loopback interface includes it
     * @param includeLoopback include loopback and link-local addresses
     */
    public static List<HostAddress> choose(List<Nic> nics, Family family, String onlyInterface,
                                           boolean includeLoopback) {
        List<Nic> sorted = new ArrayList<>(nics);
        sorted.sort(Comparator.comparingInt(Nic::index));
        List<InetAddress> chosen = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Nic nic : sorted) {
            if (!nic.up()) {
                continue;
            }
            boolean named = onlyInterface != null && onlyInterface.equals(nic.name());
            if (onlyInterface != null && !named) {
                continue;
            }
            List<InetAddress> v4 = new ArrayList<>();
            List<InetAddress> v6 = new ArrayList<>();
            for (InetAddress a : nic.addresses()) {
                boolean special = a.isLoopbackAddress() || a.isLinkLocalAddress() || nic.loopback();
                if (special && !includeLoopback && !named) {
                    continue;
                }
                if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                    continue;
                }
                if (a instanceof Inet4Address && family != Family.V6) {
                    v4.add(a);
                } else if (a instanceof Inet6Address && family != Family.V4) {
                    v6.add(stripScope(a));
                }
            }
            for (InetAddress a : v4) {
                chosen.add(a);
                names.add(nic.name());
            }
            for (InetAddress a : v6) {
                chosen.add(a);
                names.add(nic.name());
            }
        }
        List<HostAddress> out = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            out.add(new HostAddress(names.get(i), i, chosen.get(i)));
        }
        return out;
    }

    /** The machine's interfaces. */
    public static List<Nic> system() throws SocketException {
        List<Nic> out = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            out.add(new Nic(ni.getName(), ni.getIndex(), ni.isUp(), ni.isLoopback(),
                    Collections.list(ni.getInetAddresses())));
        }
        return out;
    }

    /** Interface names present on the machine, for error messages. */
    public static List<String> names(List<Nic> nics) {
        return nics.stream().map(Nic::name).sorted().toList();
    }

    private static InetAddress stripScope(InetAddress a) {
        if (a instanceof Inet6Address v6 && v6.getScopeId() != 0 && !a.isLinkLocalAddress()) {
            try {
                return InetAddress.getByAddress(a.getAddress());
            } catch (java.net.UnknownHostException e) {
                return a;
            }
        }
        return a;
    }
}
