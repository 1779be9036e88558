package dev.rtc.probe;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The exporter's {@code /} page: the modules and the last probes with their results. It shows what a scrape
 * asked and what came back, never a credential (results hold none).
 */
final class StatusPage {
    private StatusPage() {
    }

    static String render(ProbeConfig config, List<ProbeResult> recent, String version) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>rtc probe</title>\n")
                .append("<style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:left}")
                .append(".ok{color:#060}.fail{color:#a00}</style></head><body>\n")
                .append("<h1>rtc probe</h1>\n<p>").append(esc(version)).append(" &middot; <a href=\"/metrics\">")
                .append("metrics</a> &middot; probe: <code>/probe?module=NAME&amp;target=URI</code></p>\n")
                .append("<h2>Modules</h2>\n<table><tr><th>module</th><th>prober</th><th>transport</th>")
                .append("<th>timeout</th></tr>\n");
        for (ProbeModule m : config.modules().values()) {
            sb.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(m.prober().text())
                    .append("</td><td>").append(m.transport().lower()).append("</td><td>")
                    .append(m.timeout().toMillis() / 1000.0).append(" s</td></tr>\n");
        }
        sb.append("</table>\n<h2>Recent probes</h2>\n<table><tr><th>time (UTC)</th><th>module</th><th>target</th>")
                .append("<th>result</th><th>duration</th><th>why</th></tr>\n");
        DateTimeFormatter time = DateTimeFormatter.ISO_INSTANT;
        for (int i = recent.size() - 1; i >= 0; i--) {
            ProbeResult r = recent.get(i);
            sb.append("<tr><td>").append(time.format(r.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                    .append("</td><td>").append(esc(r.module())).append("</td><td>").append(esc(r.target()))
                    .append("</td><td class=\"").append(r.success() ? "ok\">success" : "fail\">failure")
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.3f s", r.duration().toNanos() / 1e9))
                    .append("</td><td>").append(r.cause() == null ? "" : esc(r.cause().label()
                            + (r.detail() == null ? "" : ": " + r.detail()))).append("</td></tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
