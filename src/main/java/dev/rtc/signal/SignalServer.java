package dev.rtc.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.rtc.net.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The HTTP side of `rtc signal-server`: the page at {@code /} and {@code /ROOM}, and the room protocol over plain
 * HTTP requests with JSON bodies, so that a browser needs no library and rtc no WebSocket code:
 * <pre>
 * POST /ROOM/join                       -> {"member":ID,"first":bool,"peerPresent":bool,"iceServers":[...]}
 * POST /ROOM/send?member=ID   {"type":...,...}   -> {"ok":true}
 * GET  /ROOM/poll?member=ID&amp;after=SEQ   -> {"events":[{"seq":N,"kind":"peer-joined|message|peer-left","data":...}]}
 * POST /ROOM/leave?member=ID            -> {"ok":true}
 * </pre>
 * A poll is held open until the member has an event or {@link #POLL_HOLD_SECONDS} pass (then it is answered with
 * no events); a member that has no poll open and has asked nothing for the member timeout is taken as gone. Errors
 * are {@code {"error":"one line"}} with a 4xx or 5xx status, to the member that caused them only. A held poll takes
 * no thread: it is answered from the thread that brings its event.
 */
public final class SignalServer implements AutoCloseable {
    /** How long a poll is held open at most. */
    public static final int POLL_HOLD_SECONDS = 20;

    /** A STUN or TURN server handed to the page, in the shape of the browser's RTCIceServer. */
    public record IceServer(List<String> urls, String username, String credential) {
    }

