package dev.rtc.net;

import dev.rtc.stun.StunMessage;
import dev.rtc.stun.StunParseException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * STUN client transactions over a UDP endpoint or a TCP/TLS connection: sends a request, retransmits it as
 * RFC 8489 says over UDP, and completes with the decoded response. A response counts when its transaction id
 * matches and, unless {@link SourceCheck#ANY} is asked for, when it comes from the address the request went to.
 * The client does not own the transport: closing the endpoint or connection stays with the caller.
 */
public final class StunClient {
    private final TransactionTable table;

    public StunClient(StunTransport transport, Scheduler scheduler, Clock clock) {
        this.table = new TransactionTable(transport, scheduler, clock);
    }

    public static StunClient over(UdpEndpoint udp, Scheduler scheduler, Clock clock) {
        return new StunClient(StunTransport.of(udp), scheduler, clock);
    }

    public static StunClient over(StreamConnection connection, Scheduler scheduler, Clock clock) {
        return new StunClient(StunTransport.of(connection), scheduler, clock);
    }

    /**
     * Where everything that answers no pending transaction goes, as received: indications, ChannelData,
     * requests, late or stray responses. Called on the transport's receive thread.
     */
    public void onOther(BiConsumer<byte[], InetSocketAddress> handler) {
        table.onOther(handler);
    }

    /** Sends {@code request} and waits for the answer from {@code destination} itself. */
    public CompletableFuture<StunResponse> request(StunMessage request, InetSocketAddress destination,
            RetransmitPolicy policy) {
        return request(request, destination, policy, SourceCheck.DESTINATION);
    }

    /**
     * Sends {@code request} to {@code destination} and completes with the first response with its transaction
     * id that passes {@code check}, or exceptionally with a {@link StunTransactionException}
     * ({@link StunTimeoutException} when nothing valid came in time).
     */
    public CompletableFuture<StunResponse> request(StunMessage request, InetSocketAddress destination,
            RetransmitPolicy policy, SourceCheck check) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<StunResponse> result = new CompletableFuture<>();
        // completed by hand, not with thenCompose, so failures reach callers unwrapped (no CompletionException)
        table.send(request.encode(), destination, policy, check).whenComplete((reply, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                StunMessage message = StunMessage.decode(reply.data());
                result.complete(new StunResponse(message, reply.source(), reply.local(), reply.sinceFirst(),
                        reply.sinceAnswered(), reply.transmissions(), reply.ignored()));
            } catch (StunParseException e) {
                result.completeExceptionally(new StunTransactionException(StunTransactionException.Kind.MALFORMED,
                        destination, "answer from " + Addresses.format(reply.source()) + " is malformed: "
                                + e.getMessage(), e));
            }
        });
        return result;
    }

    /** Fails every pending transaction with {@code why}, e.g. before the caller closes the transport. */
    public void cancelAll(String why) {
        table.cancelAll(why);
    }

    public StunTransport transport() {
        return table.transport();
    }
}
