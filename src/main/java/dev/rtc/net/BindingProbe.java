package dev.rtc.net;

import dev.rtc.stun.StunMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;

/**
 * One STUN request to one server over UDP, TCP or TLS, with everything set up and torn down around it: the
 * socket or connection, the scheduler, the transaction. What {@code rtc stun} runs.
 */
public final class BindingProbe {
    private BindingProbe() {
    }

    /** The transports a probe can use. */
    public enum Transport { UDP, TCP, TLS }

    /**
     * What to do.
     *
     * @param server       where the request goes
     * @param transport    UDP, TCP or TLS
     * @param localPort    the local port to bind, 0 for any
     * @param tls          how to check the server's certificate (TLS only)
     * @param policy       retransmissions (UDP) and the overall timeout
     * @param check        which replies count: from the server only, or from anywhere (CHANGE-REQUEST answers)
     * @param responsePort a second local UDP port to listen on for RFC 5780 RESPONSE-PORT answers, 0 for none
     */
    public record Options(InetSocketAddress server, Transport transport, int localPort, TlsOptions tls,
            RetransmitPolicy policy, SourceCheck check, int responsePort) {
        public Options {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(check, "check");
        }
    }

    /**
     * What happened.
     *
     * @param server        the address the request went to
     * @param request       the request as sent
     * @param sentFrom      the local address the request went out from
     * @param response      the answer and how it came
     * @param transport     "UDP", "TCP" or the TLS version
     * @param connectTime   the TCP connect time (TCP, TLS)
     * @param handshakeTime the TLS handshake time (TLS)
     * @param cipherSuite   the TLS cipher suite (TLS)
     */
    public record Result(InetSocketAddress server, StunMessage request, InetSocketAddress sentFrom,
            StunResponse response, String transport, Optional<Duration> connectTime,
            Optional<Duration> handshakeTime, Optional<String> cipherSuite) {
    }

    /**
     * Sends {@code request} and waits for its answer.
     *
     * @throws StunTransactionException no answer, refused, connection lost, malformed answer
     * @throws IOException              the socket or connection could not be set up
     *                                  ({@link StreamConnectException} for TCP and TLS)
     */
    public static Result run(Options o, StunMessage request) throws IOException, StunTransactionException,
            InterruptedException {
        return run(o, new Request(n -> request, false));
    }

    /**
     * Sends a request whose transmissions count themselves (RFC 7982): {@code transmission} builds transmission
     * n (from 1) carrying TRANSACTION-TRANSMIT-COUNTER n, all with one transaction id; the result shows the first.
     */
    public static Result runCounted(Options o, IntFunction<StunMessage> transmission) throws IOException,
            StunTransactionException, InterruptedException {
        return run(o, new Request(transmission, true));
    }

    /** The request's transmissions, and whether they carry a counter. */
    private record Request(IntFunction<StunMessage> transmission, boolean counted) {
    }

    private static Result run(Options o, Request request) throws IOException, StunTransactionException,
            InterruptedException {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rtc-stun-timer");
            t.setDaemon(true);
            return t;
        });
        try {
            return o.transport() == Transport.UDP ? udp(o, request, Scheduler.on(executor))
                    : stream(o, request, Scheduler.on(executor));
        } finally {
            executor.shutdownNow();
        }
    }

    private static Result udp(Options o, Request request, Scheduler scheduler)
            throws IOException, StunTransactionException, InterruptedException {
        boolean connected = o.check() == SourceCheck.DESTINATION && o.responsePort() == 0;
        if (connected) {
            InetSocketAddress local = o.localPort() == 0 ? null : Addresses.wildcardFor(o.server(), o.localPort());
            try (UdpEndpoint udp = UdpEndpoint.connect(local, o.server())) {
                return exchange(StunTransport.of(udp), o, request, scheduler, null, null, null);
            }
        }
        // answers may come from other addresses or to another port: an unconnected socket on the address the
        // kernel would use towards the server, so the local address shown is the real one
        InetAddress source = sourceAddressTowards(o.server());
        try (UdpEndpoint udp = UdpEndpoint.bind(new InetSocketAddress(source, o.localPort()));
             UdpEndpoint second = o.responsePort() == 0 ? null
                     : UdpEndpoint.bind(new InetSocketAddress(source, o.responsePort()))) {
            StunTransport t = second == null ? StunTransport.of(udp) : new TwoPorts(udp, second);
            return exchange(t, o, request, scheduler, null, null, null);
        }
    }

    private static Result stream(Options o, Request request, Scheduler scheduler)
            throws IOException, StunTransactionException, InterruptedException {
        InetSocketAddress local = o.localPort() == 0 ? null : Addresses.wildcardFor(o.server(), o.localPort());
        TlsOptions tls = o.transport() == Transport.TLS ? o.tls() : null;
        if (o.transport() == Transport.TLS && tls == null) {
            throw new IllegalArgumentException("TLS needs TlsOptions");
        }
        try (StreamConnection c = StreamConnection.connect(local, o.server(), o.policy().timeout(), tls,
                Clock.system())) {
            return exchange(StunTransport.of(c), o, request, scheduler, c.connectTime(),
                    c.handshakeTime().orElse(null), c.cipherSuite().orElse(null));
        }
    }

    private static Result exchange(StunTransport transport, Options o, Request request, Scheduler scheduler,
            Duration connect, Duration handshake, String cipher)
            throws StunTransactionException, InterruptedException {
        StunClient client = new StunClient(transport, scheduler, Clock.system());
        try {
            StunResponse r = (request.counted()
                    ? client.request(request.transmission(), o.server(), o.policy(), o.check())
                    : client.request(request.transmission().apply(1), o.server(), o.policy(), o.check())).get();
            return new Result(o.server(), request.transmission().apply(1), transport.localAddress(), r, transport.name(), Optional.ofNullable(connect),
                    Optional.ofNullable(handshake), Optional.ofNullable(cipher));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StunTransactionException s) {
                throw s;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            client.cancelAll("probe ended");
        }
    }

    /** The local address the kernel picks for traffic to {@code server}; no packet is sent to find out. */
    static InetAddress sourceAddressTowards(InetSocketAddress server) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(server);
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        }
    }

    /** Sends from one UDP endpoint and receives on it and on a second one (RFC 5780 RESPONSE-PORT). */
    private static final class TwoPorts implements StunTransport {
        private final UdpEndpoint main;
        private final UdpEndpoint second;

        TwoPorts(UdpEndpoint main, UdpEndpoint second) {
            this.main = main;
            this.second = second;
        }

        @Override
        public void send(byte[] message, InetSocketAddress destination) throws IOException {
            main.send(message, destination);
        }

        @Override
        public boolean reliable() {
            return false;
        }

        @Override
        public InetSocketAddress localAddress() {
            return main.localAddress();
        }

        @Override
        public void start(Receiver receiver) {
            listen(main, receiver);
            listen(second, receiver);
        }

        private static void listen(UdpEndpoint endpoint, Receiver receiver) {
            endpoint.receive(new UdpEndpoint.Listener() {
                @Override
                public void datagram(byte[] data, InetSocketAddress source) {
                    receiver.message(data, source, endpoint.localAddress());
                }

                @Override
                public void failed(IOException error) {
                    receiver.closed(error);
                }
            });
        }

        @Override
        public String name() {
            return "UDP";
        }
    }
}
