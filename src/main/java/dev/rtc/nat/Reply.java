package dev.rtc.nat;

import java.net.InetSocketAddress;

/**
 * What one received STUN response says, reduced to the facts the NAT tests judge. Both attribute generations are
 * folded together: {@code mapped} is XOR-MAPPED-ADDRESS or else MAPPED-ADDRESS, {@code responseOrigin} is
 * RESPONSE-ORIGIN or SOURCE-ADDRESS, {@code otherAddress} is OTHER-ADDRESS or CHANGED-ADDRESS. Absent ones are null.
 *
 * @param transactionMatches the transaction id is the one the probe sent
 * @param kind               success, error, or anything else (a request or indication)
 * @param errorCode          the ERROR-CODE of an error response, else 0
 * @param actualSource       the address the datagram came from
 * @param legacyOrigin       {@code responseOrigin} came from RFC 3489's SOURCE-ADDRESS, not RESPONSE-ORIGIN
 * @param rttMillis          time from the first transmission to this reply
 */
public record Reply(boolean transactionMatches, Kind kind, int errorCode, InetSocketAddress actualSource,
                    InetSocketAddress mapped, InetSocketAddress responseOrigin, boolean legacyOrigin,
                    InetSocketAddress otherAddress, double rttMillis) {

    /** The class of a received message, as far as the tests care. */
    public enum Kind { SUCCESS, ERROR, OTHER }

    /** A success response with the given addresses. */
    public static Reply success(InetSocketAddress actualSource, InetSocketAddress mapped,
                                InetSocketAddress responseOrigin, InetSocketAddress otherAddress, double rttMillis) {
        return new Reply(true, Kind.SUCCESS, 0, actualSource, mapped, responseOrigin, false, otherAddress,
                rttMillis);
    }
}
