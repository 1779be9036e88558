package dev.rtc.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.net.Clock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Rooms of two members, the rendezvous of `rtc signal-server`: the first member waits, the second joins, a third is
 * refused; what one member sends goes to the other, in order; a member that leaves, or stops asking for its
 * messages, is announced to the other. Everything is bounded: rooms, message size, messages per room, how long a
 * room may sit idle. Pure apart from the clock it is given; thread-safe. Each member's events carry a sequence
 * number; a member asks for those after the last it has seen, which acknowledges the earlier ones.
 */
public final class Rooms {
    /** Room names: letters, digits, '-' and '_', 1 to 64 of them. */
    public static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The bounds. {@code memberTimeoutNanos}: how long a member may go without asking for its messages. */
    public record Limits(int maxRooms, int maxMessageBytes, int maxMessagesPerRoom, long roomIdleNanos,
                         long memberTimeoutNanos) {
        public static final Limits DEFAULT = new Limits(1000, 65536, 1000, 600_000_000_000L, 30_000_000_000L);
    }

    /** Why a request was refused: the HTTP status it maps to and the one-line text the member gets. */
    public enum Refusal {
        BAD_ROOM(400, "a room name is 1 to 64 letters, digits, '-' or '_'"),
        ROOM_FULL(409, "room full: it has two members already"),
        TOO_MANY_ROOMS(503, "too many rooms open on this server"),
        UNKNOWN_MEMBER(404, "not a member of this room (left, timed out, or the room expired)"),
        TOO_LARGE(413, "message too large"),
        BAD_JSON(400, "not a JSON object with a string \"type\""),
        ROOM_LIMIT(429, "this room has relayed as many messages as it may"),
        WRONG_METHOD(405, "wrong request method");

        private final int status;
        private final String text;

        Refusal(int status, String text) {
            this.status = status;
            this.text = text;
        }

        public int status() {
            return status;
        }

        public String text() {
            return text;
        }
    }

    /** A refused request. */
    public static final class RefusedException extends Exception {
        private final Refusal refusal;

