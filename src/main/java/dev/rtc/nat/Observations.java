package dev.rtc.nat;

import java.net.InetSocketAddress;

/**
 * The validated outcome of one round of NAT tests: what the classifiers decide from. A null mapped address means
 * that plain Binding got no valid answer in its window.
 *
 * @param local               the local address of the socket the mapping tests were sent from
 * @param mappedPrimary       mapped address seen by the primary address (RFC 3489 test I)
 * @param mappedAlternateIp   mapped address seen by (alternate IP, primary port) (RFC 5780 mapping test II)
 * @param mappedAlternate     mapped address seen by the alternate address (RFC 5780 mapping test III)
 * @param changeIpAndPortAnswered a valid answer to change IP and port arrived (RFC 3489 test II)
 * @param changePortAnswered  a valid answer to change port arrived (RFC 3489 test III)
 * @param hairpinReceived     the request sent to the mapped address came back; null when it was not tried
 */
public record Observations(InetSocketAddress local, InetSocketAddress mappedPrimary,
                           InetSocketAddress mappedAlternateIp, InetSocketAddress mappedAlternate,
                           boolean changeIpAndPortAnswered, boolean changePortAnswered, Boolean hairpinReceived) {
}
