package dev.rtc.cli;

import dev.rtc.RtcException;
import dev.rtc.net.Addresses;
import dev.rtc.output.Json;
import dev.rtc.net.Durations;
import dev.rtc.server.RequestEvent;
import dev.rtc.server.ServerAddressSet;
import dev.rtc.server.ServerMetrics;
import dev.rtc.server.ServerTls;
import dev.rtc.server.StunServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import javax.net.ssl.SSLContext;

/** {@code rtc stun-server}: a two-address, two-port STUN server for NAT type tests. */
@Command(name = "stun-server", mixinStandardHelpOptions = true,
        description = {"A STUN server with two IP addresses and two ports, as NAT type tests need: it listens on"
                + " the four (address, port) pairs over UDP, and over TCP for plain Binding. RFC 5389/8489"
                + " requests get XOR-MAPPED-ADDRESS, MAPPED-ADDRESS, RESPONSE-ORIGIN, OTHER-ADDRESS, SOFTWARE and"
                + " FINGERPRINT; RFC 3489 requests get MAPPED-ADDRESS, SOURCE-ADDRESS and CHANGED-ADDRESS."
                + " CHANGE-REQUEST is answered from the socket RFC 5780 Table 1 names; RESPONSE-PORT and PADDING"
                + " are honoured; unknown comprehension-required attributes get 420.",
                "Safe to expose: only well-formed Binding requests are answered; an answer carries what RFC 8489"
                + " and RFC 5780 require (for a 20-byte request, 56 bytes over IPv4, 92 over IPv6) and anything"
                + " optional only while it stays no larger than the request; CHANGE-REQUEST changes only the socket"
                + " the answer leaves from and RESPONSE-PORT only the port it goes to, never the address; each"
                + " source address is rate limited through a fixed-size table. TCP and TLS connections are limited"
                + " in number, idle time and message size. Runs until Ctrl-C or SIGTERM (exit 0)."},
        footerHeading = "%nExamples:%n",
        footer = {"  rtc stun-server",
                "      127.0.0.1:3478 and 127.0.0.2:3479, no root needed; then: rtc nat-type --server 127.0.0.1",
                "  rtc stun-server --primary 10.0.0.5 --alternate 10.0.0.6 \\",
                "      --advertise-primary 192.0.2.5 --advertise-alternate 192.0.2.6",
                "      a cloud VM with two private addresses behind 1:1 NAT",
                "  rtc stun-server --verbose --format json --log-sample 100",
                "      one JSON line per hundred requests on stdout",
                "  rtc stun-server --primary 10.0.0.5 --alternate 10.0.0.6 --metrics 127.0.0.1:9478 \\",
                "      --tls-cert fullchain.pem --tls-key privkey.pem",
                "      STUN over TLS on ports 5349/5350, Prometheus metrics for a local scraper",
                "  rtc stun-server --primary 192.0.2.5 --alternate 192.0.2.6 \\",
                "      --primary6 2001:db8::5 --alternate6 2001:db8::6",
                "      dual stack: four sockets on two IPv4 addresses, four on two IPv6 addresses",
                "",
                "Exit codes:",
                "  0  stopped by Ctrl-C or SIGTERM",
                "  1  an address cannot be bound (in use, not local)",
                "  2  usage: bad option, address, certificate or key"})