        public RefusedException(Refusal refusal, String detail) {
            super(detail == null ? refusal.text() : refusal.text() + ": " + detail);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** One member's event: {@code kind} is peer-joined, message or peer-left (data: the message, the reason). */
    public record Event(long seq, String kind, JsonNode data) {
    }

    /** A member that joined: its secret id, whether it came first, whether the other member is there. */
    public record Joined(String member, boolean first, boolean peerPresent) {
    }

    /** What happened in a room, for the server's log. */
    public record Activity(String room, String member, String what, JsonNode detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Limits limits;
    private final Clock clock;
    private final Consumer<Activity> activity;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Room> rooms = new HashMap<>();
    /** Called (outside the lock) with each member that has new events, so that a waiting poll can be answered. */
    private volatile Consumer<String> wakeUp = m -> { };

    private static final class Room {
        final String name;
        final Member[] members = new Member[2];
        int relayed;
        long lastActivity;

        Room(String name, long now) {
            this.name = name;
            this.lastActivity = now;
        }
    }

    private static final class Member {
        final String id;
        final int slot;
        final List<Event> events = new ArrayList<>();
        long nextSeq = 1;
        long lastSeen;
        boolean waiting;

        Member(String id, int slot, long now) {
            this.id = id;
            this.slot = slot;
            this.lastSeen = now;
        }

        void add(String kind, JsonNode data) {
            events.add(new Event(nextSeq++, kind, data));
        }
    }

    public Rooms(Limits limits, Clock clock, Consumer<Activity> activity) {
        this.limits = limits;
        this.clock = clock;
        this.activity = activity == null ? a -> { } : activity;
    }

    /** Sets what is told of members with new events (the server answers their waiting poll). */
    public void onEvents(Consumer<String> wakeUp) {
        this.wakeUp = wakeUp;
    }

    public Limits limits() {
        return limits;
    }

    /** Joins {@code room}, creating it if needed. */
    public Joined join(String room) throws RefusedException {
        if (room == null || !ROOM_NAME.matcher(room).matches()) {
            throw new RefusedException(Refusal.BAD_ROOM, null);
        }
        long now = clock.nanoTime();
        String peer;
        Joined joined;
        synchronized (this) {
            Room r = rooms.get(room);
            if (r == null) {
                if (rooms.size() >= limits.maxRooms()) {
                    throw new RefusedException(Refusal.TOO_MANY_ROOMS, limits.maxRooms() + " at most");
                }
                r = new Room(room, now);
                rooms.put(room, r);
            }
            int slot = r.members[0] == null ? 0 : r.members[1] == null ? 1 : -1;
            if (slot < 0) {
                throw new RefusedException(Refusal.ROOM_FULL, room);
            }
            byte[] id = new byte[16];
            random.nextBytes(id);
            Member m = new Member(HexFormat.of().formatHex(id), slot, now);
            r.members[slot] = m;
            r.lastActivity = now;
            Member other = r.members[1 - slot];
            // the member that is in the room first makes the offer, whichever slot it has
            joined = new Joined(m.id, other == null, other != null);
            peer = other == null ? null : other.id;
            if (other != null) {
                other.add("peer-joined", null);
            }
        }
        activity.accept(new Activity(room, joined.member(), joined.first() ? "join (first)" : "join (second)",
                null));
        if (peer != null) {
            wakeUp.accept(peer);
        }
        return joined;
    }

    /** Relays {@code body} (a JSON object with a string "type") from {@code member} to the other member. */
    public void send(String room, String member, byte[] body) throws RefusedException {
        if (body.length > limits.maxMessageBytes()) {
            throw new RefusedException(Refusal.TOO_LARGE, body.length + " bytes, " + limits.maxMessageBytes()
                    + " at most");
        }
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (java.io.IOException e) {
            message = null;
        }
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            // checked before the member, so that the error names the message's fault; still only to the sender
            memberOf(room, member);
            throw new RefusedException(Refusal.BAD_JSON, null);
        }
        String peer;
        synchronized (this) {
            Room r = rooms.get(room);
            Member m = memberOf(r, member);
            if (r.relayed >= limits.maxMessagesPerRoom()) {
                throw new RefusedException(Refusal.ROOM_LIMIT, limits.maxMessagesPerRoom() + " at most");
            }
            r.relayed++;
            long now = clock.nanoTime();
            r.lastActivity = now;
            m.lastSeen = now;
            Member other = r.members[1 - m.slot];
            peer = other == null ? null : other.id;
            if (other != null) {
                other.add("message", message);
            }
        }
        activity.accept(new Activity(room, member, "message", message));
        if (peer != null) {
            wakeUp.accept(peer);
        }
    }

    /**
     * The events of {@code member} after {@code after} (those up to it are forgotten: the member has them). An
     * empty list means none yet; the caller may wait for {@link #onEvents} and ask again.
     */
    public List<Event> events(String room, String member, long after) throws RefusedException {
        synchronized (this) {
            Member m = memberOf(rooms.get(room), member);
            m.lastSeen = clock.nanoTime();
            m.events.removeIf(e -> e.seq() <= after);
            return List.copyOf(m.events);
        }
    }

    /** Marks a member as having a poll open (it is alive while one is open) or not. */
    public void waiting(String room, String member, boolean waiting) {
        synchronized (this) {
            Room r = rooms.get(room);
            if (r != null) {
                for (Member m : r.members) {
                    if (m != null && m.id.equals(member)) {
                        m.waiting = waiting;
                        m.lastSeen = clock.nanoTime();
                    }
                }
            }
        }
    }

    /** {@code member} leaves; the other member is told. Leaving twice, or a room gone, is not an error. */
    public void leave(String room, String member) {
        leave(room, member, "leave");
    }

    private void leave(String room, String member, String why) {
        String peer = null;
        boolean left = false;
        synchronized (this) {
            Room r = rooms.get(room);
            if (r == null) {
                return;
            }
            for (int i = 0; i < 2; i++) {
                Member m = r.members[i];
                if (m != null && m.id.equals(member)) {
                    r.members[i] = null;
                    left = true;
                    Member other = r.members[1 - i];
                    if (other != null) {
                        ObjectNode reason = JSON.createObjectNode().put("reason", why);
                        other.add("peer-left", reason);
                        peer = other.id;
                    }
                }
            }
            if (r.members[0] == null && r.members[1] == null) {
                rooms.remove(room);
            }
        }
        if (left) {
            activity.accept(new Activity(room, member, why, null));
        }
        if (peer != null) {
            wakeUp.accept(peer);
        }
    }

    /**
     * Ends what has run out: members that have not asked for their messages within the member timeout (and have
     * no poll open) leave, announced as "timeout"; rooms without a join or a message for longer than the room limit
     * close, and their members' next requests are refused as not members. Call it now and then (the server does,
     * every second).
     */
    public void expire() {
        long now = clock.nanoTime();
        List<String[]> timedOut = new ArrayList<>();
        List<String> told = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Room> it = rooms.values().iterator(); it.hasNext(); ) {
                Room r = it.next();
                if (now - r.lastActivity > limits.roomIdleNanos()) {
                    for (Member m : r.members) {
                        if (m != null) {
                            told.add(m.id); // a poll open ends now, with "not a member"
                        }
                    }
                    expired.add(r.name);
                    it.remove();
                    continue;
                }
                for (Member m : r.members) {
                    if (m != null && !m.waiting && now - m.lastSeen > limits.memberTimeoutNanos()) {
                        timedOut.add(new String[] {r.name, m.id});
                    }
                }
            }
        }
        for (String room : expired) {
            activity.accept(new Activity(room, null, "expired (idle)", null));
        }
        told.forEach(wakeUp);
        for (String[] t : timedOut) {
            leave(t[0], t[1], "timeout");
        }
    }

    /** Rooms open now. */
    public synchronized int size() {
        return rooms.size();
    }

    private synchronized Member memberOf(String room, String member) throws RefusedException {
        return memberOf(rooms.get(room), member);
    }

    private static Member memberOf(Room r, String member) throws RefusedException {
        if (r != null && member != null) {
            for (Member m : r.members) {
                if (m != null && m.id.equals(member)) {
                    return m;
                }
            }
        }
        throw new RefusedException(Refusal.UNKNOWN_MEMBER, null);
    }
}
