package dev.rtc.dissect;

/**
 * A protocol that UDP or TCP hands its payload to, registered in {@link Handoff} on ports, as a heuristic, or both
 * (Wireshark's "udp.port" / "tcp.port" tables and heuristic lists). Adding a protocol is one class implementing
 * this and its registration. Each method dissects into the frame and says whether the bytes were this protocol;
 * when they were not, it has added nothing.
 */
interface Payload {
    /** A UDP payload [p, end) on a port or conversation this protocol is registered for. */
    default boolean datagram(Frame f, int p, int end, Transport t) {
        return false;
    }

    /** A UDP payload anywhere else: true only when the bytes are surely this protocol. */
    default boolean datagramHeuristic(Frame f, int p, int end, Transport t) {
        return false;
    }

    /**
     * Bytes [p, end) of one direction of a TCP connection on a port or conversation of this protocol: a segment's
     * payload, or what earlier segments left followed by it ({@code reassembled}). Returns where the bytes not yet
     * dissected start: {@code end} when all were, the start of a PDU that continues in a later segment (the
     * dissector holds those bytes back for it), or -1 when the bytes are not this protocol.
     */
    default int stream(Frame f, int p, int end, boolean reassembled, Transport t) {
        return -1;
    }

    /** A TCP segment's payload anywhere else: true only when it surely starts this protocol. */
    default boolean streamHeuristic(Frame f, int p, int end, Transport t) {
        return false;
    }

    /**
     * A TCP segment's payload anywhere else: true when it surely starts this protocol, without dissecting it. The
     * connection becomes this protocol's and the segment goes to {@link #stream}, so that a first PDU longer than
     * the segment is held back for the next one (which {@link #streamHeuristic} cannot do).
     */
    default boolean streamStarts(Frame f, int p, int end, Transport t) {
        return false;
    }

    /**
     * Whether a heuristic match makes the conversation this protocol's for the packets that follow, whatever they
     * look like (Wireshark's conversation dissector): STUN's does, so that TURN ChannelData on a relay's port is
     * recognised after the Allocate that set it up.
     */
    default boolean claimsConversation() {
        return false;
    }
}
