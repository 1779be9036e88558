package dev.rtc.probe;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The exporter's own metrics on {@code /metrics}: probes run by module and result, their durations, probes in
 * flight, scrapes turned away, config reloads, and the JVM basics. The module label takes only names from the
 * config (unknown modules are refused before anything is counted), so its cardinality is the config's.
 */
final class ExporterMetrics {
    final PrometheusRegistry registry = new PrometheusRegistry();
    final Counter probes = Counter.builder().name("rtc_exporter_probes_total")
            .help("Probes run, by module and result (success or failure)").labelNames("module", "result")
            .register(registry);
    final Histogram durations = Histogram.builder().name("rtc_exporter_probe_duration_seconds")
            .help("How long probes took, by module").labelNames("module").classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(registry);
    final Gauge inFlight = Gauge.builder().name("rtc_exporter_probes_in_flight")
            .help("Probes whose sockets are still open").register(registry);
    final Counter rejected = Counter.builder().name("rtc_exporter_scrapes_rejected_total")
            .help("Scrapes answered 503 because --max-concurrent probes were already running").register(registry);
    final Counter badRequests = Counter.builder().name("rtc_exporter_bad_requests_total")
            .help("Scrapes answered 400 (unknown module, missing or malformed target)").register(registry);
    final Counter reloads = Counter.builder().name("rtc_exporter_config_reloads_total")
            .help("Config reloads, by result (success or failure)").labelNames("result").register(registry);
    final Gauge lastReloadOk = Gauge.builder().name("rtc_exporter_config_last_reload_successful")
            .help("1 when the last config (re)load succeeded").register(registry);

    ExporterMetrics() {
        JvmMetrics.builder().register(registry);
        lastReloadOk.set(1);
        for (String r : new String[] {"success", "failure"}) {
            reloads.labelValues(r);
        }
    }

    void probed(ProbeResult r) {
        probes.labelValues(r.module(), r.success() ? "success" : "failure").inc();
        durations.labelValues(r.module()).observe(r.duration().toNanos() / 1e9);
    }
}
