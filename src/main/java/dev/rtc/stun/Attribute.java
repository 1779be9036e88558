package dev.rtc.stun;

/**
 * One STUN attribute, decoded into a typed value. Every record here re-encodes to the bytes it was decoded from
 * (reserved bits, which the RFCs say are sent as zero and ignored on receipt, are re-encoded as zero).
 */
public sealed interface Attribute permits AddressAttribute, ChangeRequest, ErrorCode, StringAttribute,
        UIntAttribute, BytesAttribute, RequestedTransport, ChannelNumber, UnknownAttributes, FlagAttribute,
        MessageIntegrity, MessageIntegritySha256, Fingerprint, ResponsePort, Padding, TieBreaker, EvenPort,
        AddressFamilyAttribute, AddressErrorCode, PasswordAlgorithm, PasswordAlgorithms, Icmp,
        TransactionTransmitCounter, EcnCheck, AccessToken {

    /** The attribute's type as it appears on the wire. */
    AttributeType type();
}
