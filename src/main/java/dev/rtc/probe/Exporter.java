package dev.rtc.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rtc.ice.IceServerUri;
import dev.rtc.net.Clock;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP exporter, in the pattern of Prometheus's blackbox exporter: {@code /probe?module=&target=} runs that
 * module against the target within the scrape's deadline and answers with the probe's metrics; {@code /metrics}
 * has the exporter's own; {@code /} lists the last probes; {@code /-/healthy}; {@code POST /-/reload} rereads the
 * config. At most {@code maxConcurrent} probes run at once (a probe holds its slot until its sockets are closed);
 * a scrape that finds no free slot within {@link #SLOT_WAIT} is answered 503, so a flood of scrapes cannot open
 * more sockets.
 */
public final class Exporter implements AutoCloseable {
    /** Taken off the scrape timeout Prometheus announces, for the answer to travel back. */
    public static final Duration SCRAPE_MARGIN = Duration.ofMillis(500);
    /** How long a scrape waits for a free probe slot before it is answered 503. */
    public static final Duration SLOT_WAIT = Duration.ofSeconds(1);
    private static final int RECENT = 100;

    /** Reads the config again (for reloads). */
    public interface ConfigSource {
        ProbeConfig load() throws ConfigException;
    }

    private final ConfigSource source;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final Clock clock;
    private final String version;
    private final ExporterMetrics metrics = new ExporterMetrics();
    private final ArrayDeque<ProbeResult> recent = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService runs;
    private final ExecutorService handlers;
    private final Prober prober;
    private volatile ProbeConfig config;
    private HttpServer server;

    public Exporter(ProbeConfig config, ConfigSource source, int maxConcurrent, Clock clock, String version) {
        this.config = config;
        this.source = source;
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent);
        this.clock = clock;
        this.version = version;
        this.runs = Executors.newFixedThreadPool(maxConcurrent, daemon("rtc-probe-run"));
        // handlers wait for slots at most SLOT_WAIT, then probe within the deadline: a few more than the slots
        // keep 503s quick while every slot is busy
        this.handlers = Executors.newFixedThreadPool(maxConcurrent + 8, daemon("rtc-probe-http"));
        this.prober = new Prober(clock, runs);
    }

    /** Starts listening; the address actually bound is {@link #address()}. */
    public void start(InetSocketAddress listen) throws IOException {
        server = HttpServer.create(listen, 128);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Rereads the config; on error the running config stays and the message (one line) is thrown. */
    public synchronized ProbeConfig reload() throws ConfigException {
        try {
            ProbeConfig c = source.load();
            config = c;
            metrics.reloads.labelValues("success").inc();
            metrics.lastReloadOk.set(1);
            return c;
        } catch (ConfigException e) {
            metrics.reloads.labelValues("failure").inc();
            metrics.lastReloadOk.set(0);
            throw e;
        }
    }

    /** Blocks until {@link #close()}. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        handlers.shutdownNow();
        runs.shutdown();
        closed.countDown();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            switch (path) {
                case "/probe" -> probe(x);
                case "/metrics" -> get(x, () -> metricsAnswer(x, metrics.registry.scrape()));
                case "/" -> get(x, () -> send(x, 200, "text/html; charset=utf-8", StatusPage.render(config,
                        recent(), version).getBytes(StandardCharsets.UTF_8)));
                case "/-/healthy" -> get(x, () -> text(x, 200, "Healthy"));
                case "/-/reload" -> reload(x);
                default -> text(x, 404, "no such page: " + path + " (try /, /probe, /metrics)");
            }
        } catch (IOException e) {
            // the scraper went away before the answer; nothing to tell it
        }
    }

    private interface Answer {
        void send() throws IOException;
    }

    private static void get(HttpExchange x, Answer answer) throws IOException {
        String m = x.getRequestMethod();
        if (!m.equals("GET") && !m.equals("HEAD")) {
            x.getResponseHeaders().set("Allow", "GET");
            text(x, 405, m + " is not allowed here; use GET");
            return;
        }
        answer.send();
    }

    private void reload(HttpExchange x) throws IOException {
        if (!x.getRequestMethod().equals("POST")) {
            x.getResponseHeaders().set("Allow", "POST");
            text(x, 405, "reload with POST");
            return;
        }
        try {
            ProbeConfig c = reload();
            text(x, 200, "reloaded: " + c.modules().size() + " modules");
        } catch (ConfigException e) {
            text(x, 500, "reload failed, the previous config stays: " + e.getMessage());
        }
    }

    private void probe(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        ProbeConfig c = config;
        String name = q.get("module");
        if (name == null || name.isEmpty()) {
            bad(x, "the module parameter is missing (module=NAME; have: " + String.join(", ", c.modules().keySet())
                    + ")");
            return;
        }
        ProbeModule module = c.module(name).orElse(null);
        if (module == null) {
            bad(x, "unknown module '" + oneLine(name) + "' (have: " + String.join(", ", c.modules().keySet()) + ")");
            return;
        }
        IceServerUri uri;
        try {
            uri = ProbeTarget.resolve(module, q.get("target"));
        } catch (IllegalArgumentException e) {
            bad(x, oneLine(e.getMessage()));
            return;
        }
        Duration deadline = deadline(x.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds"),
                module.timeout());
        long start = clock.nanoTime();
        boolean got;
        try {
            got = slots.tryAcquire(Math.min(SLOT_WAIT.toNanos(), deadline.toNanos() / 4), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!got) {
            metrics.rejected.inc();
            text(x, 503, maxConcurrent + " probes are running (--max-concurrent); try again");
            return;
        }
        metrics.inFlight.inc();
        Runnable release = () -> {
            metrics.inFlight.dec();
            slots.release();
        };
        ProbeResult r;
        try {
            r = prober.probe(module, uri, deadline.minusNanos(clock.nanoTime() - start), release);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        metrics.probed(r);
        remember(r);
        metricsAnswer(x, ProbeMetrics.of(r));
    }

    /** The scrape's deadline: Prometheus's timeout less a margin, or the module's own timeout when that is less. */
    static Duration deadline(String header, Duration moduleTimeout) {
        if (header == null) {
            return moduleTimeout;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(header.strip());
        } catch (NumberFormatException e) {
            return moduleTimeout;
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            return moduleTimeout;
        }
        Duration scrape = Duration.ofNanos((long) Math.min(seconds * 1e9, 3600e9));
        Duration less = scrape.minus(SCRAPE_MARGIN);
        if (less.compareTo(scrape.dividedBy(2)) < 0) {
            less = scrape.dividedBy(2);
        }
        return less.compareTo(moduleTimeout) < 0 ? less : moduleTimeout;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v,
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.putIfAbsent(k, "\u0000");
            }
        }
        return out;
    }

    private void metricsAnswer(HttpExchange x, MetricSnapshots snapshots) throws IOException {
        ExpositionFormatWriter w = ProbeMetrics.writer(x.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream(2048);
        w.write(buf, snapshots);
        send(x, 200, w.getContentType(), buf.toByteArray());
    }

    private void bad(HttpExchange x, String message) throws IOException {
        metrics.badRequests.inc();
        text(x, 400, message);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\p{Cntrl}]", "?");
    }

    private static void text(HttpExchange x, int status, String line) throws IOException {
        send(x, status, "text/plain; charset=utf-8", (line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void remember(ProbeResult r) {
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(r);
        }
    }

    private List<ProbeResult> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
