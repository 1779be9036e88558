package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.ice.Candidate;
import dev.rtc.ice.GatherOptions;
import dev.rtc.ice.GatherReport;
import dev.rtc.ice.Gatherer;
import dev.rtc.ice.HostAddresses;
import dev.rtc.ice.IceServerUri;
import dev.rtc.ice.Outcome;
import dev.rtc.ice.ServerVerdict;
import dev.rtc.net.Clock;
import dev.rtc.net.Durations;
import dev.rtc.output.Json;
import dev.rtc.turn.TurnCredentials;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rtc gather}: the trickle-ice page in a terminal, with a verdict and a latency breakdown per server. */
@Command(name = "gather",
        description = {
                "Gathers ICE candidates as a browser does: host candidates from this machine's interfaces,"
                        + " server-reflexive candidates from every STUN server and every UDP TURN server, relay"
                        + " candidates from TURN over UDP, TCP and TLS (Allocate, 401 answered with the long-term"
                        + " credential, 438 retried, 300 followed once). Priorities and foundations are computed as"
                        + " Chrome computes them. Candidates are printed as they arrive.",
                "Then one verdict per server: OK or the named cause (DNS failure, unreachable, TLS failure,"
                        + " authentication rejected, stale-nonce loop, forbidden, quota or capacity, redirected),"
                        + " with SOFTWARE, REALM, LIFETIME and where the time went (DNS, TCP connect, TLS handshake,"
                        + " first response, authenticated Allocate); warnings a TURN operator needs; and \"Done in X"
                        + " s\" naming the slowest server. Every allocation is released (Refresh LIFETIME 0) before"
                        + " exit. Servers run in parallel and --timeout bounds the whole run.",
                "A closed UDP port is reported within a round trip as refused (ICMP port unreachable). A UDP server"
                        + " that says nothing is given up, once another server has answered, after the larger of 6"
                        + " RTO and 4 times the slowest round trip measured, at most --timeout (about 3 s on a fast"
                        + " path); before any answer, and whenever --timeout is given, it gets the whole --timeout."
                        + " A round trip answered after a retransmission is ambiguous (Karn's rule) unless the"
                        + " server echoes TRANSACTION-TRANSMIT-COUNTER (RFC 7982), and is then not shown nor used.",
                "Credentials: -u with --credential, --credential-file or RTC_TURN_CREDENTIAL; or coturn REST-API"
                        + " credentials minted from --secret/--secret-file (username expiry:user, password"
                        + " base64(HMAC-SHA1(secret, username))). Secrets are never printed."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
                "  rtc gather -s stun:stun.example.org \\",
                "      -s 'turn:turn.example.org?transport=tcp' -u alice --credential-file pw",
                "  # a CI check of a TURN server with coturn REST-API credentials:",
                "  rtc gather -s turns:turn.example.org --secret-file s --require relay \\",
                "      --format json",
                "  RTC_TURN_CREDENTIAL=wonderland rtc gather -s turn:127.0.0.1 -u alice \\",
                "      --check-relay",
                "  rtc gather -s stun:127.0.0.1 --interface lo --format sdp",
                "",
                "Exit codes:",
                "  0  every server answered (and every --require met)",
                "  1  a server failed (unreachable, rejected, ...) or an I/O error",
                "  2  bad URI, option or credential file",
                "  3  a kind asked for with --require is missing, or --check-relay found no",
                "     working data path"})
public final class GatherCommand implements Callable<Integer> {
    /** The output formats of gather. */
    public enum Format { text, json, ndjson, sdp }

    /** --policy, as iceTransportPolicy. */
    public enum Policy { all, relay }

