package dev.rtc.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.Exit;
import dev.rtc.RtcException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * One member of a room of `rtc signal-server`, speaking its HTTP protocol (see {@link SignalServer}): join, send,
 * long-poll with {@code after}, leave on close. Every failure is an {@link RtcException} with one line: a URL that
 * is not a room's is a usage error (exit 2); a full room, a refusal or a server that cannot be reached is a failure
 * (exit 1).
 */
public final class RoomClient implements AutoCloseable {
    /** How long one request other than a poll may take. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server says at join. */
    public record Joined(String member, boolean first, boolean peerPresent, List<SignalServer.IceServer> iceServers) {
    }

    /** One event of a poll: "peer-joined", "message" (data is the message) or "peer-left". */
    public record Event(long seq, String kind, JsonNode data) {
    }

    private final HttpClient http;
    private final URI base;
    private final String room;
    private Joined joined;
    private long after;
    private volatile boolean closed;

    private RoomClient(HttpClient http, URI base, String room) {
        this.http = http;
        this.base = base;
        this.room = room;
    }

    /**
     * The room URL of {@code rtc ice --signal}: http:// or https://, a host, and one path segment (the room).
     *
     * @throws RtcException (usage) naming what is wrong with it
     */
    public static URI parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw RtcException.usage("--signal " + url + ": not a URL (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw RtcException.usage("--signal " + url + ": a room URL is http://HOST:PORT/ROOM or https://...,"
                    + " or - for standard input and output");
        }
        if (u.getHost() == null) {
            throw RtcException.usage("--signal " + url + ": the URL has no host");
        }
        String path = u.getPath() == null ? "" : u.getPath();
        String room = path.startsWith("/") ? path.substring(1) : path;
        if (room.endsWith("/")) {
            room = room.substring(0, room.length() - 1);
        }
        if (!Rooms.ROOM_NAME.matcher(room).matches()) {
            throw RtcException.usage("--signal " + url + ": the path must be the room, /NAME with 1 to 64 letters,"
                    + " digits, '-' or '_' (the page's address, without ?policy or other options)");
        }
        return u;
    }

    /** Connects to the room of a URL {@link #parse} accepted; {@code tls} (or null: the system's) for https. */
    public static RoomClient open(URI url, SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            b.sslContext(tls);
        }
        String path = url.getPath().substring(1);
        String room = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        URI base = URI.create(url.getScheme() + "://" + url.getRawAuthority() + "/" + room + "/");
        return new RoomClient(b.build(), base, room);
    }

    /** The room's name. */
    public String room() {
        return room;
    }

    /** Where the server is, for messages: scheme://host:port/room. */
    public String where() {
        return base.toString().substring(0, base.toString().length() - 1);
    }

    /** Joins the room: the member id, whether first, and the ICE servers the server hands out. */
    public Joined join() {
        JsonNode j = request("POST", "join", null, REQUEST_TIMEOUT);
        List<SignalServer.IceServer> servers = new ArrayList<>();
        for (JsonNode s : j.path("iceServers")) {
            List<String> urls = new ArrayList<>();
            JsonNode u = s.path("urls");
            if (u.isTextual()) {
                urls.add(u.asText());
            } else {
                u.forEach(x -> urls.add(x.asText()));
            }
            servers.add(new SignalServer.IceServer(urls, s.hasNonNull("username") ? s.get("username").asText() : null,
                    s.hasNonNull("credential") ? s.get("credential").asText() : null));
        }
        if (!j.path("member").isTextual()) {
            throw RtcException.failure(where() + ": the join answer has no member id (not an rtc signal-server?)");
        }
        joined = new Joined(j.get("member").asText(), j.path("first").asBoolean(), j.path("peerPresent").asBoolean(),
                servers);
        return joined;
    }

    /** Sends one message (a JSON object with a "type") to the other member. */
    public void send(ObjectNode message) {
        request("POST", "send?member=" + member(), message, REQUEST_TIMEOUT);
    }

    /** One poll: the events after the last one seen, waiting at most the server's hold (an empty list then). */
    public List<Event> poll() {
        JsonNode j = request("GET", "poll?member=" + member() + "&after=" + after,
                null, Duration.ofSeconds(SignalServer.POLL_HOLD_SECONDS + 10));
        List<Event> out = new ArrayList<>();
        for (JsonNode e : j.path("events")) {
            long seq = e.path("seq").asLong();
            if (seq <= after) {
                continue;
            }
            after = seq;
            out.add(new Event(seq, e.path("kind").asText(), e.get("data")));
        }
        return out;
    }

    private String member() {
        if (joined == null) {
            throw new IllegalStateException("not joined");
        }
        return joined.member();
    }

    private JsonNode request(String method, String what, ObjectNode body, Duration timeout) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(what)).timeout(timeout)
                .header("Accept", "application/json");
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(json(body)));
        HttpResponse<String> resp;
        try {
            resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw RtcException.failure(where() + ": the signal server did not accept a connection within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw RtcException.failure(where() + ": the signal server did not answer " + what.split("\\?")[0]
                    + " within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw RtcException.failure(where() + ": cannot reach the signal server (connection refused)");
        } catch (SSLException e) {
            throw RtcException.failure(where() + ": TLS with the signal server failed: " + e.getMessage());
        } catch (IOException e) {
            throw RtcException.failure(where() + ": cannot reach the signal server ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RtcException.failure(where() + ": interrupted");
        }
        JsonNode j;
        try {
            j = JSON.readTree(resp.body());
        } catch (IOException e) {
            j = null;
        }
        if (resp.statusCode() / 100 != 2) {
            String error = j != null && j.path("error").isTextual() ? j.get("error").asText()
                    : "HTTP " + resp.statusCode();
            if (resp.statusCode() == 409) {
                throw new RtcException(Exit.FAILURE, "room " + room + " at " + where() + " is full: two members"
                        + " are in it already (use another room name)");
            }
            throw RtcException.failure(where() + ": the signal server refused " + what.split("\\?")[0] + ": "
                    + error + " (HTTP " + resp.statusCode() + ")");
        }
        if (j == null || !j.isObject()) {
            throw RtcException.failure(where() + ": the answer to " + what.split("\\?")[0] + " is not JSON (not an"
                    + " rtc signal-server?)");
        }
        return j;
    }

    private static byte[] json(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leaves the room (once; a server that has gone already is not an error here). */
    @Override
    public void close() {
        if (closed || joined == null) {
            return;
        }
        closed = true;
        try {
            request("POST", "leave?member=" + joined.member(), null, Duration.ofSeconds(3));
        } catch (RtcException e) {
            // the server or the room has gone: there is nothing left to leave
        }
    }
}
