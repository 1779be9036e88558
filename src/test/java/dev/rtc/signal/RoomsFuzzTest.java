package dev.rtc.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Coverage-guided fuzzing of the room rules (Jazzer): members' requests are untrusted. Inputs are sequences of
 * joins, sends (any bytes), polls, leaves and clock steps; in a normal {@code mvn test} it replays its inputs
 * (src/test/resources/dev/rtc/signal/RoomsFuzzTestInputs/), with {@code JAZZER_FUZZ=1} it fuzzes. A finding is
 * anything but a refusal, or a broken rule: a room with a third member, more rooms or relayed messages than
 * allowed, a member's events out of order.
 */
class RoomsFuzzTest {
    private static final long SECOND = 1_000_000_000L;

    @FuzzTest(maxDuration = "30s")
    void keepsItsRules(FuzzedDataProvider data) {
        AtomicLong now = new AtomicLong();
        Rooms.Limits limits = new Rooms.Limits(3, 300, 8, 60 * SECOND, 30 * SECOND);
        Rooms rooms = new Rooms(limits, now::get, null);
        List<String[]> members = new ArrayList<>();
        // what the rules promise, kept conservatively: rooms seen full, and messages relayed per room, since the
        // last operation that may have emptied or closed a room
        java.util.Set<String> full = new java.util.HashSet<>();
        Map<String, Integer> relayed = new HashMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        while (data.remainingBytes() > 0) {
            int op = data.consumeInt(0, 5);
            String room = data.consumeBoolean() ? "r" + data.consumeInt(0, 4) : data.consumeString(8);
            try {
                switch (op) {
                    case 0 -> {
                        Rooms.Joined j = rooms.join(room);
                        assertThat(full).as("a third member joined " + room).doesNotContain(room);
                        assertThat(j.first()).isNotEqualTo(j.peerPresent());
                        if (j.peerPresent()) {
                            full.add(room);
                        }
                        members.add(new String[] {room, j.member()});
                    }
                    case 1 -> {
                        String[] m = pick(data, members);
                        String in = m == null ? room : m[0];
                        rooms.send(in, m == null ? "x" : m[1], data.consumeBytes(400));
                        assertThat(relayed.merge(in, 1, Integer::sum)).isLessThanOrEqualTo(limits.maxMessagesPerRoom());
                    }
                    case 2 -> {
                        String[] m = pick(data, members);
                        if (m != null) {
                            long after = lastSeq.getOrDefault(m[1], 0L);
                            long previous = after;
                            for (Rooms.Event e : rooms.events(m[0], m[1], after)) {
                                assertThat(e.seq()).isGreaterThan(previous);
                                previous = e.seq();
                                assertThat(e.kind()).isIn("peer-joined", "message", "peer-left");
                            }
                            lastSeq.put(m[1], previous);
                        }
                    }
                    case 3 -> {
                        String[] m = pick(data, members);
                        if (m != null) {
                            rooms.leave(m[0], m[1]);
                            full.remove(m[0]);
                            relayed.remove(m[0]);
                        }
                    }
                    case 4 -> {
                        String[] m = pick(data, members);
                        if (m != null) {
                            rooms.waiting(m[0], m[1], data.consumeBoolean());
                        }
                    }
                    default -> {
                        now.addAndGet(data.consumeLong(0, 120 * SECOND));
                        rooms.expire();
                        full.clear();
                        relayed.clear();
                    }
                }
            } catch (Rooms.RefusedException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            }
            assertThat(rooms.size()).isLessThanOrEqualTo(limits.maxRooms());
        }
    }

    private static String[] pick(FuzzedDataProvider data, List<String[]> members) {
        return members.isEmpty() ? null : members.get(data.consumeInt(0, members.size() - 1));
    }
}
