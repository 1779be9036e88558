package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.ice.IceServerUri;
import dev.rtc.net.Addresses;
import dev.rtc.net.Clock;
import dev.rtc.probe.Exporter;
import dev.rtc.probe.ConfigException;
import dev.rtc.probe.ConfigReader;
import dev.rtc.probe.ProbeConfig;
import dev.rtc.probe.ProbeMetrics;
import dev.rtc.probe.ProbeModule;
import dev.rtc.probe.ProbeResult;
import dev.rtc.probe.ProbeTarget;
import dev.rtc.probe.Prober;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rtc probe}: STUN/TURN checks as Prometheus metrics, once (cron, textfile collector) or as an exporter. */
@Command(name = "probe",
        description = {
                "Checks STUN and TURN servers from outside, as a client sees them, and reports the result as"
                        + " Prometheus metrics: whether the check succeeded (rtc_probe_success), how long it and"
                        + " each phase took (dns, connect, tls, first_response, allocate, relay_check, ice), why it"
                        + " failed (rtc_probe_failure_info{cause}: dns, unreachable, timeout, tls, auth_rejected,"
                        + " stale_nonce, forbidden, quota, capacity, redirected, bad_response, error, require,"
                        + " relay_check, ice), the STUN RTT, relay loss and RTT, the allocation's LIFETIME, when the"
                        + " TLS certificate expires and the server's SOFTWARE.",
                "Modules (what to check and how) come from a YAML file (--config): prober stun, turn or"
                        + " ice-loopback (the turn checks, then two ICE agents with only relay candidates on the"
                        + " target connecting to each other through it),"
                        + " transport, timeout, credentials (password_file, password_env or a REST-API"
                        + " secret_file; never inline), require, check_relay, tls (ca_file, sni, insecure),"
                        + " family. Without --config the modules 'stun' and 'turn' (no credentials) exist.",
                "--once probes one target and prints the metrics in the Prometheus text format.",
                "--listen runs the exporter, in the pattern of Prometheus's blackbox exporter:"
                        + " GET /probe?module=NAME&target=URI probes within the scrape's deadline (the"
                        + " X-Prometheus-Scrape-Timeout-Seconds header less 0.5 s, or the module's timeout when"
                        + " smaller) and answers with that probe's metrics (text or OpenMetrics, as the Accept"
                        + " header asks); GET /metrics has the exporter's own metrics (probes by module and"
                        + " result, durations, JVM); GET / lists the last probes; GET /-/healthy; POST /-/reload"
                        + " or SIGHUP rereads the config (a bad one is refused and the running one stays). At most"
                        + " --max-concurrent probes run at once; a scrape that finds no free slot within a second"
                        + " gets 503. An unknown module or a missing or malformed target gets 400 with a one-line"
                        + " body. Ctrl-C stops it."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
                "  rtc probe --config probe.yml --config-check",
                "  rtc probe --listen 127.0.0.1:9799 --config probe.yml",
                "  curl '127.0.0.1:9799/probe?module=turn_udp&target=turn.example.org'",
                "  rtc probe --once --module stun --target stun:127.0.0.1",
                "  # node_exporter's textfile collector, from cron:",
                "  rtc probe --once --config probe.yml --module turn_udp \\",
                "      --target turn.example.org > turn.prom.tmp; mv turn.prom.tmp turn.prom",
                "",
                "Exit codes:",
                "  0  the config is valid (--config-check); the probe succeeded (--once);",
                "     stopped by Ctrl-C (--listen)",
                "  1  the probe failed (--once: the metrics say why); the address cannot be",
                "     bound (--listen)",
                "  2  usage: bad option, bad config (line and field named), unknown module, bad target"})
