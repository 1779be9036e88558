package dev.rtc.server;

import dev.rtc.RtcException;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The server's counters as Prometheus metrics on {@code http://ADDR:PORT/metrics} (Prometheus Java client): every
 * value is read from {@link ServerCounters} and the {@link RateLimiter} at scrape time, so the hot path only
 * increments its adders.
 */
public final class ServerMetrics implements AutoCloseable {
    private final HTTPServer http;

    private ServerMetrics(HTTPServer http) {
        this.http = http;
    }

    /** Serves the metrics of {@code server} on {@code address}; a port that cannot be bound ends with exit 1. */
    public static ServerMetrics start(StunServer server, InetSocketAddress address) {
        return start(List.of(server), address);
    }

    /**
     * Serves the metrics of the servers together (their sums: one per address family in a dual-stack run) on
     * {@code address}; a port that cannot be bound ends with exit 1.
     */
    public static ServerMetrics start(List<StunServer> servers, InetSocketAddress address) {
        PrometheusRegistry registry = new PrometheusRegistry();
        Sum c = new Sum(servers);
        perTransport(registry, "rtc_stun_server_requests_total", "Messages received, by transport", c::requests);
        perTransport(registry, "rtc_stun_server_answers_total",
                "Binding responses sent (success and error), by transport", c::answers);
        CounterWithCallback.builder().name("rtc_stun_server_dropped_total")
                .help("Messages not answered, by reason").labelNames("reason")
                .callback(cb -> {
                    for (DropReason r : DropReason.values()) {
                        cb.call(c.dropped(r), r.label());
                    }
                }).register(registry);
        CounterWithCallback.builder().name("rtc_stun_server_udp_receive_calls_total")
                .help("System calls that took UDP datagrams, one or a batch each (requests over calls: the batch)")
                .callback(cb -> cb.call(c.sum(s -> s.counters().udpReceiveCalls()))).register(registry);
        CounterWithCallback.builder().name("rtc_stun_server_rate_limited_sources_total")
                .help("Times a source address went over its rate and was no longer answered")
                .callback(cb -> cb.call(c.limitedSources())).register(registry);
        CounterWithCallback.builder().name("rtc_stun_server_rate_limit_evictions_total")
                .help("Sources pushed out of the rate limiter's table by new ones")
                .callback(cb -> cb.call(c.evictions())).register(registry);
        GaugeWithCallback.builder().name("rtc_stun_server_rate_limit_sources")
                .help("Source addresses the rate limiter remembers now")
                .callback(cb -> cb.call(c.size())).register(registry);
        GaugeWithCallback.builder().name("rtc_stun_server_rate_limit_capacity")
                .help("Fixed size of the rate limiter's table (0: no limit)")
                .callback(cb -> cb.call(c.capacity())).register(registry);
        GaugeWithCallback.builder().name("rtc_stun_server_stream_connections")
                .help("TCP and TLS connections open now")
                .callback(cb -> cb.call(c.openConnections())).register(registry);
        try {
            return new ServerMetrics(HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                    .registry(registry).buildAndStart());
        } catch (IOException e) {
            throw RtcException.failure("cannot serve metrics on " + BindingResponder.format(address) + ": "
                    + e.getMessage());
        }
    }

    private static void perTransport(PrometheusRegistry registry, String name, String help,
                                     java.util.function.IntToLongFunction value) {
        CounterWithCallback.builder().name(name).help(help).labelNames("transport")
                .callback(cb -> {
                    for (int t = 0; t < ServerCounters.TRANSPORTS.length; t++) {
                        cb.call(value.applyAsLong(t), ServerCounters.TRANSPORTS[t]);
                    }
                }).register(registry);
    }

    /** The counters of several servers added up, read at scrape time. */
    private record Sum(List<StunServer> servers) {
        private long sum(ToLongFunction<StunServer> f) {
            long n = 0;
            for (StunServer s : servers) {
                n += f.applyAsLong(s);
            }
            return n;
        }

        long requests(int t) {
            return sum(s -> s.counters().requests(t));
        }

        long answers(int t) {
            return sum(s -> s.counters().answers(t));
        }

        long dropped(DropReason r) {
            return sum(s -> s.counters().dropped(r));
        }

        long limitedSources() {
            return sum(s -> s.limiter().limitedSources());
        }

        long evictions() {
            return sum(s -> s.limiter().evictions());
        }

        long size() {
            return sum(s -> s.limiter().size());
        }

        long capacity() {
            return sum(s -> s.limiter().capacity());
        }

        long openConnections() {
            return sum(StunServer::openConnections);
        }
    }

    /** The port the metrics are served on (the one asked for, or the one picked for port 0). */
    public int port() {
        return http.getPort();
    }

    @Override
    public void close() {
        http.close();
    }
}
