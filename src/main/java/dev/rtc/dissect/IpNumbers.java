package dev.rtc.dissect;

/** Protocol numbers of the layers below the payload: EtherTypes, IP protocol numbers, loopback address families. */
final class IpNumbers {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_VLAN = 0x8100;
    /** IEEE 802.1ad (QinQ) service tag. */
    static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    /** Linux cooked captures: a protocol field up to this value is a length (802.3), not an EtherType. */
    static final int MAX_802_3_LENGTH = 1536;

    /** IP protocol numbers (IANA), and the IPv6 extension headers rtc walks over. */
    static final int IPPROTO_HOPOPTS = 0;
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_ROUTING = 43;
    static final int IPPROTO_FRAGMENT = 44;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPPROTO_DSTOPTS = 60;

    /** The loopback link types' address family for IPv4, and for IPv6 on Linux, NetBSD/OpenBSD, FreeBSD, macOS. */
    static final int AF_INET = 2;
    static final int AF_INET6_LINUX = 10;
    static final int AF_INET6_BSD = 24;
    static final int AF_INET6_FREEBSD = 28;
    static final int AF_INET6_DARWIN = 30;

    /** ICMP types that quote the datagram they answer: unreachable, source quench, redirect, time exceeded,
     * parameter problem. */
    static boolean icmpQuotes(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** ICMPv6 error types (1-4) quote the packet they answer. */
    static boolean icmpv6Quotes(int type) {
        return type >= 1 && type <= 4;
    }

    private IpNumbers() {
    }
}
