package dev.rtc.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.Exit;
import dev.rtc.RtcException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The offer/answer of {@code rtc ice --signal URL} through a room: the member that joined first waits for the
 * other, offers ({@code a=setup:actpass}) and is controlling; the second answers (taking the DTLS client role,
 * {@code a=setup:active}, when offered actpass). The peer's candidates come inside its SDP and as trickled
 * {@code {"type":"candidate"}} messages, before or after its description; the exchange waits for its end of
 * candidates (an empty candidate, {@code {"type":"end-of-candidates"}} or {@code a=end-of-candidates}) at most
 * the trickle wait. Afterwards the room stays open for {@code {"type":"stats"}} messages: the peer's own view.
 */
public final class SignalExchange implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the exchange settled.
     *
     * @param remote          the peer's ICE credentials and every candidate it gave (in its SDP and trickled)
     * @param remoteSdp       the rest of the peer's description: fingerprint, setup, mid
     * @param offerer         whether this side made the offer (it joined first)
     * @param localSetup      the a=setup this side sent
     * @param dtlsClient      whether this side is the DTLS client (active) by the negotiated setup
     * @param sdp             the description this side sent
     */
    public record Negotiated(IceDescription remote, Sdp.Remote remoteSdp, boolean offerer, Sdp.Setup localSetup,
                             boolean dtlsClient, String sdp) {
        /** "client" or "server". */
        public String dtlsRole() {
            return dtlsClient ? "client" : "server";
        }
    }

    private final RoomClient room;
    private final RoomClient.Joined joined;
    private final Consumer<String> progress;
    private final BlockingQueue<RoomClient.Event> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> stats = new ArrayList<>();
    private final Thread poller;
    private volatile boolean closed;

    /** Starts polling the room the member has joined; {@code progress} hears one line per step (or null). */
    public SignalExchange(RoomClient room, RoomClient.Joined joined, Consumer<String> progress) {
        this.room = room;
        this.joined = joined;
        this.progress = progress == null ? s -> { } : progress;
        this.poller = new Thread(this::pollLoop, "rtc-signal-poll");
        poller.setDaemon(true);
        poller.start();
    }

    private void pollLoop() {
        while (!closed) {
            try {
                events.addAll(room.poll());
            } catch (RtcException e) {
                if (!closed) {
                    events.add(new RoomClient.Event(-1, "error", JSON.getNodeFactory().textNode(e.getMessage())));
                }
                return;
            }
        }
    }

    /**
     * Sends this side's description and reads the peer's.
     *
     * @param local       this side's credentials and candidates, gathering done
     * @param fingerprint the a=fingerprint value of the session's DTLS certificate
     * @param peerWait    how long to wait for the other member to join and describe itself
     * @param trickleWait how long, once the peer's description is here, to wait for its end of candidates
     */
    public Negotiated exchange(IceDescription local, String fingerprint, Duration peerWait, Duration trickleWait)
            throws InterruptedException {
        long deadline = System.nanoTime() + peerWait.toNanos();
        Collected c = new Collected();
        boolean offerer = joined.first();
        String sent;
        Sdp.Setup setup;
        if (offerer) {
            if (!joined.peerPresent()) {
                progress.accept("waiting for the other side to join room " + room.room() + " (" + room.where()
                        + ")");
                while (!c.peerJoined) {
                    take(c, deadline, "to join the room");
                }
            }
            setup = Sdp.Setup.actpass;
            sent = Sdp.write(withoutCandidates(local), fingerprint, setup, "0", new SecureRandom().nextLong());
            room.send(JSON.createObjectNode().put("type", "offer").put("sdp", sent));
            trickle(local, "0");
            progress.accept("offer sent; waiting for the answer");
            while (c.answer == null) {
                take(c, deadline, "to answer the offer");
            }
        } else {
            progress.accept("joined room " + room.room() + " second: waiting for the other side's offer");
            while (c.offer == null) {
                take(c, deadline, "to send its offer");
            }
            Sdp.Remote offer = read(c.offer);
            setup = (offer.setup() == null ? Sdp.Setup.actpass : offer.setup()).answer();
            String mid = offer.mid() == null ? "0" : offer.mid();
            sent = Sdp.write(withoutCandidates(local), fingerprint, setup, mid, new SecureRandom().nextLong());
            room.send(JSON.createObjectNode().put("type", "answer").put("sdp", sent));
            trickle(local, mid);
            progress.accept("answer sent");
        }
        Sdp.Remote remote = read(offerer ? c.answer : c.offer);
        long trickleEnd = System.nanoTime() + trickleWait.toNanos();
        while (!remote.ice().endOfCandidates() && !c.end) {
            if (!take(c, Math.min(trickleEnd, deadline + trickleWait.toNanos()), null)) {
                break;
            }
        }
        List<RemoteCandidate> all = new ArrayList<>(remote.ice().candidates());
        for (RemoteCandidate r : c.candidates) {
            if (!all.contains(r)) {
                all.add(r);
            }
        }
        IceDescription ice = new IceDescription(remote.ice().ufrag(), remote.ice().pwd(), remote.ice().options(),
                all, remote.ice().endOfCandidates() || c.end);
        boolean client;
        if (offerer) {
            // the answerer chose: active makes it the client, so this side the server
            client = remote.setup() == Sdp.Setup.passive;
        } else {
            client = setup == Sdp.Setup.active;
        }
        return new Negotiated(ice, remote, offerer, setup, client, sent);
    }

    /** The description's credentials and options; its candidates go after it, trickled. */
    private static IceDescription withoutCandidates(IceDescription d) {
        return new IceDescription(d.ufrag(), d.pwd(), d.options(), List.of(), false);
    }

    /**
     * Trickle ICE as a browser does it: each candidate in a message of its own after the description
     * ({@code {"type":"candidate","candidate":"candidate:...","sdpMid":MID,"sdpMLineIndex":0}}), then an empty
     * candidate for the end of candidates.
     */
    private void trickle(IceDescription local, String mid) {
        for (RemoteCandidate c : local.candidates()) {
            room.send(JSON.createObjectNode().put("type", "candidate").put("candidate", c.sdp()).put("sdpMid", mid)
                    .put("sdpMLineIndex", 0));
        }
        room.send(JSON.createObjectNode().put("type", "candidate").put("candidate", "").put("sdpMid", mid)
                .put("sdpMLineIndex", 0));
    }

    private static Sdp.Remote read(String sdp) {
        try {
            return Sdp.read(sdp);
        } catch (DescriptionException e) {
            throw new RtcException(Exit.USAGE, "the peer's description: " + e.getMessage());
        }
    }

    /** What the peer has told so far. */
    private static final class Collected {
        boolean peerJoined;
        String offer;
        String answer;
        final List<RemoteCandidate> candidates = new ArrayList<>();
        boolean end;
    }

    /**
     * Takes one event until {@code deadline} (nanoTime): false when the time is up and {@code waitingFor} is null,
     * a failure naming what the peer did not do otherwise.
     */
    private boolean take(Collected c, long deadline, String waitingFor) throws InterruptedException {
        long left = deadline - System.nanoTime();
        RoomClient.Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
        if (e == null) {
            if (waitingFor == null) {
                return false;
            }
            throw RtcException.failure("the other side of room " + room.room() + " did not come " + waitingFor
                    + " in time");
        }
        switch (e.kind()) {
            case "peer-joined" -> {
                c.peerJoined = true;
                progress.accept("the other side joined");
            }
            case "peer-left" -> throw RtcException.failure("the other side left room " + room.room()
                    + " before the descriptions were exchanged"
                    + (e.data() != null && e.data().has("reason") ? " (" + e.data().get("reason").asText() + ")"
                    : ""));
            case "error" -> throw RtcException.failure(e.data().asText());
            case "message" -> message(c, e.data());
            default -> {
                // a kind this rtc does not know: a newer server's, not for this exchange
            }
        }
        return true;
    }

    private void message(Collected c, JsonNode m) {
        if (m == null) {
            return;
        }
        String type = m.path("type").asText();
        switch (type) {
            case "offer" -> c.offer = m.path("sdp").asText(null);
            case "answer" -> c.answer = m.path("sdp").asText(null);
            case "candidate" -> {
                String line = m.path("candidate").asText("");
                if (line.isEmpty()) {
                    c.end = true;
                } else {
                    try {
                        c.candidates.add(RemoteCandidate.parse(line));
                    } catch (DescriptionException e) {
                        throw new RtcException(Exit.USAGE, "the peer's trickled candidate: " + e.getMessage());
                    }
                }
            }
            case "end-of-candidates" -> c.end = true;
            case "stats" -> {
                synchronized (stats) {
                    stats.add(m);
                }
            }
            default -> {
                // other types are for other peers (the page ignores unknown types the same way)
            }
        }
        if (c.offer == null && type.equals("offer") || c.answer == null && type.equals("answer")) {
            throw new RtcException(Exit.USAGE, "the peer's " + type + " has no \"sdp\" string");
        }
    }

    /** Posts this side's view into the room ({@code {"type":"stats",...}}, as the page does). */
    public void sendStats(ObjectNode view) {
        ObjectNode m = JSON.createObjectNode().put("type", "stats");
        m.setAll(view);
        try {
            room.send(m);
        } catch (RtcException e) {
            // the peer or the server has gone: its view is what is missing, not ours
        }
    }

    /** The peer's last {"type":"stats"} message, waiting at most {@code wait} for one; null if none came. */
    public JsonNode peerStats(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Collected ignored = new Collected();
        while (true) {
            synchronized (stats) {
                if (!stats.isEmpty()) {
                    return stats.get(stats.size() - 1);
                }
            }
            long left = deadline - System.nanoTime();
            // what has come already counts even when there is no time left to wait
            RoomClient.Event e = left <= 0 ? events.poll() : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return null;
            }
            if (e.kind().equals("message")) {
                try {
                    message(ignored, e.data());
                } catch (RtcException late) {
                    // a late malformed message changes nothing now
                }
            }
        }
    }

    /** Stops polling and leaves the room. */
    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        room.close();
    }
}
