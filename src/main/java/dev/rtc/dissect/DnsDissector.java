package dev.rtc.dissect;

import static dev.rtc.dissect.Fields.DNS;

/** DNS on port 53, over UDP and TCP: the protocol is named (frame.protocols, the "dns" filter), not decoded. */
final class DnsDissector implements Payload {
    static final int PORT = 53;

    @Override
    public boolean datagram(Frame f, int p, int end, Transport t) {
        f.addProtocol(DNS, p, end - p, end);
        f.chain(DNS);
        return true;
    }

    @Override
    public int stream(Frame f, int p, int end, boolean reassembled, Transport t) {
        datagram(f, p, end, t);
        return end;
    }
}
