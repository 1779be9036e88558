package dev.rtc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rtc.net.Clock;
import dev.rtc.net.Coturn;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import dev.rtc.testing.Requires;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/prometheus/ against a real Prometheus (Debian's package) on loopback: the exporter runs the sample's
 * module config (plus two test modules) against a real coturn, Prometheus scrapes it with a config derived from
 * the sample's (its relabelling kept; targets, addresses and intervals made local), and its HTTP API must show
 * success 1 for the healthy STUN, TURN UDP, TCP and TLS targets and 0 with the right cause for a wrong password,
 * a dead port and a silent server (within the scrape timeout). promtool checks the exporter's metrics, a probe's
 * answer and the sample rules; every dashboard query must be valid PromQL.
 */
class PrometheusSampleTest {
    private static final Path SAMPLES = Path.of("samples/prometheus");
    private static final String PASSWORD = "probe-pw-" + ProcessHandle.current().pid();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path dir;
    private static Coturn coturn;
    private static Exporter exporter;
    private static ExternalProcess prometheus;
    private static int prometheusPort;
    private static DatagramSocket silent;
    private static int deadPort;
    private static final Map<String, String> TARGETS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Requires.commands("prometheus", "promtool", "turnserver");
        coturn = Coturn.withUser("rtc-probe", PASSWORD, 60);
        Files.writeString(dir.resolve("wrong"), "not-the-password\n");
        String modules = Files.readString(SAMPLES.resolve("rtc-probe.yml")) + """

                  turns_test:
                    prober: turn
                    transport: tls
                    credentials: {username: rtc-probe, password_env: RTC_TURN_PASSWORD}
                    tls: {ca_file: %s, sni: localhost}
                  wrong_password:
                    prober: turn
                    credentials: {username: rtc-probe, password_file: wrong}
                """.formatted(coturn.certificate());
        Path moduleFile = dir.resolve("rtc-probe.yml");
        Files.writeString(moduleFile, modules);
        Map<String, String> env = Map.of("RTC_TURN_PASSWORD", PASSWORD);
        exporter = new Exporter(ConfigReader.read(moduleFile, env::get), () -> ConfigReader.read(moduleFile, env::get),
                16, Clock.system(), "rtc test");
        exporter.start(new InetSocketAddress("127.0.0.1", 0));

        silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            deadPort = s.getLocalPort();
        }
        String plain = "127.0.0.1:" + coturn.address().getPort();
        TARGETS.put("stun|" + plain, "1");
        TARGETS.put("turn_udp|" + plain, "1");
        TARGETS.put("turn_tcp|" + plain, "1");
        TARGETS.put("turns_test|127.0.0.1:" + coturn.tlsAddress().getPort(), "1");
        TARGETS.put("wrong_password|" + plain, "auth_rejected");
        TARGETS.put("turn_tcp|127.0.0.1:" + deadPort, "unreachable");
        TARGETS.put("stun|127.0.0.1:" + silent.getLocalPort(), "timeout");

        prometheusPort = FreePorts.on("127.0.0.1");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, derivedConfig());
        prometheus = ExternalProcess.start(List.of(Requires.which("prometheus"), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--web.enable-lifecycle"));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ready()) {
            assertThat(prometheus.alive()).as(prometheus.log()).isTrue();
            assertThat(System.nanoTime()).as("Prometheus ready within 30 s: " + prometheus.log()).isLessThan(end);
            Thread.sleep(200);
        }
    }

    /** The sample's prometheus.yml with its relabelling kept, scraping this test's targets through this exporter. */
    private static String derivedConfig() throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(SAMPLES.resolve("prometheus.yml").toFile());
        ObjectNode global = (ObjectNode) root.get("global");
        global.put("scrape_interval", "2s");
        global.put("scrape_timeout", "2s");
        ArrayNode rules = root.putArray("rule_files");
        rules.add(SAMPLES.resolve("rtc-probe-rules.yml").toAbsolutePath().toString());
        String exporterAddress = "127.0.0.1:" + exporter.address().getPort();
        for (JsonNode job : root.get("scrape_configs")) {
            ObjectNode j = (ObjectNode) job;
            if (j.get("job_name").asText().equals("rtc-probe")) {
                ArrayNode groups = j.putArray("static_configs");
                Map<String, List<String>> byModule = new LinkedHashMap<>();
                for (String key : TARGETS.keySet()) {
                    String[] mt = key.split("\\|");
                    byModule.computeIfAbsent(mt[0], k -> new ArrayList<>()).add(mt[1]);
                }
                byModule.forEach((module, targets) -> {
                    ObjectNode g = groups.addObject();
                    ArrayNode t = g.putArray("targets");
                    targets.forEach(t::add);
                    g.putObject("labels").put("module", module);
                });
                int replaced = 0;
                for (JsonNode rule : j.get("relabel_configs")) {
                    if (rule.path("target_label").asText().equals("__address__")) {
                        ((ObjectNode) rule).put("replacement", exporterAddress);
                        replaced++;
                    }
                }
                assertThat(replaced).as("the sample sends scrapes to the exporter with one relabel rule").isOne();
            } else {
                ArrayNode groups = j.putArray("static_configs");
                groups.addObject().putArray("targets").add(exporterAddress);
            }
        }
        return YAML.writeValueAsString(root);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.close();
        }
        if (silent != null) {
            silent.close();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    private static boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + "/-/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static JsonNode query(String promql) throws Exception {
        String url = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode doc = new ObjectMapper().readTree(r.body());
        assertThat(doc.path("status").asText()).as(promql + ": " + r.body()).isEqualTo("success");
        return doc.path("data").path("result");
    }

    /** instance -> value of a query, once it has a series for every target (or the time is up). */
    private static Map<String, String> byInstance(String promql, String label, int expected) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        Map<String, String> out = new HashMap<>();
        while (System.nanoTime() < end) {
            out.clear();
            for (JsonNode s : query(promql)) {
                String key = s.path("metric").path("module").asText() + "|" + s.path("metric").path("instance").asText();
                out.put(key, label == null ? s.path("value").get(1).asText() : s.path("metric").path(label).asText());
            }
            if (out.size() >= expected) {
                return out;
            }
            Thread.sleep(500);
        }
        return out;
    }

    @Test
    void prometheusSeesSuccessAndCauses() throws Exception {
        Map<String, String> success = byInstance("rtc_probe_success", null, TARGETS.size());
        Map<String, String> causes = byInstance("rtc_probe_failure_info", "cause", 3);
        for (Map.Entry<String, String> t : TARGETS.entrySet()) {
            if (t.getValue().equals("1")) {
                assertThat(success.get(t.getKey())).as(t.getKey() + " " + causes).isEqualTo("1");
            } else {
                assertThat(success.get(t.getKey())).as(t.getKey()).isEqualTo("0");
                assertThat(causes.get(t.getKey())).as(t.getKey()).isEqualTo(t.getValue());
            }
        }
        // every scrape came back within Prometheus's timeout, the silent target's too
        Map<String, String> up = byInstance("up{job=\"rtc-probe\"}", null, TARGETS.size());
        assertThat(up.values()).containsOnly("1");
        Map<String, String> phases = byInstance("rtc_probe_phase_duration_seconds{phase=\"allocate\"}", null, 3);
        assertThat(phases).containsKeys("turn_udp|127.0.0.1:" + coturn.address().getPort());
        assertThat(byInstance("rtc_tls_certificate_not_after_timestamp_seconds", null, 1)).isNotEmpty();
        assertThat(byInstance("rtc_turn_relay_loss_ratio", null, 1))
                .containsEntry("turn_udp|127.0.0.1:" + coturn.address().getPort(), "0");
    }

    @Test
    void everyDashboardQueryIsValidPromql() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(SAMPLES.resolve("grafana-dashboard.json").toFile());
        int n = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText().replace("$instance", ".*");
                assertThat(query(expr).isArray()).as(expr).isTrue();
                n++;
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(8);
    }

    @Test
    void promtoolFindsNoProblemInTheMetricsOrTheRules() throws Exception {
        String base = "http://127.0.0.1:" + exporter.address().getPort();
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String probe = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/probe?module=turn_udp&target=127.0.0.1:"
                + coturn.address().getPort())).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(probe).contains("rtc_probe_success 1");
        String failed = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/probe?module=wrong_password&target=127.0.0.1:"
                + coturn.address().getPort())).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String body : List.of(metrics, probe, failed)) {
            Path f = Files.createTempFile(dir, "metrics", ".txt");
            Files.writeString(f, body);
            Process p = new ProcessBuilder(Requires.which("promtool"), "check", "metrics").redirectErrorStream(true)
                    .redirectInput(f.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(out).isEmpty();
        }
        Process rules = new ProcessBuilder(Requires.which("promtool"), "check", "rules",
                SAMPLES.resolve("rtc-probe-rules.yml").toString()).redirectErrorStream(true).start();
        String out = new String(rules.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rules.waitFor()).as(out).isZero();
        assertThat(out).contains("SUCCESS: 3 rules found");
    }
}
