package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.ice.AgentConfig;
import dev.rtc.ice.HostAddresses;
import dev.rtc.ice.IceAgent;
import dev.rtc.ice.IceCandidate;
import dev.rtc.ice.IceServerUri;
import dev.rtc.ice.IceSession;
import dev.rtc.ice.PairSnapshot;
import dev.rtc.net.Clock;
import dev.rtc.net.Durations;
import dev.rtc.output.Json;
import dev.rtc.signal.DescriptionException;
import dev.rtc.signal.IceDescription;
import dev.rtc.turn.CredentialSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rtc ice}: ICE connectivity checks between this machine and a peer, descriptions exchanged by hand. */
@Command(name = "ice",
        description = {
                "Runs an RFC 8445 ICE agent against a peer and says whether the two can talk, over which path:"
                        + " host candidates from this machine's addresses (one UDP socket each) and server-reflexive"
                        + " candidates from -s stun: servers, relay candidates from -s turn:/turns: servers, paired"
                        + " with the peer's, checked by priority (Ta"
                        + " pacing, triggered checks, peer-reflexive candidates, role conflicts settled by the"
                        + " tie-breakers), nominated with USE-CANDIDATE by the controlling side. Checks carry"
                        + " USERNAME, PRIORITY, MESSAGE-INTEGRITY (the peer's ice-pwd) and FINGERPRINT; an answer"
                        + " counts only if it authenticates and comes from where the check went.",
                "--signal -: this side's description (a=ice-ufrag, a=ice-pwd, a=ice-options, a=candidate,"
                        + " a=end-of-candidates; RFC 8839) goes to standard output, ending with an empty line, as"
                        + " soon as gathering is done; the peer's is read from standard input up to an empty line."
                        + " Lines it does not know are ignored, so a browser's whole SDP can be pasted. On a"
                        + " terminal it first says on standard error what to paste. Two agents started the same"
                        + " way settle their roles by the tie-breakers; --role forces one.",
                "The report (candidates, the checklist with states, requests, answers and RTT, the selected"
                        + " pair and what it means, the times to first check, first success and nomination) goes"
                        + " to -o FILE, or to standard error since standard output carries the description. Once"
                        + " connected, the agent goes on answering the peer's checks for up to a second (so the"
                        + " peer can finish too) before it exits.",
                "Relay candidates: one allocation per turn:/turns: URI and local address of its family, with the"
                        + " credentials of -u/--credential or REST --secret. Checks through a relay go on a TURN"
                        + " channel per peer (ChannelBind, which also installs the permission; the peer's"
                        + " candidates get theirs before the first check). The allocation is refreshed while the"
                        + " session lasts and released at the end. --policy relay uses nothing else, like"
                        + " iceTransportPolicy \"relay\"."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
                "  # two terminals, or two machines: paste each side's output into the other",
                "  rtc ice -s stun:stun.example.org",
                "  rtc ice -s stun:stun.example.org -s 'turn:turn.example.org?transport=tcp' -u alice \\",
                "      --credential-file pass.txt --require direct",
                "  rtc ice --policy relay -s turns:turn.example.org --secret-file secret.txt",
                "  # two agents on this machine, each one's output the other's input:",
                "  mkfifo a b; rtc ice --interface lo <a >b & rtc ice --interface lo >a <b",
                "  rtc ice --role controlled --format json -o report.json",
                "",
                "Exit codes:",
                "  0  connected (and --require met)",
                "  1  not connected: every pair failed (the report says how each kind failed),",
                "     the timeout passed before a nomination, or consent was lost",
                "  2  bad option, or the peer's description is malformed",
                "  3  connected, but not over the path --require asked for"})
public final class IceCommand implements Callable<Integer> {
    /** The output formats of ice. */
    public enum Format { text, json, ndjson }

    /** --role. */
    public enum Role { auto, controlling, controlled }

    /** --require: the kind of path the selected pair must be. */
    public enum Require { direct, relay, any }