public final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The module config (YAML).")
    Path config;

    @Option(names = "--config-check", description = "Check the config, print its modules and exit.")
    boolean configCheck;

    @Option(names = "--once", description = "Probe --target with --module once and print the metrics.")
    boolean once;

    @Option(names = "--module", paramLabel = "NAME", description = "The module --once runs.")
    String module;

    @Option(names = "--target", paramLabel = "URI", description = "What --once probes: a stun:/stuns:/turn:/turns:"
            + " URI, or HOST[:PORT] (the module's prober and transport say the rest).")
    String target;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", arity = "0..1", fallbackValue = DEFAULT_LISTEN,
            description = "Run the HTTP exporter on ADDR:PORT (default: " + DEFAULT_LISTEN + "); needs --config.")
    String listen;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "16",
            description = "Probes the exporter runs at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    static final String DEFAULT_LISTEN = "127.0.0.1:9799";

    @Override
    public Integer call() throws Exception {
        if (listen != null && (once || configCheck)) {
            throw usage("--listen excludes --once and --config-check");
        }
        if (listen != null && config == null) {
            throw usage("--listen needs --config FILE (the modules to probe with)");
        }
        if (maxConcurrent < 1 || maxConcurrent > 1024) {
            throw usage("--max-concurrent must be 1..1024, not " + maxConcurrent);
        }
        if (configCheck && config == null) {
            throw usage("--config-check needs --config FILE");
        }
        ProbeConfig modules = load();
        PrintWriter out = spec.commandLine().getOut();
        if (configCheck) {
            out.println(config + ": " + modules.modules().size() + (modules.modules().size() == 1 ? " module" : " modules")
                    + ": " + String.join(", ", modules.modules().keySet()));
            out.flush();
            return Exit.OK.code();
        }
        if (listen != null) {
            return serve(modules);
        }
        if (!once) {
            throw usage("say what to do: --listen, --once (with --module and --target) or --config-check");
        }
        return once(modules, out);
    }

    private int once(ProbeConfig modules, PrintWriter out) throws InterruptedException, IOException {
        if (module == null || target == null) {
            throw usage("--once needs --module NAME and --target URI");
        }
        ProbeModule m = modules.module(module).orElseThrow(() -> usage("unknown module '" + module
                + "' (have: " + String.join(", ", modules.modules().keySet()) + ")"));
        IceServerUri uri;
        try {
            uri = ProbeTarget.resolve(m, target);
        } catch (IllegalArgumentException e) {
            throw usage("--target: " + e.getMessage());
        }
        ExecutorService runs = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rtc-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            ProbeResult r = new Prober(Clock.system(), runs).probe(m, uri, m.timeout(), () -> { });
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            ProbeMetrics.writeText(buf, ProbeMetrics.of(r));
            out.print(buf.toString(StandardCharsets.UTF_8));
            out.flush();
            return r.success() ? Exit.OK.code() : Exit.FAILURE.code();
        } finally {
            runs.shutdown();
        }
    }

    private int serve(ProbeConfig modules) throws InterruptedException {
        InetSocketAddress at = OptionValues.literal(spec, "--listen", listen, 9799);
        PrintWriter err = spec.commandLine().getErr();
        Exporter exporter = new Exporter(modules, () -> ConfigReader.read(config, System::getenv), maxConcurrent,
                Clock.system(), "rtc " + VersionProvider.version());
        try {
            exporter.start(at);
        } catch (IOException e) {
            exporter.close();
            throw new RtcException(Exit.FAILURE, "cannot listen on " + Addresses.format(at) + ": " + e.getMessage(), e);
        }
        Interrupt.untilStopped("rtc-probe", exporter::close, () -> {
            try (Interrupt hangup = Interrupt.onHangup(() -> reload(exporter, err))) {
                err.println("rtc probe: listening on http://" + Addresses.format(exporter.address()) + "/ with "
                        + modules.modules().size() + " modules from " + config + "; Ctrl-C stops, SIGHUP reloads");
                err.flush();
                exporter.awaitClosed();
            }
        });
        err.println("rtc probe: stopped");
        err.flush();
        return Exit.OK.code();
    }

    private void reload(Exporter exporter, PrintWriter err) {
        try {
            ProbeConfig c = exporter.reload();
            err.println("rtc probe: reloaded " + config + ": " + c.modules().size() + " modules");
        } catch (ConfigException e) {
            err.println("rtc probe: reload failed, the previous config stays: " + e.getMessage());
        }
        err.flush();
    }

    private ProbeConfig load() {
        if (config == null) {
            return BuiltInModules.CONFIG;
        }
        try {
            return ConfigReader.read(config, System::getenv);
        } catch (ConfigException e) {
            throw new RtcException(Exit.USAGE, e.getMessage());
        }
    }

    /** The modules that exist without a config. */
    static final class BuiltInModules {
        static final ProbeConfig CONFIG = parse();

        private static ProbeConfig parse() {
            try {
                return new ConfigReader("built-in modules", null, k -> null).parse(
                        "modules:\n  stun:\n    prober: stun\n  turn:\n    prober: turn\n"
                                .getBytes(StandardCharsets.UTF_8));
            } catch (ConfigException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
