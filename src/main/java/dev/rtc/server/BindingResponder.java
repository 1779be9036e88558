package dev.rtc.server;

import dev.rtc.net.Addresses;
import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.Attribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.ChangeRequest;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.Fingerprint;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.Padding;
import dev.rtc.stun.ResponsePort;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.StunParseException;
import dev.rtc.stun.TransactionTransmitCounter;
import dev.rtc.stun.UnknownAttributes;
import dev.rtc.stun.Verification;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's decision for one received message, as a pure function: which bytes to send, from which of the four
 * sockets, to where; or nothing. Only well-formed Binding requests are answered. RFC 5389/8489 requests get
 * XOR-MAPPED-ADDRESS, RESPONSE-ORIGIN and OTHER-ADDRESS, FINGERPRINT when they carried one, and MAPPED-ADDRESS and
 * SOFTWARE only while the answer stays no larger than the request; RFC 3489 requests (no magic cookie) get
 * MAPPED-ADDRESS, SOURCE-ADDRESS and CHANGED-ADDRESS. {@link FastBinding} answers the plain requests the same way
 * without allocating; this class decides the rest. CHANGE-REQUEST picks the socket as
 * RFC 5780 Table 1 says; RESPONSE-PORT and PADDING are honoured (400 when both come together);
 * TRANSACTION-TRANSMIT-COUNTER (RFC 7982) is echoed.
 */
public final class BindingResponder {
    /** Bytes of the TRANSACTION-TRANSMIT-COUNTER echoed when the request carries one (header and value). */
    private static final int COUNTER_SIZE = 8;
    /** No datagram the server sends is larger than this, padding included. */
    static final int MAX_RESPONSE = 1400;
    static final int FINGERPRINT_SIZE = 8;

    private final ServerAddressSet addresses;
    private final boolean honourChangeRequest;
    private final String software;
    private final int softwareSize;

    /**
     * @param honourChangeRequest false makes a server without RFC 5780/3489 NAT-test support: it answers every
     *                            request from the socket it arrived on (for testing NAT clients against one)
     */
    public BindingResponder(ServerAddressSet addresses, boolean honourChangeRequest, String software) {
        this.addresses = addresses;
        this.honourChangeRequest = honourChangeRequest;
        this.software = software;
        this.softwareSize = StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                .add(new StringAttribute(AttributeType.SOFTWARE, software)).build().encode().length
                - StunMessage.HEADER_LENGTH;
    }

