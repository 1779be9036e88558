package dev.rtc.probe;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * A probe's result as Prometheus metrics (one registry per probe, as a scrape of {@code /probe} answers with that
 * probe only). Names and units follow Prometheus conventions; labels are few and fixed (phase, cause, software).
 */
public final class ProbeMetrics {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private ProbeMetrics() {
    }

    /** The metrics of one probe. */
    public static MetricSnapshots of(ProbeResult r) {
        PrometheusRegistry registry = new PrometheusRegistry();
        gauge(registry, "rtc_probe_success", "1 when the probe succeeded, 0 when it failed", r.success() ? 1 : 0);
        gauge(registry, "rtc_probe_duration_seconds", "How long the probe took",
                r.duration().toNanos() / 1e9);
        if (!r.phases().isEmpty()) {
            Gauge phase = Gauge.builder().name("rtc_probe_phase_duration_seconds")
                    .help("Time spent in each phase of the probe").labelNames("phase").register(registry);
            for (Map.Entry<String, Double> e : r.phases().entrySet()) {
                phase.labelValues(e.getKey()).set(e.getValue());
            }
        }
        if (r.cause() != null) {
            Info.builder().name("rtc_probe_failure_info").help("Why the probe failed").labelNames("cause")
                    .register(registry).addLabelValues(r.cause().label());
        }
        optional(registry, "rtc_stun_rtt_seconds", "Round-trip time of the first STUN transaction",
                r.stunRttSeconds());
        optional(registry, "rtc_turn_relay_loss_ratio", "Share of packets sent through the relay that did not come"
                + " back", r.relayLossRatio());
        optional(registry, "rtc_turn_relay_rtt_seconds", "Average round-trip time of packets through the relay",
                r.relayRttSeconds());
        optional(registry, "rtc_turn_allocation_lifetime_seconds", "LIFETIME the TURN server granted",
                r.allocationLifetimeSeconds() == null ? null : r.allocationLifetimeSeconds().doubleValue());
        optional(registry, "rtc_tls_certificate_not_after_timestamp_seconds", "When the server's TLS certificate"
                + " expires (Unix time)", r.certificateNotAfter() == null ? null
                : (double) r.certificateNotAfter().getEpochSecond());
        if (r.software() != null && !r.software().isBlank()) {
            Info.builder().name("rtc_server_software_info").help("The SOFTWARE the server announced")
                    .labelNames("software").register(registry).addLabelValues(software(r.software()));
        }
        return registry.scrape();
    }

    /** SOFTWARE is the server's free text: kept short and printable so a label cannot grow without bound. */
    static String software(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(128).forEach(sb::appendCodePoint);
        return sb.toString().strip();
    }

    private static void gauge(PrometheusRegistry registry, String name, String help, double value) {
        Gauge.builder().name(name).help(help).register(registry).set(value);
    }

    private static void optional(PrometheusRegistry registry, String name, String help, Double value) {
        if (value != null) {
            gauge(registry, name, help, value);
        }
    }

    /** The writer for an Accept header (text format when absent; OpenMetrics when asked for). */
    public static ExpositionFormatWriter writer(String accept) {
        return FORMATS.findWriter(accept);
    }

    /** Writes in the Prometheus text format (what {@code --once} prints for the textfile collector). */
    public static void writeText(OutputStream out, MetricSnapshots metrics) throws IOException {
        FORMATS.getPrometheusTextFormatWriter().write(out, metrics);
    }
}
