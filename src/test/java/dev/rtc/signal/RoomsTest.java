package dev.rtc.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The room rules, driven by a hand-set clock. */
class RoomsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong();
    private final List<String> woken = new ArrayList<>();
    private final List<Rooms.Activity> activity = new ArrayList<>();

    private Rooms rooms(Rooms.Limits limits) {
        Rooms r = new Rooms(limits, now::get, activity::add);
        r.onEvents(woken::add);
        return r;
    }

    private Rooms rooms() {
        return rooms(new Rooms.Limits(3, 200, 5, 60 * SECOND, 30 * SECOND));
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Rooms.Refusal refusal(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Rooms.RefusedException e) {
            return e.refusal();
        }
        throw new AssertionError("not refused");
    }

    interface ThrowingRunnable {
        void run() throws Rooms.RefusedException;
    }

    @Test
    void theFirstWaitsTheSecondJoinsAThirdIsRefused() throws Exception {
        Rooms r = rooms();
        Rooms.Joined a = r.join("room1");
        assertThat(a.first()).isTrue();
        assertThat(a.peerPresent()).isFalse();
        Rooms.Joined b = r.join("room1");
        assertThat(b.first()).isFalse();
        assertThat(b.peerPresent()).isTrue();
        assertThat(a.member()).isNotEqualTo(b.member()).hasSize(32);
        // the first member hears of the second, and its waiting poll is woken
        assertThat(woken).containsExactly(a.member());
        assertThat(r.events("room1", a.member(), 0)).extracting(Rooms.Event::kind).containsExactly("peer-joined");
        assertThat(r.events("room1", b.member(), 0)).isEmpty();
        assertThat(refusal(() -> r.join("room1"))).isEqualTo(Rooms.Refusal.ROOM_FULL);
    }

    @Test
    void messagesGoToTheOtherMemberInOrderAndAreForgottenOnceSeen() throws Exception {
        Rooms r = rooms(new Rooms.Limits(3, 200, 100, 60 * SECOND, 30 * SECOND));
        Rooms.Joined a = r.join("x");
        Rooms.Joined b = r.join("x");
        for (int i = 0; i < 4; i++) {
            r.send("x", b.member(), json("{\"type\":\"candidate\",\"candidate\":\"c" + i + "\"}"));
        }
        r.send("x", a.member(), json("{\"type\":\"offer\",\"sdp\":\"v=0\"}"));
        List<Rooms.Event> toA = r.events("x", a.member(), 0);
        assertThat(toA).extracting(e -> e.kind() + (e.data() == null ? "" : " " + e.data().path("candidate")
                .asText())).containsExactly("peer-joined", "message c0", "message c1", "message c2", "message c3");
        assertThat(toA).extracting(Rooms.Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        // asking after 3 acknowledges 1 to 3
        assertThat(r.events("x", a.member(), 3)).extracting(Rooms.Event::seq).containsExactly(4L, 5L);
        assertThat(r.events("x", a.member(), 0)).extracting(Rooms.Event::seq).containsExactly(4L, 5L);
        assertThat(r.events("x", b.member(), 0)).singleElement()
                .satisfies(e -> assertThat(e.data().path("sdp").asText()).isEqualTo("v=0"));
    }

    @Test
    void aMemberThatLeavesIsAnnouncedAndItsPlaceIsFree() throws Exception {
        Rooms r = rooms();
        Rooms.Joined a = r.join("x");
        Rooms.Joined b = r.join("x");
        r.leave("x", b.member());
        List<Rooms.Event> toA = r.events("x", a.member(), 1);
        assertThat(toA).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("peer-left");
            assertThat(e.data().path("reason").asText()).isEqualTo("leave");
        });
        assertThat(refusal(() -> r.events("x", b.member(), 0))).isEqualTo(Rooms.Refusal.UNKNOWN_MEMBER);
        Rooms.Joined c = r.join("x");
        assertThat(c.first()).isFalse();
        r.leave("x", a.member());
        r.leave("x", c.member());
        assertThat(r.size()).isZero();
        r.leave("x", c.member()); // twice: not an error
    }

    @Test
    void aMemberThatStopsPollingTimesOutUnlessItHasAPollOpen() throws Exception {
        Rooms r = rooms();
        Rooms.Joined a = r.join("x");
        Rooms.Joined b = r.join("x");
        r.waiting("x", a.member(), true);
        now.addAndGet(31 * SECOND);
        r.expire();
        // b asked nothing for 31 s and has no poll open: gone, and a is told; a's open poll keeps it in
        assertThat(r.events("x", a.member(), 1)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("peer-left");
            assertThat(e.data().path("reason").asText()).isEqualTo("timeout");
        });
        assertThat(refusal(() -> r.events("x", b.member(), 0))).isEqualTo(Rooms.Refusal.UNKNOWN_MEMBER);
        assertThat(activity).extracting(Rooms.Activity::what).contains("timeout");
    }

    @Test
    void anIdleRoomExpires() throws Exception {
        Rooms r = rooms();
        Rooms.Joined a = r.join("x");
        r.waiting("x", a.member(), true);
        now.addAndGet(59 * SECOND);
        r.expire();
        assertThat(r.size()).isEqualTo(1);
        now.addAndGet(2 * SECOND);
        woken.clear();
        r.expire();
        assertThat(r.size()).isZero();
        assertThat(woken).containsExactly(a.member());
        assertThat(refusal(() -> r.events("x", a.member(), 0))).isEqualTo(Rooms.Refusal.UNKNOWN_MEMBER);
        assertThat(activity).extracting(Rooms.Activity::what).contains("expired (idle)");
    }

    @Test
    void oversizedMalformedAndTooManyMessagesAreRefusedToTheSenderOnly() throws Exception {
        Rooms r = rooms();
        Rooms.Joined a = r.join("x");
        Rooms.Joined b = r.join("x");
        assertThat(refusal(() -> r.send("x", a.member(), new byte[201]))).isEqualTo(Rooms.Refusal.TOO_LARGE);
        for (String bad : List.of("{", "[1,2]", "{\"sdp\":\"x\"}", "{\"type\":3}", "")) {
            assertThat(refusal(() -> r.send("x", a.member(), json(bad)))).as(bad).isEqualTo(Rooms.Refusal.BAD_JSON);
        }
        assertThat(r.events("x", b.member(), 0)).isEmpty();
        for (int i = 0; i < 5; i++) {
            r.send("x", a.member(), json("{\"type\":\"candidate\"}"));
        }
        assertThat(refusal(() -> r.send("x", a.member(), json("{\"type\":\"candidate\"}"))))
                .isEqualTo(Rooms.Refusal.ROOM_LIMIT);
        assertThat(r.events("x", b.member(), 0)).hasSize(5);
        assertThat(refusal(() -> r.send("x", "not-a-member", json("{\"type\":\"x\"}"))))
                .isEqualTo(Rooms.Refusal.UNKNOWN_MEMBER);
    }

    @Test
    void roomNamesAndTheNumberOfRoomsAreBounded() throws Exception {
        Rooms r = rooms();
        for (String bad : List.of("", "a/b", "a b", "x".repeat(65), "é")) {
            assertThat(refusal(() -> r.join(bad))).as(bad).isEqualTo(Rooms.Refusal.BAD_ROOM);
        }
        r.join("a");
        r.join("b");
        r.join("c");
        assertThat(refusal(() -> r.join("d"))).isEqualTo(Rooms.Refusal.TOO_MANY_ROOMS);
        assertThatThrownBy(() -> r.join("d")).hasMessageContaining("3 at most");
    }
}