    /** How long a connected agent keeps answering the peer's checks before it exits. */
    private static final Duration LINGER = Duration.ofSeconds(1);
    /** How long STUN and TURN servers get to answer while gathering. */
    private static final Duration GATHER_TIMEOUT = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Option(names = {"-s", "--server"}, paramLabel = "URI",
            description = "A STUN server for a server-reflexive candidate (stun:HOST[:PORT]) or a TURN server for a"
                    + " relay candidate (turn:HOST[:PORT][?transport=udp|tcp], turns:HOST[:PORT]). Repeat for"
                    + " several; TURN URIs earlier in the list rank higher.")
    List<String> servers = new ArrayList<>();

    @Mixin
    TurnCredentialOptions turn = new TurnCredentialOptions();

    @Mixin
    TlsTrustOptions trust = new TlsTrustOptions();

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "all",
            description = "all, or relay (only relay candidates, like iceTransportPolicy; stun: servers are not"
                    + " asked).")
    GatherCommand.Policy policy;

    @Option(names = "--signal", paramLabel = "-", defaultValue = "-",
            description = "How descriptions are exchanged: - (standard output and input; the default).")
    String signal;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "auto",
            description = "auto (the tie-breakers decide), controlling or controlled (default: ${DEFAULT-VALUE}).")
    Role role;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Limit on the connection attempt, from the moment the peer's description is read"
                    + " (default: ${DEFAULT-VALUE}). DURATION: " + Durations.SYNTAX + ".")
    Duration timeout;

    @Option(names = "--pace", paramLabel = "DURATION", defaultValue = "50ms",
            description = "Ta: the interval between new checks (default: ${DEFAULT-VALUE}; RFC 8445 section 14.2)."
                    + " DURATION: " + Durations.SYNTAX + ".")
    Duration pace;

    @Option(names = "--require", paramLabel = "PATH", defaultValue = "any",
            description = "Exit 3 unless the selected pair is of this kind: direct, relay or any"
                    + " (default: ${DEFAULT-VALUE}).")
    Require require;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (tables), json (one rtc.ice/1 document) or ndjson (candidate, pair and selected"
                    + " events as they happen, then the document).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (standard error otherwise: standard output carries the"
                    + " description).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (!"-".equals(signal)) {
            throw usage("--signal: only - (standard input and output) is supported, not '" + signal + "'");
        }
        if (pace.isZero() || pace.isNegative() || timeout.isZero() || timeout.isNegative()) {
            throw usage("--pace and --timeout must be positive");
        }
        List<IceServerUri> stun = new ArrayList<>();
        List<IceServerUri> turnServers = new ArrayList<>();
        for (String s : servers) {
            IceServerUri uri;
            try {
                uri = IceServerUri.parse(s);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            if (uri.isTurn()) {
                turnServers.add(uri);
            } else if (uri.scheme().secure()) {
                throw usage(s + ": a srflx candidate needs the server's answer over UDP; stuns: gives none"
                        + " (use stun: for srflx, turns: for a relay over TLS)");
            } else if (policy != GatherCommand.Policy.relay) {
                stun.add(uri);
            }
        }
        trust.check();
        CredentialSource credentials = turn.source(System.getenv());
        if (!turnServers.isEmpty() && credentials == null) {
            throw usage("TURN servers need credentials: -u USER with --credential, --credential-file or "
                    + TurnCredentialOptions.CREDENTIAL_ENV + ", or --secret/--secret-file");
        }
        if (policy == GatherCommand.Policy.relay && turnServers.isEmpty()) {
            throw usage("--policy relay needs a turn: or turns: server (-s)");
        }
        List<HostAddresses.HostAddress> hosts = hostOptions.hosts(spec);
        if (hosts.isEmpty()) {
            throw RtcException.failure("no local address to gather from (try --include-loopback or --interface)");
        }
        PrintWriter report = output == null ? spec.commandLine().getErr() : openOutput();
        try {
            return run(new IceSession.Options(hosts, stun, GATHER_TIMEOUT, Duration.ofMillis(500), turnServers,
                    credentials, trust::forHost, policy == GatherCommand.Policy.relay), report);
        } finally {
            report.flush();
            if (output != null) {
                report.close();
            }
        }
    }

    private int run(IceSession.Options options, PrintWriter report) throws IOException, InterruptedException {
        AgentConfig config = AgentConfig.random(role != Role.controlled).withTa(pace)
                .withCheckTimeout(timeout.compareTo(Duration.ofSeconds(8)) < 0 ? timeout : Duration.ofSeconds(8));
        IceAgent.Listener events = format == Format.ndjson ? events(report) : null;
        try (IceSession session = IceSession.open(options, config, events, Clock.system())) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(session.description().text());
            out.flush();
            IceDescription peer = readPeer();
            List<String> unusable = session.start(peer);
            if (events != null) {
                session.agent().remoteCandidates().forEach(c -> events.candidate(c, false));
            }
            boolean settled = session.await(timeout);
            IceAgent agent = session.agent();
            if (settled && agent.state() == IceAgent.State.CONNECTED) {
                Thread.sleep(LINGER.toMillis());
            }
            agent.close();
            IceOutput.Result r = result(agent, unusable, session.warnings(), session.relays());
            switch (format) {
                case text -> IceOutput.text(r).forEach(report::println);
                case json -> report.println(Json.pretty(IceOutput.json(r)));
                case ndjson -> report.println(Json.line(IceOutput.event("result", IceOutput.json(r))));
            }
            return r.exitCode();
        }
    }

    private IceOutput.Result result(IceAgent agent, List<String> unusable, List<String> warnings,
                                    List<IceSession.RelayState> relays) {
        PairSnapshot selected = agent.selected();
        // consent lost while lingering still counts as connected: the agent did connect
        boolean connected = selected != null;
        Exit exit;
        if (!connected) {
            exit = Exit.FAILURE;
        } else if (require == Require.direct && selected.relayed() || require == Require.relay && !selected.relayed()) {
            exit = Exit.CHECK_FAILED;
        } else {
            exit = Exit.OK;
        }
        return new IceOutput.Result(connected, agent.controlling(), agent.state(), selected, agent.pairs(),
                agent.localCandidates(), agent.remoteCandidates(), agent.timings(), agent.failure(),
                agent.roleConflicts(), unusable, warnings, exit.code(), relays);
    }

    private IceDescription readPeer() throws IOException {
        if (stdinIsTerminal()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Paste the peer's description (its a=ice-ufrag, a=ice-pwd and a=candidate lines, or its"
                    + " whole SDP), then an empty line:");
            err.flush();
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(RtcCommand.standardInput(spec, "--signal -",
                "run rtc ice outside the script"), StandardCharsets.UTF_8));
        try {
            return IceDescription.read(in);
        } catch (DescriptionException e) {
            throw new RtcException(Exit.USAGE, "the peer's description: " + e.getMessage());
        }
    }

    private static boolean stdinIsTerminal() {
        try {
            Path fd0 = Path.of("/proc/self/fd/0");
            if (Files.exists(fd0)) {
                String target = Files.readSymbolicLink(fd0).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux: fall back to the console check
        }
        return System.console() != null;
    }

    /** ndjson events as the agent produces them. */
    private static IceAgent.Listener events(PrintWriter report) {
        return new IceAgent.Listener() {
            @Override
            public void candidate(IceCandidate c, boolean local) {
                emit(IceOutput.event("candidate", IceOutput.candidate(c)).put("side", local ? "local" : "remote"));
            }

            @Override
            public void pair(PairSnapshot p) {
                emit(IceOutput.event("pair", IceOutput.pair(p)));
            }

            @Override
            public void role(boolean controlling) {
                emit(IceOutput.event("role", Json.object().put("role", controlling ? "controlling" : "controlled")));
            }

            @Override
            public void selected(PairSnapshot p) {
                emit(IceOutput.event("selected", IceOutput.pair(p)));
            }

            @Override
            public void consentLost(PairSnapshot p) {
                emit(IceOutput.event("consentLost", IceOutput.pair(p)));
            }

            private void emit(Object node) {
                synchronized (report) {
                    report.println(Json.line(node));
                    report.flush();
                }
            }
        };
    }

    private PrintWriter openOutput() {
        try {
            return new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw usage("-o " + output + ": cannot write the file (" + e.getMessage() + ")");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
