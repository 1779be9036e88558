package dev.rtc.dissect;

/**
 * What travels inside TURN (RFC 8656): the data of a ChannelData message and the DATA attribute of a Send or Data
 * indication, dissected again as a payload of its own: ICE's STUN checks, DTLS, RTP and RTCP between the TURN client
 * and its peer. tshark does this only with its stun_turn, dtls_stun and rtp_stun heuristics switched on; rtc always
 * does, with the same tests (a STUN message that fills the data exactly, DTLS records that do, tshark's RTCP and
 * RTP header checks), and on a conversation whose DTLS-SRTP handshake (itself inside the relay) chose a profile, RTCP
 * payload types as SRTCP. Conversation state (DTLS, SRTP, RTP sequence numbers, STUN transactions) is keyed by the
 * relay's 5-tuple, the packet's own, as Wireshark keys it; the inner layers say which relay and peer they came by.
 */
final class TurnPayload {
    private final StunDissector stun;
    private final DtlsDissector dtls;
    private final RtcpDissector rtcp;
    private final RtpDissector rtp;
    private final MediaFlows flows;

    TurnPayload(StunDissector stun, DtlsDissector dtls, RtcpDissector rtcp, RtpDissector rtp, MediaFlows flows) {
        this.stun = stun;
        this.dtls = dtls;
        this.rtcp = rtcp;
        this.rtp = rtp;
        this.flows = flows;
    }

    /**
     * Dissects the relayed bytes [p, end) of the packet whose transport is {@code t}; {@code relay} says how they
     * were relayed ("TURN ChannelData 0x4000 ..."), shown in {@code -V}, or null outside the detail view. What no
     * protocol takes is data.
     */
    void dissect(Frame f, int p, int end, Transport t, String relay) {
        if (end <= p) {
            return;
        }
        byte[] d = f.data();
        int first = f.occurrences();
        int b0 = d[p] & 0xFF;
        String why = relay == null ? null : "inside " + relay;
        if (stun.relayedMessage(f, p, end)) {
            noteFirstLayer(f, first, why);
            return;
        }
        if (!f.wants(Fields.FRAME_PROTOCOLS) && !f.wantsAny(Fields.TURNCHANNEL, Fields.DATA_LEN)) {
            // the frame keeps no field that relayed media gives (filtering on STUN fields alone), and its state
            // (DTLS-SRTP, sequence numbers) serves only those fields: a relay's payload costs a STUN check only
            return;
        }
        if (dtls.datagramHeuristic(f, p, end, t)) {
            noteFirstLayer(f, first, why);
            return;
        }
        if (RtcpDissector.looksLikeRtcp(d, p, end)) {
            rtcp.dissect(f, p, end, t, why);
            return;
        }
        if (rtp.relayed(f, p, end, t, why)) {
            return;
        }
        int pt = end - p >= 2 ? d[p + 1] & 0x7F : -1;
        if (b0 >= 128 && b0 <= 191 && pt >= 72 && pt <= 76 && flows.srtp(t) != null) {
            // SRTCP, whose trailer keeps it from tshark's RTCP heuristic
            rtcp.dissect(f, p, end, t, why);
            return;
        }
        if (channelData(f, p, end)) {
            noteFirstLayer(f, first, why);
            return;
        }
        Dissector.data(f, p, end);
        noteFirstLayer(f, first, why);
    }

    /**
     * ChannelData inside what TURN relays (TURN through TURN), as tshark's turnchannel heuristic takes it: a channel
     * number of 0x4000 or more and a length that fills the bytes exactly. Its data is data.
     */
    private static boolean channelData(Frame f, int p, int end) {
        byte[] d = f.data();
        if (end - p < 4) {
            return false;
        }
        int channel = Dissector.u16(d, p);
        int length = Dissector.u16(d, p + 2);
        if (channel < 0x4000 || channel == 0xFFFF || 4 + length != end - p) {
            return false;
        }
        f.addProtocol(Fields.TURNCHANNEL, p, end - p, end);
        f.chain(Fields.TURNCHANNEL);
        f.addLong(Fields.TURNCHANNEL_ID, channel);
        f.addLong(Fields.TURNCHANNEL_LENGTH, length);
        Dissector.data(f, p + 4, end);
        return true;
    }

    private static void noteFirstLayer(Frame f, int from, String why) {
        if (why == null) {
            return;
        }
        for (int i = from; i < f.occurrences(); i++) {
            if (f.fieldAt(i).isProtocol()) {
                f.note(i, why);
                return;
            }
        }
    }
}
