package dev.rtc.ice;

import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.SourceCheck;
import dev.rtc.net.StunClient;
import dev.rtc.net.StunTransactionException;
import dev.rtc.net.UdpEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Learns within one round trip that a UDP server's port is closed. The base sockets of a run are unconnected
 * (one socket talks to every server, as a browser's does), and Linux tells only a connected UDP socket of the
 * ICMP port unreachable its datagrams caused; so a Binding request goes to the server from a connected socket of
 * its own, and when that is refused every transaction to the server is failed as refused. A server that answers
 * it gives the run one more round-trip sample; the check ends with the server's exchange.
 */
final class RefusalCheck implements AutoCloseable {
    private final UdpEndpoint endpoint;
    private final StunClient client;

    private RefusalCheck(UdpEndpoint endpoint, StunClient client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    /**
     * Starts the check from {@code local} (port chosen by the system) to {@code server}; on refusal the
     * transactions of {@code clients} to the server fail. Null when no connected socket could be made (the
     * exchange then waits as it would without the check).
     */
    static RefusalCheck start(Gatherer.Run run, InetAddress local, InetSocketAddress server,
                              List<StunClient> clients, RetransmitPolicy policy) {
        UdpEndpoint endpoint;
        try {
            endpoint = UdpEndpoint.connect(new InetSocketAddress(local, 0), server);
        } catch (IOException e) {
            return null;
        }
        run.closeables.add(endpoint);
        StunClient client = run.client(endpoint);
        RefusalCheck check = new RefusalCheck(endpoint, client);
        client.request(StunClient.countedBinding(), server, policy, SourceCheck.DESTINATION)
                .whenComplete((response, failure) -> {
                    if (failure instanceof StunTransactionException e
                            && e.kind() == StunTransactionException.Kind.UNREACHABLE) {
                        for (StunClient c : clients) {
                            c.refuse(server, e.getMessage());
                        }
                    }
                });
        return check;
    }

    @Override
    public void close() {
        client.cancelAll("the server's exchange is over");
        endpoint.close();
    }
}
