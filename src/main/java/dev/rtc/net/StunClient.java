package dev.rtc.net;

import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.StunParseException;
import dev.rtc.stun.TransactionId;
import dev.rtc.stun.TransactionTransmitCounter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * STUN client transactions over a UDP endpoint or a TCP/TLS connection: sends a request, retransmits it as
 * RFC 8489 says over UDP, and completes with the decoded response. A response counts when its transaction id
 * matches and, unless {@link SourceCheck#ANY} is asked for, when it comes from the address the request went to.
 * The client does not own the transport: closing the endpoint or connection stays with the caller.
 */
public final class StunClient {
    private final TransactionTable table;
    private volatile Consumer<StunResponse> answers = r -> { };

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
        byte[] bytes = request.encode();
        return complete(table.send(n -> bytes, destination, policy, check), destination, false);
    }

    /**
     * Sends a request whose transmissions count themselves (RFC 7982): {@code transmission} builds transmission n
     * (from 1) with a TRANSACTION-TRANSMIT-COUNTER of n, every one with the same transaction id. When the server
     * echoes the counter, the response's RTT is from the transmission it answered even after retransmissions.
     */
    public CompletableFuture<StunResponse> request(IntFunction<StunMessage> transmission,
            InetSocketAddress destination, RetransmitPolicy policy, SourceCheck check) {
        Objects.requireNonNull(transmission, "transmission");
        return complete(table.send(n -> transmission.apply(n).encode(), destination, policy, check), destination,
                true);
    }

    /**
     * A plain Binding request whose transmissions count themselves (RFC 7982), for
     * {@link #request(IntFunction, InetSocketAddress, RetransmitPolicy, SourceCheck)}.
     */
    public static IntFunction<StunMessage> countedBinding() {
        TransactionId id = TransactionId.random();
        return n -> StunMessage.builder(Method.BINDING, MessageClass.REQUEST).transactionId(id)
                .add(new TransactionTransmitCounter(n, 0)).build();
    }

    private CompletableFuture<StunResponse> complete(CompletableFuture<TransactionTable.Reply> sent,
            InetSocketAddress destination, boolean counted) {
        CompletableFuture<StunResponse> result = new CompletableFuture<>();
        // completed by hand, not with thenCompose, so failures reach callers unwrapped (no CompletionException)
        sent.whenComplete((reply, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                StunMessage message = StunMessage.decode(reply.data());
                int answered = answered(message, reply, counted);
                Optional<Duration> rtt = answered == 0 ? Optional.empty()
                        : Optional.of(reply.sinceFirst().minus(reply.sentAt().get(answered - 1)));
                StunResponse response = new StunResponse(message, reply.source(), reply.local(), reply.sinceFirst(),
                        rtt, reply.transmissions(), reply.ignored(), answered);
                answers.accept(response);
                result.complete(response);
            } catch (StunParseException e) {
                result.completeExceptionally(new StunTransactionException(StunTransactionException.Kind.MALFORMED,
                        destination, "answer from " + Addresses.format(reply.source()) + " is malformed: "
                                + e.getMessage(), e));
            }
        });
        return result;
    }

    /**
     * Which transmission the answer was to: the only one, or the one the server's echoed
     * TRANSACTION-TRANSMIT-COUNTER names (when the request carried one); 0 when that is ambiguous.
     */
    private static int answered(StunMessage message, TransactionTable.Reply reply, boolean counted) {
        if (reply.transmissions() == 1) {
            return 1;
        }
        if (!counted) {
            return 0;
        }
        return message.first(TransactionTransmitCounter.class).map(TransactionTransmitCounter::requests)
                .filter(n -> n >= 1 && n <= reply.transmissions()).orElse(0);
    }

    /** Sees every response as it completes its transaction (on the transport's receive thread). */
    public void onAnswer(Consumer<StunResponse> listener) {
        this.answers = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Fails every transaction to {@code destination} as refused, and every later one at once (an unconnected
     * socket hears no ICMP: this is for when a connected one to the same destination was refused).
     */
    public void refuse(InetSocketAddress destination, String why) {
        table.refuse(destination, why);
    }

    /** Ends every transaction to {@code destination} now as unanswered. */
    public void expire(InetSocketAddress destination) {
        table.expire(destination);
    }

    /** Fails every pending transaction with {@code why}, e.g. before the caller closes the transport. */
    public void cancelAll(String why) {
        table.cancelAll(why);
    }

    public StunTransport transport() {
        return table.transport();
    }
}
