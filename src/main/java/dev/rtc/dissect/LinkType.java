package dev.rtc.dissect;

/**
 * pcap link types (the LINKTYPE_* numbers of pcap and pcapng headers) that rtc dissects, and the Wireshark
 * encapsulation each shows as {@code frame.encap_type}.
 */
public final class LinkType {
    /** BSD loopback: a 4-byte address family in the host's byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** Raw IP as OpenBSD numbers it (DLT_RAW there). */
    public static final int RAW_OPENBSD = 12;
    /** Raw IP as BSD/OS numbers it (DLT_RAW there). */
    public static final int RAW_BSDOS = 14;
    public static final int RAW = 101;
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    public static final int LOOP = 108;
    /** Linux "cooked" capture, version 1 (tcpdump -i any). */
    public static final int SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    /** Linux "cooked" capture, version 2. */
    public static final int SLL2 = 276;

    /** Wireshark's WTAP_ENCAP_* numbers, as {@code frame.encap_type} shows them. */
    private static final int ENCAP_ETHERNET = 1;
    private static final int ENCAP_RAW_IP = 7;
    private static final int ENCAP_NULL = 15;
    private static final int ENCAP_SLL = 25;
    private static final int ENCAP_SLL2 = 210;

    private LinkType() {
    }

    /** Whether rtc dissects frames of this link type. */
    public static boolean supported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW, LOOP, SLL, IPV4, IPV6, SLL2, RAW_OPENBSD, RAW_BSDOS -> true;
            default -> false;
        };
    }

    /** Whether frames of this link type start with the IP header itself. */
    static boolean rawIp(int linkType) {
        return linkType == RAW || linkType == RAW_OPENBSD || linkType == RAW_BSDOS;
    }

    /** The {@code frame.encap_type} Wireshark shows for this link type. */
    static int encapsulation(int linkType) {
        return switch (linkType) {
            case ETHERNET -> ENCAP_ETHERNET;
            case NULL, LOOP -> ENCAP_NULL;
            case SLL -> ENCAP_SLL;
            case SLL2 -> ENCAP_SLL2;
            default -> ENCAP_RAW_IP;
        };
    }
}
