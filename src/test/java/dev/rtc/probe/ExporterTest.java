package dev.rtc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.net.Clock;
import dev.rtc.net.Coturn;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP exporter against a real coturn on 127.0.0.1: scrapes of /probe (deadline from the scrape header, 400s
 * with one-line bodies, OpenMetrics by Accept), /metrics, the status page, health, reload by POST and by SIGHUP
 * (on a real rtc process), and the --max-concurrent bound.
 */
class ExporterTest {
    private static Coturn coturn;
    @TempDir
    static Path dir;
    private static Path config;
    private static Exporter exporter;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final String CONFIG = """
            modules:
              stun:
                prober: stun
                timeout: 5s
              turn_udp:
                prober: turn
                credentials: {username: alice, password_file: pw}
            """;

    @BeforeAll
    static void start() throws Exception {
        coturn = Coturn.withUser("alice", "wonderland", 20);
        Files.writeString(dir.resolve("pw"), "wonderland\n");
        config = dir.resolve("probe.yml");
        Files.writeString(config, CONFIG);
        exporter = new Exporter(ConfigReader.read(config, k -> null), () -> ConfigReader.read(config, k -> null),
                2, Clock.system(), "rtc test");
        exporter.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() throws Exception {
        if (exporter != null) {
            exporter.close();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + exporter.address().getPort();
    }

    static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String probe(String module, String target) {
        return "/probe?module=" + module + "&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    private static String plain() {
        return "127.0.0.1:" + coturn.address().getPort();
    }

    @Test
    void probesAndAnswersInTheFormatAskedFor() throws Exception {
        HttpResponse<String> r = get(probe("turn_udp", plain()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(r.body()).contains("rtc_probe_success 1.0")
                .contains("rtc_probe_phase_duration_seconds{phase=\"allocate\"}")
                .contains("rtc_turn_allocation_lifetime_seconds 600.0");
        HttpResponse<String> om = get(probe("stun", "stun:" + plain()),
                "Accept", "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;q=0.5");
        assertThat(om.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
        assertThat(om.body()).contains("rtc_probe_success 1.0").endsWith("# EOF\n");
    }

    @Test
    void badScrapesGetOneLine400s() throws Exception {
        Map<String, String> cases = Map.of(
                "/probe?target=" + plain(), "the module parameter is missing (module=NAME; have: stun, turn_udp)\n",
                "/probe?module=nope&target=" + plain(), "unknown module 'nope' (have: stun, turn_udp)\n",
                "/probe?module=stun", "the target is missing (target=HOST[:PORT] or a stun:/turn: URI)\n",
                "/probe?module=stun&target=" + URLEncoder.encode("stun://x", StandardCharsets.UTF_8),
                "server URI 'stun://x' has '//' after the scheme (RFC 7064/7065 URIs are written 'turn:host', not"
                        + " 'turn://host')\n",
                "/probe?module=stun&target=127.0.0.1:99999", "server URI 'stun:127.0.0.1:99999' has the port 99999,"
                        + " outside 1..65535\n");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = get(c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(r.body()).as(c.getKey()).isEqualTo(c.getValue());
        }
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(get("/metrics").body()).containsPattern("rtc_exporter_bad_requests_total [1-9]");
    }

    @Test
    void scrapeDeadlineCutsASilentTarget() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long start = System.nanoTime();
            HttpResponse<String> r = get(probe("stun", "127.0.0.1:" + silent.getLocalPort()),
                    "X-Prometheus-Scrape-Timeout-Seconds", "1.5");
            double took = (System.nanoTime() - start) / 1e9;
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("rtc_probe_success 0.0").contains("cause=\"timeout\"");
            assertThat(took).as("answered within the scrape timeout").isLessThan(1.5);
        }
        assertThat(Exporter.deadline("10", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(Exporter.deadline("3", Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(2500));
        assertThat(Exporter.deadline("0.6", Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(300));
        assertThat(Exporter.deadline("junk", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void statusPageHealthAndOwnMetrics() throws Exception {
        get(probe("turn_udp", plain()));
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<td>turn_udp</td>").contains("turn:" + plain())
                .doesNotContain("wonderland");
        HttpResponse<String> healthy = get("/-/healthy");
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("Healthy\n");
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("rtc_exporter_probes_total{module=\"turn_udp\",result=\"success\"}")
                .contains("rtc_exporter_probe_duration_seconds_bucket{module=\"turn_udp\"")
                .contains("jvm_memory_used_bytes").contains("rtc_exporter_probes_in_flight");
    }

    @Test
    void moreScrapesThanSlotsGet503() throws Exception {
        List<DatagramSocket> silent = new ArrayList<>();
        try {
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                silent.add(s);
                slow.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base()
                        + probe("stun", "127.0.0.1:" + s.getLocalPort())))
                        .header("X-Prometheus-Scrape-Timeout-Seconds", "4").build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(500);
            HttpResponse<String> third = get(probe("stun", plain()));
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.body()).isEqualTo("2 probes are running (--max-concurrent); try again\n");
            for (CompletableFuture<HttpResponse<String>> f : slow) {
                assertThat(f.get().body()).contains("rtc_probe_success 0.0");
            }
            assertThat(get("/metrics").body()).containsPattern("rtc_exporter_scrapes_rejected_total [1-9]");
        } finally {
            silent.forEach(DatagramSocket::close);
        }
    }

    @Test
    void reloadByPostKeepsTheOldConfigWhenTheNewOneIsBad() throws Exception {
        Path saved = dir.resolve("saved.yml");
        Files.copy(config, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.writeString(config, CONFIG + "  extra:\n    prober: stun\n");
            HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("reloaded: 3 modules\n");
            assertThat(get(probe("extra", plain())).body()).contains("rtc_probe_success 1.0");
            Files.writeString(config, "modules:\n  broken:\n    prober: sctp\n");
            HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(500);
            assertThat(bad.body()).isEqualTo("reload failed, the previous config stays: " + config
                    + ":3: modules.broken.prober: expected stun, turn or ice-loopback, not 'sctp'\n");
            assertThat(get(probe("extra", plain())).statusCode()).isEqualTo(200);
            assertThat(get("/-/reload").statusCode()).isEqualTo(405);
        } finally {
            Files.copy(saved, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            exporter.reload();
        }
    }

    @Test
    void sighupReloadsARunningExporter() throws Exception {
        Path own = dir.resolve("hup.yml");
        Files.writeString(own, "modules:\n  first:\n    prober: stun\n");
        int port = FreePorts.on("127.0.0.1");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ExternalProcess p = ExternalProcess.start(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.rtc.Main", "probe", "--listen", "127.0.0.1:" + port, "--config", own.toString()))) {
            assertThat(p.awaitLog("listening on", Duration.ofSeconds(20))).as(p.log()).isTrue();
            Files.writeString(own, "modules:\n  first:\n    prober: stun\n  second:\n    prober: stun\n");
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            assertThat(p.awaitLog("reloaded " + own + ": 2 modules", Duration.ofSeconds(10))).as(p.log()).isTrue();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + probe("second", plain()))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("rtc_probe_success 1.0");
        }
    }
}