    /** Decides the answer to {@code len} bytes from {@code source}, received on socket {@code receivedOn}. */
    public Answer answer(byte[] buf, int len, int receivedOn, InetSocketAddress source, boolean udp) {
        StunMessage request;
        try {
            request = StunMessage.decode(buf, 0, len);
        } catch (StunParseException e) {
            return Answer.drop(DropReason.MALFORMED, "not STUN: " + e.getMessage());
        }
        if (request.messageClass() != MessageClass.REQUEST) {
            return Answer.drop(DropReason.NOT_REQUEST, "a " + request.method() + " " + className(request.messageClass()) + ", not a request");
        }
        if (!request.method().equals(Method.BINDING)) {
            return Answer.drop(DropReason.NOT_BINDING, "a " + request.method() + " request; this server answers Binding only");
        }
        if (Fingerprint.verify(request) == Verification.INVALID) {
            return Answer.drop(DropReason.BAD_FINGERPRINT, "Binding request with a wrong FINGERPRINT");
        }
        String tx = request.transactionId().hex();
        List<Integer> unknown = request.unknownComprehensionRequired();
        if (!unknown.isEmpty()) {
            return error(request, receivedOn, source, ErrorCode.UNKNOWN_ATTRIBUTE, new UnknownAttributes(unknown),
                    "unknown comprehension-required attributes " + hexList(unknown));
        }
        Optional<ChangeRequest> change = request.first(ChangeRequest.class);
        Optional<ResponsePort> responsePort = request.first(ResponsePort.class);
        Optional<Padding> padding = request.first(Padding.class);
        if (responsePort.isPresent() && padding.isPresent()) {
            return error(request, receivedOn, source, ErrorCode.BAD_REQUEST, null,
                    "RESPONSE-PORT and PADDING together");
        }
        boolean changeIp = change.map(ChangeRequest::changeIp).orElse(false) && honourChangeRequest;
        boolean changePort = change.map(ChangeRequest::changePort).orElse(false) && honourChangeRequest;
        if (!udp && (changeIp || changePort || responsePort.isPresent())) {
            return error(request, receivedOn, source, ErrorCode.BAD_REQUEST, null,
                    "CHANGE-REQUEST or RESPONSE-PORT over TCP");
        }
        int from = ServerAddressSet.replySocket(receivedOn, changeIp, changePort);
        InetSocketAddress to = responsePort.map(p -> new InetSocketAddress(source.getAddress(), p.port()))
                .orElse(source);
        List<Attribute> attributes = new ArrayList<>();
        InetSocketAddress origin = addresses.advertised(from);
        InetSocketAddress other = addresses.advertised(ServerAddressSet.otherSocket(receivedOn));
        boolean fingerprint = hasFingerprint(request);
        if (request.isClassic()) {
            attributes.add(new AddressAttribute(AttributeType.MAPPED_ADDRESS, source));
            attributes.add(new AddressAttribute(AttributeType.SOURCE_ADDRESS, origin));
            attributes.add(new AddressAttribute(AttributeType.CHANGED_ADDRESS, other));
        } else {
            // What RFC 8489 and RFC 5780 require always goes in; what they leave optional only while the answer
            // stays no larger than the request, so that a spoofed request buys an attacker as little as possible.
            attributes.add(new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, source));
            attributes.add(new AddressAttribute(AttributeType.RESPONSE_ORIGIN, origin));
            attributes.add(new AddressAttribute(AttributeType.OTHER_ADDRESS, other));
            int size = StunMessage.HEADER_LENGTH + addressSize(source) + addressSize(origin) + addressSize(other)
                    + (fingerprint ? FINGERPRINT_SIZE : 0)
                    + (request.first(TransactionTransmitCounter.class).isPresent() ? COUNTER_SIZE : 0);
            if (size + addressSize(source) <= len) {
                attributes.add(1, new AddressAttribute(AttributeType.MAPPED_ADDRESS, source));
                size += addressSize(source);
            }
            if (size + softwareSize <= len) {
                attributes.add(new StringAttribute(AttributeType.SOFTWARE, software));
            }
        }
        StunMessage response = build(request, MessageClass.SUCCESS_RESPONSE, attributes, fingerprint);
        if (padding.isPresent()) {
            // The request carried this padding itself, so echoing it never makes the answer much larger than
            // the request (the server cannot be used as an amplifier); the cap keeps it under one datagram.
            int room = MAX_RESPONSE - response.encode().length - 4;
            int length = Math.max(0, Math.min(padding.get().length(), room)) & ~3;
            attributes.add(new Padding(length));
            response = build(request, MessageClass.SUCCESS_RESPONSE, attributes, fingerprint);
        }
        String flags = change.isEmpty() ? "" : " change " + (change.get().changeIp() ? "IP" : "")
                + (change.get().changeIp() && change.get().changePort() ? "+" : "")
                + (change.get().changePort() ? "port" : "") + (honourChangeRequest ? "" : " (ignored)");
        return new Answer(response.encode(), from, to, "Binding " + (request.isClassic() ? "(RFC 3489) " : "")
                + "tx " + tx + flags + " -> success from " + format(origin) + " to " + format(to));
    }

    private Answer error(StunMessage request, int receivedOn, InetSocketAddress source, int code,
                         Attribute extra, String why) {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(ErrorCode.of(code));
        if (extra != null) {
            attributes.add(extra);
        }
        boolean fingerprint = hasFingerprint(request);
        StunMessage response = build(request, MessageClass.ERROR_RESPONSE, attributes, fingerprint);
        if (!request.isClassic() && response.encode().length + softwareSize <= request.raw().length) {
            attributes.add(new StringAttribute(AttributeType.SOFTWARE, software));
            response = build(request, MessageClass.ERROR_RESPONSE, attributes, fingerprint);
        }
        return new Answer(response.encode(), receivedOn, source, "Binding tx " + request.transactionId().hex()
                + " -> error " + code + " (" + why + ") to " + format(source));
    }

    private static StunMessage build(StunMessage request, MessageClass cls, List<Attribute> attributes,
                                     boolean fingerprint) {
        StunMessage.Builder b = StunMessage.builder(Method.BINDING, cls).transactionId(request.transactionId());
        b.addAll(attributes);
        if (request.isClassic()) {
            return b.classic().build();
        }
        // RFC 7982: echo the request's count so the client knows which transmission this answers; the server
        // keeps no state per transaction, so each response counts as the first it sent
        request.first(TransactionTransmitCounter.class)
                .ifPresent(c -> b.add(new TransactionTransmitCounter(c.requests(), 1)));
        return fingerprint ? b.buildWithFingerprint() : b.build();
    }

    /** A FINGERPRINT in the request asks for one in the answer (the client demultiplexes by it). */
    private static boolean hasFingerprint(StunMessage request) {
        return !request.isClassic() && Fingerprint.verify(request) == Verification.VALID;
    }

    /** Bytes of an address attribute (header included) for an address of {@code a}'s family. */
    static int addressSize(InetSocketAddress a) {
        return 4 + (a.getAddress().getAddress().length == 4 ? 8 : 20);
    }

    private static String className(MessageClass c) {
        return switch (c) {
            case REQUEST -> "request";
            case INDICATION -> "indication";
            case SUCCESS_RESPONSE -> "success response";
            case ERROR_RESPONSE -> "error response";
        };
    }

    private static String hexList(List<Integer> codes) {
        List<String> out = new ArrayList<>();
        for (int c : codes) {
            out.add(String.format("0x%04x", c));
        }
        return String.join(", ", out);
    }

    static String format(InetSocketAddress a) {
        return Addresses.format(a);
    }
}
