package dev.rtc.stun;

import java.net.InetSocketAddress;

/** Short factories for the attributes clients and servers add most. */
public final class Attributes {
    private Attributes() {
    }

    public static AddressAttribute mappedAddress(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.MAPPED_ADDRESS, a);
    }

    public static AddressAttribute xorMappedAddress(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, a);
    }

    public static AddressAttribute xorPeerAddress(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.XOR_PEER_ADDRESS, a);
    }

    public static AddressAttribute xorRelayedAddress(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.XOR_RELAYED_ADDRESS, a);
    }

    public static AddressAttribute responseOrigin(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.RESPONSE_ORIGIN, a);
    }

    public static AddressAttribute otherAddress(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.OTHER_ADDRESS, a);
    }

    public static AddressAttribute sourceAddress(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.SOURCE_ADDRESS, a);
    }

    public static AddressAttribute changedAddress(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.CHANGED_ADDRESS, a);
    }

    public static AddressAttribute responseAddress(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.RESPONSE_ADDRESS, a);
    }

    public static AddressAttribute alternateServer(InetSocketAddress a) {
        return new AddressAttribute(AttributeType.ALTERNATE_SERVER, a);
    }

    public static StringAttribute software(String s) {
        return new StringAttribute(AttributeType.SOFTWARE, s);
    }

    public static StringAttribute username(String s) {
        return new StringAttribute(AttributeType.USERNAME, s);
    }

    public static StringAttribute realm(String s) {
        return new StringAttribute(AttributeType.REALM, s);
    }

    public static StringAttribute nonce(String s) {
        return new StringAttribute(AttributeType.NONCE, s);
    }

    public static UIntAttribute lifetime(long seconds) {
        return new UIntAttribute(AttributeType.LIFETIME, seconds);
    }

    public static UIntAttribute priority(long priority) {
        return new UIntAttribute(AttributeType.PRIORITY, priority);
    }

    public static UIntAttribute connectionId(long id) {
        return new UIntAttribute(AttributeType.CONNECTION_ID, id);
    }

    public static UIntAttribute cacheTimeout(long seconds) {
        return new UIntAttribute(AttributeType.CACHE_TIMEOUT, seconds);
    }

    public static BytesAttribute data(byte[] bytes) {
        return new BytesAttribute(AttributeType.DATA, bytes);
    }

    public static BytesAttribute userHash(byte[] hash) {
        return new BytesAttribute(AttributeType.USERHASH, hash);
    }

    public static BytesAttribute reservationToken(byte[] token) {
        return new BytesAttribute(AttributeType.RESERVATION_TOKEN, token);
    }

    public static ChangeRequest changeRequest(boolean changeIp, boolean changePort) {
        return new ChangeRequest(changeIp, changePort);
    }

    public static RequestedTransport requestedTransport(int protocol) {
        return new RequestedTransport(protocol);
    }

    public static ChannelNumber channelNumber(int channel) {
        return new ChannelNumber(channel);
    }

    public static FlagAttribute useCandidate() {
        return new FlagAttribute(AttributeType.USE_CANDIDATE);
    }

    public static FlagAttribute dontFragment() {
        return new FlagAttribute(AttributeType.DONT_FRAGMENT);
    }

    public static TieBreaker iceControlling(long tieBreaker) {
        return new TieBreaker(AttributeType.ICE_CONTROLLING, tieBreaker);
    }

    public static TieBreaker iceControlled(long tieBreaker) {
        return new TieBreaker(AttributeType.ICE_CONTROLLED, tieBreaker);
    }

    public static AddressFamilyAttribute requestedAddressFamily(int family) {
        return new AddressFamilyAttribute(AttributeType.REQUESTED_ADDRESS_FAMILY, family);
    }

    public static AddressFamilyAttribute additionalAddressFamily(int family) {
        return new AddressFamilyAttribute(AttributeType.ADDITIONAL_ADDRESS_FAMILY, family);
    }

    public static ErrorCode errorCode(int code) {
        return ErrorCode.of(code);
    }

    public static ResponsePort responsePort(int port) {
        return new ResponsePort(port);
    }

    public static Padding padding(int length) {
        return new Padding(length);
    }
}