public final class StunServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--primary", paramLabel = "IP[:PORT]", defaultValue = "127.0.0.1:3478",
            description = "Primary address and port (default: ${DEFAULT-VALUE}).")
    String primary;

    @Option(names = "--alternate", paramLabel = "IP[:PORT]", defaultValue = "127.0.0.2:3479",
            description = "Alternate address and port; both must differ from the primary ones"
                    + " (default: ${DEFAULT-VALUE}; port default: primary port + 1).")
    String alternate;

    @Option(names = "--advertise-primary", paramLabel = "IP[:PORT]",
            description = "The public address clients reach the primary one by (behind 1:1 NAT), used in"
                    + " RESPONSE-ORIGIN and OTHER-ADDRESS.")
    String advertisePrimary;

    @Option(names = "--advertise-alternate", paramLabel = "IP[:PORT]",
            description = "The public address clients reach the alternate one by (behind 1:1 NAT).")
    String advertiseAlternate;

    @Option(names = "--primary6", paramLabel = "IP[:PORT]",
            description = "Dual stack: the primary address of the other family (IPv6 when --primary is IPv4), with"
                    + " --alternate6; a second set of four sockets with the same options (port default: the"
                    + " primary port).")
    String primary6;

    @Option(names = "--alternate6", paramLabel = "IP[:PORT]",
            description = "Dual stack: the alternate address of the other family (port default: --primary6's + 1).")
    String alternate6;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "100",
            description = "Answers per second per source address, bursts of twice that; 0 for no limit"
                    + " (default: ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(names = "--no-tcp", description = "Listen over UDP only.")
    boolean noTcp;

    @Option(names = "--ignore-change-request",
            description = "Answer every request from the socket it arrived on, as a server without NAT test"
                    + " support does; for checking that NAT clients notice (rtc nat-type then exits 4).")
    boolean ignoreChangeRequest;

    @Option(names = {"-v", "--verbose"}, description = "One log line per request on stdout.")
    boolean verbose;

    @Option(names = "--log-sample", paramLabel = "N", defaultValue = "1",
            description = "With --verbose, log one request in N (default: ${DEFAULT-VALUE}: every one); the metrics"
                    + " still count them all.")
    int logSample;

    @Option(names = "--metrics", paramLabel = "ADDR:PORT",
            description = "Serve Prometheus metrics on http://ADDR:PORT/metrics: requests and answers by transport,"
                    + " drops by reason, rate-limited sources, the rate limiter's table, open connections.")
    String metrics;

    @Option(names = "--max-sources", paramLabel = "N", defaultValue = "65536",
            description = "Source addresses the rate limiter remembers (a fixed table; the least recently seen"
                    + " source of a full set is forgotten first; default: ${DEFAULT-VALUE}).")
    int maxSources;

    @Option(names = "--tcp-max-connections", paramLabel = "N", defaultValue = "64",
            description = "TCP and TLS connections at once; more are closed on accept (default: ${DEFAULT-VALUE}).")
    int tcpMaxConnections;

    @Option(names = "--tcp-idle", paramLabel = "DURATION", defaultValue = "30s",
            description = "Close a TCP or TLS connection that has sent no whole message for this long"
                    + " (default: ${DEFAULT-VALUE}). DURATION: " + Durations.SYNTAX + ".")
    Duration tcpIdle;

    @Option(names = "--tcp-max-message", paramLabel = "BYTES", defaultValue = "2048",
            description = "Largest STUN message accepted over TCP or TLS; a larger one closes the connection"
                    + " (default: ${DEFAULT-VALUE}).")
    int tcpMaxMessage;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Certificate chain (PEM) for STUN over TLS; with --tls-key, Binding is answered over TLS"
                    + " too, on the two addresses at --tls-port and --tls-port + 1.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "Private key (PEM, unencrypted PKCS#8: BEGIN PRIVATE KEY) of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-port", paramLabel = "PORT", defaultValue = "5349",
            description = "First TLS port (default: ${DEFAULT-VALUE}); the second is the next one.")
    int tlsPort;

    @Option(names = "--udp-batch", paramLabel = "N", defaultValue = "32",
            description = "Datagrams one system call may take or answer on a UDP socket (recvmmsg and sendmmsg on"
                    + " 64-bit Linux; default: ${DEFAULT-VALUE}); 1 reads and answers one datagram per call, as"
                    + " on other systems.")
    int udpBatch;

    @Override
    public Integer call() throws InterruptedException {
        InetSocketAddress p = OptionValues.literal(spec, "--primary", primary, 3478);
        InetSocketAddress a = OptionValues.literal(spec, "--alternate", alternate, p.getPort() + 1);
        if (p.getAddress().equals(a.getAddress()) || p.getPort() == a.getPort()) {
            throw RtcException.usage("--alternate " + Addresses.format(a) + " must differ from --primary "
                    + Addresses.format(p) + " in both address and port");
        }
        if ((p.getAddress().getAddress().length) != (a.getAddress().getAddress().length)) {
            throw RtcException.usage("--primary and --alternate must be of the same address family");
        }
        ServerAddressSet second = null;
        if ((primary6 == null) != (alternate6 == null)) {
            throw RtcException.usage("--primary6 and --alternate6 go together");
        }
        if (primary6 != null) {
            InetSocketAddress p6 = OptionValues.literal(spec, "--primary6", primary6, p.getPort());
            InetSocketAddress a6 = OptionValues.literal(spec, "--alternate6", alternate6, p6.getPort() + 1);
            if (p6.getAddress().equals(a6.getAddress()) || p6.getPort() == a6.getPort()) {
                throw RtcException.usage("--alternate6 " + Addresses.format(a6) + " must differ from --primary6 "
                        + Addresses.format(p6) + " in both address and port");
            }
            int family = p.getAddress().getAddress().length;
            if (p6.getAddress().getAddress().length == family || a6.getAddress().getAddress().length == family) {
                throw RtcException.usage("--primary6 and --alternate6 must be of the other address family than"
                        + " --primary and --alternate");
            }
            second = new ServerAddressSet(p6, a6, null, null);
        }
        InetSocketAddress ap = advertisePrimary == null ? null
                : OptionValues.literal(spec, "--advertise-primary", advertisePrimary, p.getPort());
        InetSocketAddress aa = advertiseAlternate == null ? null
                : OptionValues.literal(spec, "--advertise-alternate", advertiseAlternate, a.getPort());
        OptionValues.atLeastOne("--log-sample", logSample);
        if (udpBatch < 1 || udpBatch > 1024) {
            throw RtcException.usage("--udp-batch " + udpBatch + ": it must be 1 to 1024");
        }
        OptionValues.atLeastOne("--max-sources", maxSources);
        OptionValues.atLeastOne("--tcp-max-connections", tcpMaxConnections);
        if (tcpMaxMessage < 20 || tcpMaxMessage > 65555) {
            throw RtcException.usage("--tcp-max-message " + tcpMaxMessage
                    + ": a STUN message has 20 to 65555 bytes");
        }
        if (tcpIdle.isNegative() || tcpIdle.isZero() || tcpIdle.toMillis() > Integer.MAX_VALUE) {
            throw RtcException.usage("--tcp-idle " + Durations.format(tcpIdle) + ": it must be above 0 and"
                    + " below 24 days");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw RtcException.usage("--tls-cert and --tls-key go together");
        }
        if (tlsPort < 1 || tlsPort > 65534) {
            throw RtcException.usage("--tls-port " + tlsPort + ": it must be 1 to 65534 (the next port is used too)");
        }
        InetSocketAddress metricsAddress = metrics == null ? null
                : OptionValues.literal(spec, "--metrics", metrics, 9478);
        SSLContext tls = tlsCert == null ? null : ServerTls.load(tlsCert, tlsKey);
        ServerAddressSet tlsAddresses = tls == null ? null : new ServerAddressSet(
                new InetSocketAddress(p.getAddress(), tlsPort), new InetSocketAddress(a.getAddress(), tlsPort + 1),
                ap == null ? null : new InetSocketAddress(ap.getAddress(), tlsPort),
                aa == null ? null : new InetSocketAddress(aa.getAddress(), tlsPort + 1));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String software = "rtc " + VersionProvider.version();
        StunServer.TcpLimits limits = new StunServer.TcpLimits(tcpMaxConnections, (int) tcpIdle.toMillis(),
                tcpMaxMessage);
        java.util.function.Consumer<RequestEvent> logger = verbose ? e -> log(out, e) : null;
        StunServer server = StunServer.start(new StunServer.Options(new ServerAddressSet(p, a, ap, aa),
                !ignoreChangeRequest, Math.max(0, rateLimit), !noTcp, software, limits, maxSources, logSample, tls,
                tlsAddresses, udpBatch), logger);
        List<StunServer> servers = new ArrayList<>(List.of(server));
        ServerMetrics exporter;
        try {
            if (second != null) {
                servers.add(StunServer.start(new StunServer.Options(second, !ignoreChangeRequest,
                        Math.max(0, rateLimit), !noTcp, software, limits, maxSources, logSample, null, null, udpBatch),
                        logger));
            }
            exporter = metricsAddress == null ? null : ServerMetrics.start(servers, metricsAddress);
        } catch (RtcException e) {
            servers.forEach(StunServer::close);
            throw e;
        }
        // one server ending (a socket error) or a signal ends them all
        Runnable stop = () -> servers.forEach(StunServer::close);
        List<String> listening = new ArrayList<>();
        servers.forEach(s -> listening.addAll(s.listening()));
        try {
            Interrupt.untilStopped("rtc-stun-server", stop, () -> {
                err.println("rtc stun-server: listening on " + (noTcp ? "UDP " : "UDP and TCP ")
                        + String.join(", ", listening)
                        + (tls == null ? "" : "; TLS " + String.join(", ", server.tlsListening()))
                        + (exporter == null ? "" : "; metrics on http://" + Addresses.format(
                                new InetSocketAddress(metricsAddress.getAddress(), exporter.port())) + "/metrics")
                        + (ignoreChangeRequest ? " (ignoring CHANGE-REQUEST)" : "") + "; UDP: " + server.udpIo()
                        + "; Ctrl-C stops");
                err.flush();
                awaitAny(servers);
                stop.run();
            });
        } finally {
            if (exporter != null) {
                exporter.close();
            }
        }
        out.flush();
        err.println("rtc stun-server: stopped");
        err.flush();
        return 0;
    }

    /** Returns when one of the servers has closed. */
    private static void awaitAny(List<StunServer> servers) throws InterruptedException {
        while (true) {
            for (StunServer s : servers) {
                if (s.awaitClosed(100)) {
                    return;
                }
            }
        }
    }

    private void log(PrintWriter out, RequestEvent e) {
        String line;
        if (output.json()) {
            ObjectNode n = Json.object();
            n.put("time", e.time().toString());
            n.put("transport", e.transport());
            n.put("from", Addresses.format(e.from()));
            n.put("to", Addresses.format(e.receivedOn()));
            n.put("length", e.length());
            n.put("answered", !e.answer().dropped());
            if (!e.answer().dropped()) {
                n.put("responseLength", e.answer().bytes().length);
                n.put("responseTo", Addresses.format(e.answer().to()));
            }
            n.put("summary", e.answer().summary());
            line = Json.line(n);
        } else {
            line = e.time() + " " + e.transport() + " " + Addresses.format(e.from()) + " -> "
                    + Addresses.format(e.receivedOn()) + " " + e.length() + " bytes: " + e.answer().summary();
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
