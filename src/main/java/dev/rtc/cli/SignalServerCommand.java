package dev.rtc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.RtcException;
import dev.rtc.ice.IceServerUri;
import dev.rtc.net.Addresses;
import dev.rtc.net.Durations;
import dev.rtc.output.Json;
import dev.rtc.server.ServerTls;
import dev.rtc.signal.Rooms;
import dev.rtc.signal.SignalServer;
import dev.rtc.turn.CredentialSource;
import dev.rtc.turn.TurnCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rtc signal-server}: rooms of two and the test page that makes a browser the peer. */
@Command(name = "signal-server", mixinStandardHelpOptions = true,
        description = {"A signalling server with rooms of two, and the page that makes a browser one end of a"
                + " connection test. Open http://ADDR:PORT/ in a browser (a room is made up and put in the"
                + " address; send that link to the other side) or http://ADDR:PORT/ROOM: the page joins the room,"
                + " makes an RTCPeerConnection with the --ice-server servers (?policy=relay: relays only), and shows"
                + " its candidates, the ICE and DTLS states, the selected candidate pair and a verdict; once"
                + " connected it posts what it sees into the room, so that the other side (another browser, or"
                + " rtc) can report it.",
                "Rooms: the first member waits, the second joins and a third is refused (\"room full\"); messages"
                + " from one member go to the other in order; a member that leaves or stops polling for"
                + " " + "the member timeout is announced to the other. The protocol is plain HTTP with JSON bodies"
                + " (POST /ROOM/join, POST /ROOM/send?member=ID, GET /ROOM/poll?member=ID&after=SEQ, POST"
                + " /ROOM/leave?member=ID; a poll is held up to 20 s), messages in the browser's own shapes"
                + " ({\"type\":\"offer\",\"sdp\":...}, {\"type\":\"candidate\",\"candidate\":...,\"sdpMid\":...,"
                + "\"sdpMLineIndex\":...}). Errors are {\"error\":\"...\"} to the member that caused them only.",
                "TLS (--cert, --key) is needed when the page is opened from another machine: browsers allow"
                + " WebRTC's full candidate list and some APIs only on a secure origin (https:, or"
                + " http://localhost). Runs until Ctrl-C or SIGTERM (exit 0)."},
        footerHeading = "%nExamples:%n",
        footer = {"  rtc signal-server",
                "      rooms on http://127.0.0.1:8088/; open it in a browser on this machine",
                "  rtc signal-server --listen 0.0.0.0:8443 --cert fullchain.pem --key privkey.pem \\",
                "      --ice-server stun:turn.example.org --ice-server 'turn:turn.example.org?transport=tcp' \\",
                "      --secret-file /etc/turn-secret",
                "      for others: each member is handed the servers, with REST credentials minted at join",
                "  rtc signal-server --verbose --format json",
                "      one JSON line per join, message, leave and expiry on stdout",
                "",
                "Exit codes:",
                "  0  stopped by Ctrl-C or SIGTERM",
                "  1  the address cannot be bound (in use, not local)",
                "  2  usage: bad option, address, URI, certificate or key"})