    /** Where to listen, TLS (or null), the room bounds, and the servers each joining member is given. */
    public record Options(InetSocketAddress listen, SSLContext tls, Rooms.Limits limits,
                          Supplier<List<IceServer>> iceServers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PAGE = page();

    private final Options options;
    private final Rooms rooms;
    private final HttpServer http;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<String, Poll> polls = new ConcurrentHashMap<>();

    private record Poll(HttpExchange exchange, String room, String member, long after, ScheduledFuture<?>[] timeout) {
    }

    private SignalServer(Options options, Consumer<Rooms.Activity> log) throws IOException {
        this.options = options;
        this.rooms = new Rooms(options.limits(), Clock.system(), log);
        this.workers = Executors.newFixedThreadPool(4, daemon("rtc-signal-http"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("rtc-signal-timer"));
        if (options.tls() != null) {
            HttpsServer s = HttpsServer.create(options.listen(), 64);
            s.setHttpsConfigurator(new HttpsConfigurator(options.tls()));
            http = s;
        } else {
            http = HttpServer.create(options.listen(), 64);
        }
        http.setExecutor(workers);
        http.createContext("/", this::handle);
        rooms.onEvents(member -> workers.execute(() -> answerHeldPoll(member)));
    }

    /** Binds and starts serving; {@code log} (or null) hears every join, message, leave and expiry. */
    public static SignalServer start(Options options, Consumer<Rooms.Activity> log) throws IOException {
        SignalServer s = new SignalServer(options, log);
        s.http.start();
        s.timer.scheduleWithFixedDelay(s.rooms::expire, 1, 1, TimeUnit.SECONDS);
        return s;
    }

    /** The address it listens on (the port the system chose, when 0 was asked). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The rooms, for tests and metrics. */
    public Rooms rooms() {
        return rooms;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static byte[] page() {
        try (InputStream in = SignalServer.class.getResourceAsStream("page.html")) {
            if (in == null) {
                throw new IllegalStateException("the signal page is missing from rtc's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (Rooms.RefusedException e) {
            error(ex, e.refusal().status(), e.getMessage());
        } catch (RuntimeException e) {
            error(ex, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void route(HttpExchange ex) throws IOException, Rooms.RefusedException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        String[] parts = path.substring(1).split("/", -1);
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (parts.length == 1 && (parts[0].isEmpty() || Rooms.ROOM_NAME.matcher(parts[0]).matches())) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                error(ex, 405, method + " " + path + ": only GET");
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
            send(ex, 200, method.equals("HEAD") ? null : PAGE, PAGE.length);
            return;
        }
        if (parts.length != 2 || !Rooms.ROOM_NAME.matcher(parts[0]).matches()) {
            error(ex, 404, "no such page: " + path);
            return;
        }
        String room = parts[0];
        String member = query.get("member");
        switch (parts[1]) {
            case "join" -> {
                requireMethod(ex, "POST");
                Rooms.Joined j = rooms.join(room);
                ObjectNode out = JSON.createObjectNode();
                out.put("member", j.member());
                out.put("first", j.first());
                out.put("peerPresent", j.peerPresent());
                ArrayNode servers = out.putArray("iceServers");
                for (IceServer s : options.iceServers().get()) {
                    ObjectNode o = servers.addObject();
                    ArrayNode urls = o.putArray("urls");
                    s.urls().forEach(urls::add);
                    if (s.username() != null) {
                        o.put("username", s.username());
                        o.put("credential", s.credential());
                    }
                }
                json(ex, 200, out);
            }
            case "send" -> {
                requireMethod(ex, "POST");
                byte[] body = body(ex, options.limits().maxMessageBytes());
                rooms.send(room, member, body);
                json(ex, 200, JSON.createObjectNode().put("ok", true));
            }
            case "leave" -> {
                requireMethod(ex, "POST");
                rooms.leave(room, member);
                json(ex, 200, JSON.createObjectNode().put("ok", true));
            }
            case "poll" -> {
                requireMethod(ex, "GET");
                long after;
                try {
                    after = Long.parseLong(query.getOrDefault("after", "0"));
                } catch (NumberFormatException e) {
                    error(ex, 400, "after=" + query.get("after") + ": not a number");
                    return;
                }
                poll(ex, room, member, after);
            }
            default -> error(ex, 404, "no such request: " + parts[1] + " (join, send, poll, leave)");
        }
    }

    private static void requireMethod(HttpExchange ex, String method) throws Rooms.RefusedException {
        if (!ex.getRequestMethod().equals(method)) {
            throw new Rooms.RefusedException(Rooms.Refusal.WRONG_METHOD, "use " + method);
        }
    }

    private void poll(HttpExchange ex, String room, String member, long after) throws Rooms.RefusedException,
            IOException {
        List<Rooms.Event> now = rooms.events(room, member, after);
        if (!now.isEmpty()) {
            events(ex, now);
            return;
        }
        ScheduledFuture<?>[] timeout = new ScheduledFuture<?>[1];
        Poll p = new Poll(ex, room, member, after, timeout);
        Poll older = polls.put(member, p);
        if (older != null) {
            finish(older, List.of());
        }
        rooms.waiting(room, member, true);
        timeout[0] = timer.schedule(() -> {
            if (polls.remove(member, p)) {
                rooms.waiting(room, member, false);
                workers.execute(() -> finish(p, List.of()));
            }
        }, POLL_HOLD_SECONDS, TimeUnit.SECONDS);
        // an event that came between the first look and the registration is not lost
        answerHeldPoll(member);
    }

    private void answerHeldPoll(String member) {
        Poll p = polls.get(member);
        if (p == null) {
            return;
        }
        List<Rooms.Event> events;
        try {
            events = rooms.events(p.room(), member, p.after());
        } catch (Rooms.RefusedException e) {
            if (polls.remove(member, p)) {
                cancel(p);
                try {
                    error(p.exchange(), e.refusal().status(), e.getMessage());
                } catch (IOException ignored) {
                    // the member has gone
                }
            }
            return;
        }
        if (!events.isEmpty() && polls.remove(member, p)) {
            cancel(p);
            rooms.waiting(p.room(), member, false);
            finish(p, events);
        }
    }

    private static void cancel(Poll p) {
        if (p.timeout()[0] != null) {
            p.timeout()[0].cancel(false);
        }
    }

    private void finish(Poll p, List<Rooms.Event> events) {
        try {
            events(p.exchange(), events);
        } catch (IOException ignored) {
            // the member closed the request; it asks again
        }
    }

    private static void events(HttpExchange ex, List<Rooms.Event> events) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("events");
        for (Rooms.Event e : events) {
            ObjectNode o = list.addObject();
            o.put("seq", e.seq());
            o.put("kind", e.kind());
            if (e.data() != null) {
                o.set("data", e.data());
            }
        }
        json(ex, 200, out);
    }

    /** The body, at most {@code max} bytes: one more is a refusal, and the rest is not read. */
    private static byte[] body(HttpExchange ex, int max) throws IOException, Rooms.RefusedException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new Rooms.RefusedException(Rooms.Refusal.TOO_LARGE, "more than " + max + " bytes");
            }
            return b;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void json(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, status, b, b.length);
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        json(ex, status, JSON.createObjectNode().put("error", message));
    }

    private static void send(HttpExchange ex, int status, byte[] body, int length) throws IOException {
        try (ex) {
            ex.sendResponseHeaders(status, body == null ? -1 : length);
            if (body != null) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
