package dev.rtc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.dtls.DtlsCertificate;
import dev.rtc.dtls.DtlsResult;
import dev.rtc.dtls.DtlsSession;
import dev.rtc.ice.AgentConfig;
import dev.rtc.ice.HostAddresses;
import dev.rtc.ice.IceAgent;
import dev.rtc.ice.IceCandidate;
import dev.rtc.ice.IceServerUri;
import dev.rtc.ice.IceSession;
import dev.rtc.ice.MeasureProfile;
import dev.rtc.ice.PairSnapshot;
import dev.rtc.ice.PathMeasurement;
import dev.rtc.net.Clock;
import dev.rtc.net.Durations;
import dev.rtc.output.Json;
import dev.rtc.signal.DescriptionException;
import dev.rtc.signal.IceDescription;
import dev.rtc.signal.RoomClient;
import dev.rtc.signal.SignalExchange;
import dev.rtc.signal.SignalServer;
import dev.rtc.turn.CredentialSource;
import dev.rtc.turn.TurnCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
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
                "--signal URL (a room of rtc signal-server: its page's http: or https: address,"
                        + " HOST:PORT/ROOM): the member that joined first waits for the other, offers and is"
                        + " controlling; the second answers and is controlled. The SDP is one a browser accepts: a"
                        + " BUNDLEd m=application 9 UDP/DTLS/SCTP webrtc-datachannel section with a=mid,"
                        + " a=ice-ufrag, a=ice-pwd, a=ice-options:trickle (the candidates follow in trickled"
                        + " candidate messages, then an empty one), a=fingerprint:sha-256 of a fresh ECDSA P-256"
                        + " certificate, a=setup (actpass in an offer, active answering actpass: rtc is then the"
                        + " DTLS client) and a=sctp-port. Once ICE connects, the DTLS 1.2 handshake runs over the"
                        + " selected pair in that role, both certificates presented and the peer's checked"
                        + " against its fingerprint, use_srtp offered; a failed handshake is exit 1. The peer's"
                        + " candidates come from its SDP and its"
                        + " trickled candidate messages (until its end of candidates, at most 3 s); mDNS .local"
                        + " names are reported as such, not resolved. Without -s, the STUN and TURN servers the"
                        + " signal server hands out are used, with its TURN credentials. https uses the system's"
                        + " CAs or --ca-file. The first member waits at most 10 minutes for the other.",
                "The report (candidates, the checklist with states, requests, answers and RTT, the selected"
                        + " pair and what it means, the times to first check, first success and nomination) goes"
                        + " to -o FILE, or to standard error since standard output carries the description (with"
                        + " --signal URL to standard output, adding the negotiation and, when the peer posts one,"
                        + " its own view: a browser's states, user agent and selected pair). Once"
                        + " connected, the agent goes on answering the peer's checks for up to a second (so the"
                        + " peer can finish too) before it exits.",
                "Relay candidates: one allocation per turn:/turns: URI and local address of its family, with the"
                        + " credentials of -u/--credential or REST --secret. Checks through a relay go on a TURN"
                        + " channel per peer (ChannelBind, which also installs the permission; the peer's"
                        + " candidates get theirs before the first check). The allocation is refreshed while the"
                        + " session lasts and released at the end. --policy relay uses nothing else, like"
                        + " iceTransportPolicy \"relay\".",
                "--measure DURATION: once connected, sends RTP-shaped packets over the selected pair for that"
                        + " long (--profile: audio, 50 packets/s of 160 bytes, PT 0 on an 8 kHz clock; video, 90"
                        + " packets/s of 1000 bytes, PT 96 on a 90 kHz clock; or PPS:BYTES), first byte in RFC"
                        + " 7983's RTP range so captures show RTP (the end-of-stream and its report are RTCP APP"
                        + " packets). The peer, another rtc ice, reflects them, and measures the other way if it"
                        + " was given --measure too. The report's \"Path quality (estimate)\" gives, to the peer"
                        + " (the peer's report of what it received), from the peer (measured here) and for the"
                        + " round trip (this side's packets reflected back): packets sent and received, loss and"
                        + " the longest loss burst, RFC 3550 interarrival jitter, reordered and duplicate packets,"
                        + " RTT p50/p95/max, and a MOS estimate from the ITU-T G.107 E-model for G.711 voice with"
                        + " packet-loss concealment (Ie 0, Bpl 25.1, random loss; mouth-to-ear delay = RTT/2 + 20 ms"
                        + " + a jitter buffer of twice the jitter; echo cancelled). Every connected rtc ice reflects"
                        + " a peer's measurement, only over the nominated pair of its authenticated session and"
                        + " never more packets than it received; it stays while the peer's packets keep coming."},
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
                "  rtc ice --measure 10s --profile video    # path quality both ways, once connected",
                "  # through a room of rtc signal-server: another rtc ice or a browser on the same room",
                "  rtc ice --signal http://127.0.0.1:8088/call-1",
                "",
                "Exit codes:",
                "  0  connected (and --require met)",
                "  1  not connected: every pair failed (the report says how each kind failed),",
                "     the timeout passed before a nomination, or consent was lost (also during",
                "     --measure, or the peer reflected none of the measurement's probes);",
                "     with --signal URL also: the room is full, the signal server cannot be",
                "     reached or refuses, the other side left or did not come in time, or the",
                "     DTLS handshake after ICE failed (the report names the cause)",
                "  2  bad option (a --signal URL that is not a room's), or the peer's description",
                "     is malformed",
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
    /** How long the DTLS handshake after ICE may take (a browser gives up after about as long). */
    private static final Duration DTLS_TIMEOUT = Duration.ofSeconds(10);
    /** How long STUN and TURN servers get to answer while gathering. */
    private static final Duration GATHER_TIMEOUT = Duration.ofSeconds(2);
    /** How long a room's first member waits for the other to join and describe itself. */
    private static final Duration PEER_WAIT = Duration.ofMinutes(10);
    /** How long, once the peer's description is here, its trickled candidates may take to end. */
    private static final Duration TRICKLE_WAIT = Duration.ofSeconds(3);
    /** How long a connected side waits for the peer's {"type":"stats"} view at the end. */
    private static final Duration PEER_STATS_WAIT = Duration.ofSeconds(2);
    /** The longest --measure, and so the bound on how long a side reflects a peer's measurement. */
    private static final Duration MAX_MEASURE = Duration.ofMinutes(10);

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

    @Option(names = "--signal", paramLabel = "-|URL", defaultValue = "-",
            description = "How descriptions are exchanged: - (standard output and input; the default), or the"
                    + " URL of a room of rtc signal-server (its page's http: or https: address): the first"
                    + " member offers and is controlling, a browser on the room's page is a peer too.")
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

    @Option(names = "--measure", paramLabel = "DURATION",
            description = "Once connected, measure the path over the selected pair for this long (at most 10m):"
                    + " loss, jitter, reordering, RTT and a MOS estimate, both ways. DURATION: " + Durations.SYNTAX
                    + ".")
    Duration measure;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "audio",
            description = "The traffic of --measure: audio (50 packets/s of 160 bytes), video (90 packets/s of 1000"
                    + " bytes) or PPS:BYTES (packets a second, 1-1000, and RTP payload bytes, 20-1400;"
                    + " default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--consent-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Consent is lost when no consent check is answered for this long (default:"
                    + " ${DEFAULT-VALUE}, RFC 7675); checks go out every sixth of it, at most every 5 s."
                    + " DURATION: " + Durations.SYNTAX + ".")
    Duration consentTimeout;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (tables), json (one rtc.ice/1 document) or ndjson (candidate, pair and selected"
                    + " events as they happen, with --measure a measure event a second, then the document).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (otherwise standard error with --signal -, whose standard"
                    + " output carries the description; standard output with --signal URL).")
    Path output;

    @Override
    public Integer call() throws Exception {
        URI roomUrl = "-".equals(signal) ? null : RoomClient.parse(signal);
        if (pace.isZero() || pace.isNegative() || timeout.isZero() || timeout.isNegative()) {
            throw usage("--pace and --timeout must be positive");
        }
        if (measure != null && (measure.isZero() || measure.isNegative() || measure.compareTo(MAX_MEASURE) > 0)) {
            throw usage("--measure must be positive and at most " + Durations.format(MAX_MEASURE));
        }
        if (consentTimeout.compareTo(Duration.ofMillis(600)) < 0) {
            throw usage("--consent-timeout must be at least 600ms");
        }
        MeasureProfile traffic;
        try {
            traffic = MeasureProfile.parse(profile);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
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
        RoomClient room = null;
        RoomClient.Joined joined = null;
        if (roomUrl != null) {
            room = RoomClient.open(roomUrl, roomUrl.getScheme().equalsIgnoreCase("https") ? trust.httpsContext()
                    : null);
            joined = room.join();
            if (servers.isEmpty()) {
                // the operator's servers, as the page gets them: nothing to type for the person with the link
                credentials = handedOut(joined.iceServers(), stun, turnServers, credentials);
            }
        }
        if (!turnServers.isEmpty() && credentials == null) {
            throw usage("TURN servers need credentials: -u USER with --credential, --credential-file or "
                    + TurnCredentialOptions.CREDENTIAL_ENV + ", or --secret/--secret-file");
        }
        if (policy == GatherCommand.Policy.relay && turnServers.isEmpty()) {
            throw usage("--policy relay needs a turn: or turns: server (-s)");
        }
        try (RoomClient leaveAtEnd = room) {
            List<HostAddresses.HostAddress> hosts = hostOptions.hosts(spec);
            if (hosts.isEmpty()) {
                throw RtcException.failure("no local address to gather from (try --include-loopback or"
                        + " --interface)");
            }
            // with a room, standard output no longer carries a description: the report goes there
            PrintWriter report = output != null ? openOutput()
                    : room != null ? spec.commandLine().getOut() : spec.commandLine().getErr();
            try {
                return run(new IceSession.Options(hosts, stun, GATHER_TIMEOUT, Duration.ofMillis(500), turnServers,
                        credentials, trust::forHost, policy == GatherCommand.Policy.relay), traffic, report,
                        room, joined);
            } finally {
                report.flush();
                if (output != null) {
                    report.close();
                }
            }
        }
    }

    /** The signal server's STUN and TURN servers into the lists; the credentials of its first TURN server. */
    private CredentialSource handedOut(List<SignalServer.IceServer> given, List<IceServerUri> stun,
                                       List<IceServerUri> turnServers, CredentialSource credentials) {
        CredentialSource out = credentials;
        for (SignalServer.IceServer s : given) {
            for (String u : s.urls()) {
                IceServerUri uri;
                try {
                    uri = IceServerUri.parse(u);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("rtc ice: the signal server's ICE server " + u
                            + " is not used: " + e.getMessage());
                    continue;
                }
                if (uri.isTurn()) {
                    if (s.username() == null && out == null) {
                        continue;
                    }
                    turnServers.add(uri);
                    if (out == null && s.username() != null) {
                        out = new CredentialSource.Fixed(new TurnCredentials(s.username(), s.credential()));
                    }
                } else if (!uri.scheme().secure() && policy != GatherCommand.Policy.relay) {
                    stun.add(uri);
                }
            }
        }
        return out;
    }

    private int run(IceSession.Options options, MeasureProfile traffic, PrintWriter report, RoomClient room,
                    RoomClient.Joined joined) throws IOException, InterruptedException {
        Duration consentInterval = consentTimeout.dividedBy(6);
        // through a room the first member offers and is controlling; by hand the tie-breakers settle it
        boolean controlling = role == Role.auto && joined != null ? joined.first() : role != Role.controlled;
        AgentConfig config = AgentConfig.random(controlling).withTa(pace)
                .withCheckTimeout(timeout.compareTo(Duration.ofSeconds(8)) < 0 ? timeout : Duration.ofSeconds(8))
                .withConsent(consentInterval.compareTo(Duration.ofSeconds(5)) < 0 ? consentInterval
                        : Duration.ofSeconds(5), consentTimeout);
        IceAgent.Listener events = format == Format.ndjson ? events(report) : null;
        try (IceSession session = IceSession.open(options, config, events, Clock.system());
             SignalExchange exchange = room == null ? null : new SignalExchange(room, joined, this::progress)) {
            IceDescription peer;
            SignalledPeer signalled = null;
            if (exchange == null) {
                PrintWriter out = spec.commandLine().getOut();
                out.print(session.description().text());
                out.flush();
                peer = readPeer();
            } else {
                DtlsCertificate certificate = DtlsCertificate.generate();
                SignalExchange.Negotiated n = exchange.exchange(session.description(), certificate.fingerprint(),
                        PEER_WAIT, TRICKLE_WAIT);
                signalled = new SignalledPeer(room.where(), joined.member(), certificate, n);
                peer = n.remote();
            }
            PathMeasurement measurement = PathMeasurement.attach(session, Clock.system(), new SecureRandom());
            List<String> unusable = session.start(peer);
            if (events != null) {
                session.agent().remoteCandidates().forEach(c -> events.candidate(c, false));
            }
            boolean settled = session.await(timeout);
            IceAgent agent = session.agent();
            String stopped = null;
            DtlsSession dtls = null;
            if (settled && agent.state() == IceAgent.State.CONNECTED) {
                if (signalled != null) {
                    // over the selected pair, as a browser does next; what is not DTLS goes on to --measure
                    progress("ICE connected; DTLS handshake as the " + signalled.negotiated().dtlsRole());
                    dtls = DtlsSession.handshake(session, measurement, signalled.certificate(),
                            signalled.negotiated().remoteSdp().fingerprint(), signalled.negotiated().dtlsClient()
                                    ? DtlsSession.Role.CLIENT : DtlsSession.Role.SERVER, DTLS_TIMEOUT);
                }
                if (exchange != null) {
                    exchange.sendStats(IceOutput.statsMessage(agent.selected(), agent.controlling()));
                }
                if (measure != null) {
                    stopped = measurement.stream(traffic, measure, events == null ? null
                            : p -> emit(report, IceOutput.event("measure", IceOutput.progress(p))));
                }
                if (stopped == null) {
                    // reflect for as long as the peer measures, bounded by the longest measurement it may ask for
                    measurement.linger(measure == null ? LINGER : Duration.ofMillis(200),
                            timeout.plus(MAX_MEASURE).plus(Duration.ofSeconds(10)));
                }
            } else if (measure != null) {
                stopped = "not connected";
            }
            if (dtls != null) {
                dtls.close();
            }
            session.onData(null);
            agent.close();
            PathMeasurement.Result measured = measurement.result(measure == null ? null : traffic, measure, stopped);
            DtlsResult handshake = dtls == null ? null : dtls.result();
            IceOutput.Result r = result(agent, unusable, session.warnings(), session.relays(),
                    measure != null && stopped != null || handshake != null && !handshake.completed());
            JsonNode peerView = exchange == null ? null
                    : exchange.peerStats(agent.selected() != null ? PEER_STATS_WAIT : Duration.ZERO);
            switch (format) {
                case text -> {
                    IceOutput.text(r).forEach(report::println);
                    IceOutput.measureText(measured).forEach(report::println);
                    if (signalled != null) {
                        IceOutput.signalText(signalled, handshake, peerView).forEach(report::println);
                    }
                }
                case json -> report.println(Json.pretty(IceOutput.withSignal(
                        IceOutput.withMeasure(IceOutput.json(r), measured), signalled, handshake, peerView)));
                case ndjson -> report.println(Json.line(IceOutput.event("result", IceOutput.withSignal(
                        IceOutput.withMeasure(IceOutput.json(r), measured), signalled, handshake, peerView))));
            }
            return r.exitCode();
        }
    }

    private IceOutput.Result result(IceAgent agent, List<String> unusable, List<String> warnings,
                                    List<IceSession.RelayState> relays, boolean measureStopped) {
        PairSnapshot selected = agent.selected();
        // consent lost while lingering still counts as connected: the agent did connect
        boolean connected = selected != null;
        Exit exit;
        if (!connected || measureStopped) {
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

    /**
     * What a room's exchange settled, kept with the session's DTLS certificate (the one whose fingerprint went
     * into this side's SDP, so that a DTLS handshake over the selected pair presents it).
     */
    record SignalledPeer(String room, String member, DtlsCertificate certificate,
                         SignalExchange.Negotiated negotiated) {
    }

    private void progress(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("rtc ice: " + line);
        err.flush();
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
                IceCommand.emit(report, node);
            }
        };
    }

    private static void emit(PrintWriter report, Object node) {
        synchronized (report) {
            report.println(Json.line(node));
            report.flush();
        }
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
