package dev.rtc.server;

import dev.rtc.RtcException;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;

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
        PrometheusRegistry registry = new PrometheusRegistry();
        ServerCounters c = server.counters();
        RateLimiter limiter = server.limiter();
        CounterWithCallback.builder().name("rtc_stun_server_requests_total")
                .help("Messages received, by transport").labelNames("transport")
                .callback(cb -> {
                    for (int t = 0; t < ServerCounters.TRANSPORTS.length; t++) {
                        cb.call(c.requests(t), ServerCounters.TRANSPORTS[t]);
                    }
                }).register(registry);
        CounterWithCallback.builder().name("rtc_stun_server_answers_total")
                .help("Binding responses sent (success and error), by transport").labelNames("transport")
                .callback(cb -> {
                    for (int t = 0; t < ServerCounters.TRANSPORTS.length; t++) {
                        cb.call(c.answers(t), ServerCounters.TRANSPORTS[t]);
                    }
                }).register(registry);
        CounterWithCallback.builder().name("rtc_stun_server_dropped_total")
                .help("Messages not answered, by reason").labelNames("reason")
                .callback(cb -> {
                    for (DropReason r : DropReason.values()) {
                        cb.call(c.dropped(r), r.label());
                    }
                }).register(registry);
        CounterWithCallback.builder().name("rtc_stun_server_rate_limited_sources_total")
                .help("Times a source address went over its rate and was no longer answered")
                .callback(cb -> cb.call(limiter.limitedSources())).register(registry);
        CounterWithCallback.builder().name("rtc_stun_server_rate_limit_evictions_total")
                .help("Sources pushed out of the rate limiter's table by new ones")
                .callback(cb -> cb.call(limiter.evictions())).register(registry);
        GaugeWithCallback.builder().name("rtc_stun_server_rate_limit_sources")
                .help("Source addresses the rate limiter remembers now")
                .callback(cb -> cb.call(limiter.size())).register(registry);
        GaugeWithCallback.builder().name("rtc_stun_server_rate_limit_capacity")
                .help("Fixed size of the rate limiter's table (0: no limit)")
                .callback(cb -> cb.call(limiter.capacity())).register(registry);
        GaugeWithCallback.builder().name("rtc_stun_server_stream_connections")
                .help("TCP and TLS connections open now")
                .callback(cb -> cb.call(server.openConnections())).register(registry);
        try {
            return new ServerMetrics(HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                    .registry(registry).buildAndStart());
        } catch (IOException e) {
            throw RtcException.failure("cannot serve metrics on " + BindingResponder.format(address) + ": "
                    + e.getMessage());
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