    private static final Set<String> KINDS = Set.of("host", "srflx", "relay", "relay-udp", "relay-tcp", "relay-tls");

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--server"}, paramLabel = "URI",
            description = "A STUN or TURN server: stun:HOST[:PORT], turn:HOST[:PORT][?transport=udp|tcp],"
                    + " turns:HOST[:PORT] (TLS, port 5349). Repeat for several; TURN URIs earlier in the list"
                    + " rank higher.")
    List<String> servers = new ArrayList<>();

    @Mixin
    TurnCredentialOptions turn = new TurnCredentialOptions();

    @Mixin
    TlsTrustOptions trust = new TlsTrustOptions();

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "all",
            description = "all, or relay (only relay candidates, like iceTransportPolicy).")
    Policy policy;

    @Mixin
    HostOptions hostOptions;

    @Option(names = "--components", paramLabel = "N", defaultValue = "1",
            description = "1 (rtcp-mux, the default) or 2 (RTP and RTCP apart).")
    int components;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Limit on the whole run, every server in parallel (default: ${DEFAULT-VALUE}); releasing"
                    + " the allocations at the end adds at most a second. Without this option a silent UDP server"
                    + " is given up sooner once others have answered (see above); given, it is waited for in full."
                    + " DURATION: " + Durations.SYNTAX + ".")
    Duration timeout;

    @Option(names = "--rto", paramLabel = "DURATION", defaultValue = "500ms",
            description = "First retransmission timeout over UDP, doubling after each (default: ${DEFAULT-VALUE})."
                    + " DURATION: " + Durations.SYNTAX + ".")
    Duration rto;

    @Option(names = "--require", paramLabel = "KIND", split = ",",
            description = "Exit 3 unless candidates of these kinds were gathered: host, srflx, relay, relay-udp,"
                    + " relay-tcp, relay-tls.")
    List<String> require = new ArrayList<>();

    @Option(names = "--check-relay",
            description = "Prove each working TURN URL's data path: two allocations, CreatePermission and"
                    + " ChannelBind between them, packets echoed through both relays; loss and RTT.")
    boolean checkRelay;

    @Option(names = "--packets", paramLabel = "N", defaultValue = "10",
            description = "Packets sent by --check-relay (default: ${DEFAULT-VALUE}).")
    int packets;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (table, verdicts), json (one document), ndjson (events as they happen) or sdp"
                    + " (a=candidate lines, RFC 8839).")
    Format format;

    @Override
    public Integer call() throws Exception {
        List<IceServerUri> uris = new ArrayList<>();
        for (String s : servers) {
            try {
                uris.add(IceServerUri.parse(s));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        for (String kind : require) {
            if (!KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
                throw usage("--require: unknown kind '" + kind + "' (expected " + String.join(", ",
                        List.of("host", "srflx", "relay", "relay-udp", "relay-tcp", "relay-tls")) + ")");
            }
        }
        if (components < 1 || components > 2) {
            throw usage("--components must be 1 or 2, not " + components);
        }
        if (packets < 1 || packets > 1000) {
            throw usage("--packets must be 1..1000, not " + packets);
        }
        trust.check();
        TurnCredentials credentials = credentials(System.getenv());
        HostAddresses.Family fam = hostOptions.family(spec);
        List<HostAddresses.HostAddress> hosts = hostOptions.hosts(spec);
        boolean timeoutGiven = spec.commandLine().getParseResult().hasMatchedOption("--timeout");
        GatherOptions options = new GatherOptions(uris, credentials, policy == Policy.relay, timeout, timeoutGiven,
                rto, components, hosts, fam, trust.caFile, trust.insecure, checkRelay, packets);

        PrintWriter out = spec.commandLine().getOut();
        Gatherer.Listener live = listener(out);
        if (format == Format.text) {
            out.println(GatherOutput.tableHeader());
            out.flush();
        }
        GatherReport report = new Gatherer(Clock.system()).run(options, live);
        switch (format) {
            case text -> GatherOutput.summary(report).forEach(out::println);
            case json -> out.println(Json.pretty(GatherOutput.json(report)));
            case ndjson -> GatherOutput.closingEvents(report).forEach(n -> out.println(Json.line(n)));
            case sdp -> GatherOutput.sdp(report).forEach(out::println);
        }
        out.flush();
        return exitCode(report, require).code();
    }

    private Gatherer.Listener listener(PrintWriter out) {
        return new Gatherer.Listener() {
            @Override
            public void candidate(Candidate c) {
                if (format == Format.text) {
                    out.println(GatherOutput.tableRow(c));
                } else if (format == Format.ndjson) {
                    out.println(Json.line(GatherOutput.candidateEvent(c)));
                }
                out.flush();
            }

            @Override
            public void server(ServerVerdict v) {
                if (format == Format.ndjson) {
                    out.println(Json.line(GatherOutput.serverEvent(v)));
                    out.flush();
                }
            }
        };
    }

    /** 3 when a required kind is missing or a relay check lost everything, 1 when a server failed, else 0. */
    static Exit exitCode(GatherReport report, List<String> require) {
        Set<String> have = report.kinds();
        for (String kind : require) {
            if (!have.contains(kind.toLowerCase(Locale.ROOT))) {
                return Exit.CHECK_FAILED;
            }
        }
        if (report.relayChecks().stream().anyMatch(c -> !c.passed())) {
            return Exit.CHECK_FAILED;
        }
        boolean failed = report.servers().stream()
                .anyMatch(v -> !v.ok() && v.outcome() != Outcome.SKIPPED);
        return failed ? Exit.FAILURE : Exit.OK;
    }

    /** The TURN credentials from the options, the credential file or the environment; null for none. */
    TurnCredentials credentials(Map<String, String> env) {
        return turn.credentials(env);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

}
