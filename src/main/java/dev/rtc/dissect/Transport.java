package dev.rtc.dissect;

/**
 * The transport layer of the packet being dissected, as a payload dissector sees it: the ports, where the frame's
 * addresses are, and the conversation they make. One instance per dissector, filled again for every UDP datagram
 * and TCP segment; the conversation key is worked out only when a payload dissector asks for it.
 */
final class Transport {
    private final Endpoints endpoints = new Endpoints();
    private byte[] data;
    private int protocol;
    private int srcOff;
    private int dstOff;
    private int addrLen;
    private int srcPort;
    private int dstPort;
    private boolean endpointsSet;

    void set(int protocol, byte[] data, int srcOff, int dstOff, int addrLen, int srcPort, int dstPort) {
        this.protocol = protocol;
        this.data = data;
        this.srcOff = srcOff;
        this.dstOff = dstOff;
        this.addrLen = addrLen;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.endpointsSet = false;
    }

    boolean udp() {
        return protocol == IpNumbers.IPPROTO_UDP;
    }

    int srcPort() {
        return srcPort;
    }

    int dstPort() {
        return dstPort;
    }

    int lowPort() {
        return Math.min(srcPort, dstPort);
    }

    int highPort() {
        return Math.max(srcPort, dstPort);
    }

    boolean ipv4() {
        return addrLen == 4;
    }

    /** Whether the packet goes from the conversation's first endpoint (in canonical order) to its second. */
    boolean forward() {
        return Endpoints.sourceFirst(data, srcOff, dstOff, addrLen, srcPort, dstPort);
    }

    /**
     * The conversation without direction: a probe reused for the next packet, so a dissector that keeps it must
     * keep a {@link Endpoints#copy()}.
     */
    Endpoints endpoints() {
        if (!endpointsSet) {
            endpoints.set(protocol, data, srcOff, dstOff, addrLen, srcPort, dstPort);
            endpointsSet = true;
        }
        return endpoints;
    }

    /** IPv4 only: the conversation as two 48-bit (address, port) numbers, lower first, for allocation-free tables. */
    long low4() {
        return Math.min(endpoint4(srcOff, srcPort), endpoint4(dstOff, dstPort));
    }

    long high4() {
        return Math.max(endpoint4(srcOff, srcPort), endpoint4(dstOff, dstPort));
    }

    /** IPv4 only: the source and the destination as 48-bit (address, port) numbers, for tables by direction. */
    long src4() {
        return endpoint4(srcOff, srcPort);
    }

    long dst4() {
        return endpoint4(dstOff, dstPort);
    }

    private long endpoint4(int off, int port) {
        return Dissector.u32(data, off) << 16 | port;
    }
}
