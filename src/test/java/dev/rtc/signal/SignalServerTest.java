package dev.rtc.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The room protocol over HTTP on loopback, with the JDK's HTTP client as the member. */
class SignalServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SignalServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = SignalServer.start(new SignalServer.Options(new InetSocketAddress("127.0.0.1", 0), null,
                new Rooms.Limits(10, 4096, 50, 600_000_000_000L, 30_000_000_000L),
                () -> List.of(new SignalServer.IceServer(List.of("stun:127.0.0.1:3478"), null, null),
                        new SignalServer.IceServer(List.of("turn:127.0.0.1:3478?transport=tcp"), "1700000000:u",
                                "minted"))), null);
        base = "http://127.0.0.1:" + server.address().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> poll(String room, String member, long after) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/" + room + "/poll?member=" + member
                + "&after=" + after)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void twoMembersExchangeMessagesThroughAHeldPoll() throws Exception {
        JsonNode a = json(post("/r1/join", ""));
        assertThat(a.path("first").asBoolean()).isTrue();
        assertThat(a.path("iceServers")).hasSize(2);
        assertThat(a.path("iceServers").get(1).path("username").asText()).isEqualTo("1700000000:u");
        assertThat(a.path("iceServers").get(0).has("username")).isFalse();
        String ma = a.path("member").asText();
        // a's poll is held until b joins
        CompletableFuture<HttpResponse<String>> held = poll("r1", ma, 0);
        Thread.sleep(300);
        assertThat(held).isNotDone();
        JsonNode b = json(post("/r1/join", ""));
        assertThat(b.path("first").asBoolean()).isFalse();
        assertThat(b.path("peerPresent").asBoolean()).isTrue();
        String mb = b.path("member").asText();
        JsonNode events = json(held.get(5, TimeUnit.SECONDS)).path("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("kind").asText()).isEqualTo("peer-joined");
        long seen = events.get(0).path("seq").asLong();

        CompletableFuture<HttpResponse<String>> atB = poll("r1", mb, 0);
        HttpResponse<String> sent = post("/r1/send?member=" + ma, "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}");
        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode offer = json(atB.get(5, TimeUnit.SECONDS)).path("events").get(0);
        assertThat(offer.path("kind").asText()).isEqualTo("message");
        assertThat(offer.path("data").path("type").asText()).isEqualTo("offer");
        assertThat(offer.path("data").path("sdp").asText()).isEqualTo("v=0\r\n");

        // trickled candidates arrive in order
        for (int i = 0; i < 3; i++) {
            post("/r1/send?member=" + mb, "{\"type\":\"candidate\",\"candidate\":\"candidate:" + i
                    + " 1 udp 1 192.0.2.1 " + (5000 + i) + " typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
        }
        JsonNode toA = json(poll("r1", ma, seen).get(5, TimeUnit.SECONDS)).path("events");
        assertThat(toA).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(toA.get(i).path("data").path("candidate").asText()).contains(" " + (5000 + i) + " ");
        }

        // b leaves: a's poll is answered with it
        CompletableFuture<HttpResponse<String>> leaving = poll("r1", ma, toA.get(2).path("seq").asLong());
        assertThat(post("/r1/leave?member=" + mb, "").statusCode()).isEqualTo(200);
        JsonNode left = json(leaving.get(5, TimeUnit.SECONDS)).path("events").get(0);
        assertThat(left.path("kind").asText()).isEqualTo("peer-left");
        assertThat(left.path("data").path("reason").asText()).isEqualTo("leave");
    }

    @Test
    void refusalsGoToTheMemberThatCausedThemOnly() throws Exception {
        String ma = json(post("/r2/join", "")).path("member").asText();
        String mb = json(post("/r2/join", "")).path("member").asText();
        HttpResponse<String> third = post("/r2/join", "");
        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(json(third).path("error").asText()).isEqualTo("room full: it has two members already: r2");

        HttpResponse<String> big = post("/r2/send?member=" + ma, "{\"type\":\"offer\",\"sdp\":\""
                + "x".repeat(5000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(json(big).path("error").asText()).startsWith("message too large");
        HttpResponse<String> bad = post("/r2/send?member=" + ma, "{\"type\": offer}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).isEqualTo("not a JSON object with a string \"type\"");
        HttpResponse<String> stranger = post("/r2/send?member=0123", "{\"type\":\"offer\"}");
        assertThat(stranger.statusCode()).isEqualTo(404);
        // none of it reached b: its poll is answered by the one good message that follows
        CompletableFuture<HttpResponse<String>> atB = poll("r2", mb, 0);
        post("/r2/send?member=" + ma, "{\"type\":\"answer\",\"sdp\":\"v=0\"}");
        JsonNode events = json(atB.get(5, TimeUnit.SECONDS)).path("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("data").path("type").asText()).isEqualTo("answer");

        assertThat(post("/r2/poll?member=" + ma, "").statusCode()).isEqualTo(405);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/r2/nothing")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(post("/bad%20room/join", "").statusCode()).isEqualTo(404);
    }

    @Test
    void servesThePageAtTheRootAndAtARoom() throws Exception {
        for (String path : List.of("/", "/some-room")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(r.body()).contains("<title>rtc connection test</title>", "new RTCPeerConnection(",
                    "api(\"GET\", \"poll\")", "getStats()");
            // self-contained: no script or style from elsewhere
            assertThat(r.body()).doesNotContain("<script src", "<link ", "https://");
        }
    }
}