public final class SignalServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    TurnCredentialOptions turn = new TurnCredentialOptions();

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = "127.0.0.1:8088",
            description = "Where to serve the page and the rooms (default: ${DEFAULT-VALUE}; 0.0.0.0:8088 to"
                    + " serve others).")
    String listen;

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate chain (PEM): serve https:.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key (PEM, unencrypted PKCS#8) of --cert.")
    Path key;

    @Option(names = "--ice-server", paramLabel = "URI",
            description = "A stun:, turn: or turns: server each member of a room is given (the page uses them);"
                    + " repeatable."
                    + " TURN servers get the credentials of -u/--credential-file or, minted at each join,"
                    + " --secret/--secret-file.")
    List<String> iceServers = new ArrayList<>();

    @Option(names = "--max-rooms", paramLabel = "N", defaultValue = "1000",
            description = "Rooms open at once (default: ${DEFAULT-VALUE}).")
    int maxRooms;

    @Option(names = "--max-message", paramLabel = "BYTES", defaultValue = "65536",
            description = "Largest message relayed (default: ${DEFAULT-VALUE}; a browser's SDP is a few KB).")
    int maxMessage;

    @Option(names = "--max-messages", paramLabel = "N", defaultValue = "1000",
            description = "Messages one room relays in its life (default: ${DEFAULT-VALUE}).")
    int maxMessages;

    @Option(names = "--room-idle", paramLabel = "DURATION", defaultValue = "10m",
            description = "Close a room that has had no join and no message for this long (default:"
                    + " ${DEFAULT-VALUE}). DURATION: " + Durations.SYNTAX + ".")
    Duration roomIdle;

    @Option(names = "--member-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "A member with no poll open and no request for this long has gone, and the other"
                    + " member is told (default: ${DEFAULT-VALUE}). DURATION: " + Durations.SYNTAX + ".")
    Duration memberTimeout;

    @Option(names = {"-v", "--verbose"}, description = "One log line per join, message, leave and expiry on stdout"
            + " (message types and sizes; a page's posted stats in full).")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        InetSocketAddress address = OptionValues.literal(spec, "--listen", listen, 8088);
        OptionValues.atLeastOne("--max-rooms", maxRooms);
        OptionValues.atLeastOne("--max-messages", maxMessages);
        if (maxMessage < 64 || maxMessage > 16 << 20) {
            throw RtcException.usage("--max-message " + maxMessage + ": it must be 64 bytes to 16 MiB");
        }
        if ((cert == null) != (key == null)) {
            throw RtcException.usage("--cert and --key go together");
        }
        List<IceServerUri> uris = new ArrayList<>();
        for (String s : iceServers) {
            try {
                uris.add(IceServerUri.parse(s));
            } catch (IllegalArgumentException e) {
                throw RtcException.usage("--ice-server " + s + ": " + e.getMessage());
            }
        }
        CredentialSource credentials = turn.source(System.getenv());
        if (credentials != null && uris.stream().noneMatch(IceServerUri::isTurn)) {
            throw RtcException.usage("TURN credentials given but no turn: or turns: --ice-server");
        }
        SSLContext tls = cert == null ? null : ServerTls.load("--cert", cert, "--key", key);
        Rooms.Limits limits = new Rooms.Limits(maxRooms, maxMessage, maxMessages, roomIdle.toNanos(),
                memberTimeout.toNanos());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<Rooms.Activity> log = verbose ? a -> log(out, a) : null;
        SignalServer server;
        try {
            server = SignalServer.start(new SignalServer.Options(address, tls, limits, () -> handed(uris,
                    credentials)), log);
        } catch (IOException e) {
            throw RtcException.failure("cannot listen on " + Addresses.format(address) + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            server.close();
            stopped.countDown();
        };
        try {
            serve(server, tls, uris, stop, stopped, err);
        } finally {
            server.close();
        }
        out.flush();
        err.println("rtc signal-server: stopped");
        err.flush();
        return 0;
    }

    private void serve(SignalServer server, SSLContext tls, List<IceServerUri> uris, Runnable stop,
                       CountDownLatch stopped, PrintWriter err) throws InterruptedException {
        Interrupt.untilStopped("rtc-signal-server", stop, () -> {
            InetSocketAddress bound = server.address();
            String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                    : bound.getAddress() instanceof java.net.Inet6Address
                    ? "[" + Addresses.formatHost(bound.getAddress()) + "]" : Addresses.formatHost(bound.getAddress());
            err.println("rtc signal-server: rooms on " + (tls == null ? "http" : "https") + "://" + host + ":"
                    + bound.getPort() + "/ (open it in a browser; each link /ROOM is one room of two)"
                    + (uris.isEmpty() ? "" : "; ICE servers handed out: " + String.join(", ", iceServers))
                    + "; Ctrl-C stops");
            err.flush();
            stopped.await();
        });
    }

    /** The servers a joining member is given, with credentials for the TURN ones (minted now, for REST). */
    private static List<SignalServer.IceServer> handed(List<IceServerUri> uris, CredentialSource credentials) {
        TurnCredentials c = credentials == null ? null : credentials.credentials(Instant.now());
        List<SignalServer.IceServer> list = new ArrayList<>();
        for (IceServerUri u : uris) {
            boolean withCredentials = u.isTurn() && c != null;
            list.add(new SignalServer.IceServer(List.of(u.text()), withCredentials ? c.username() : null,
                    withCredentials ? c.password() : null));
        }
        return list;
    }

    private void log(PrintWriter out, Rooms.Activity a) {
        JsonNode detail = a.detail();
        String type = detail == null ? null : detail.path("type").asText(null);
        String line;
        if (output.json()) {
            ObjectNode n = Json.object();
            n.put("time", Instant.now().toString());
            n.put("room", a.room());
            if (a.member() != null) {
                n.put("member", a.member().substring(0, 8));
            }
            n.put("event", a.what());
            if (type != null) {
                n.put("type", type);
                n.put("bytes", detail.toString().length());
                if (type.equals("stats")) {
                    n.set("stats", detail);
                }
            }
            line = Json.line(n);
        } else {
            line = Instant.now() + " room " + a.room() + (a.member() == null ? "" : " member "
                    + a.member().substring(0, 8)) + ": " + a.what()
                    + (type == null ? "" : " " + type + " (" + detail.toString().length() + " bytes)")
                    + ("stats".equals(type) ? " " + detail : "");
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
