package dev.rtc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Reads a value from the page a headless Chromium shows, through its DevTools port (Runtime.evaluate), for tests
 * that run the browser in a network namespace: started there with {@code ip netns exec}, it prints the value of
 * the expression on standard output. Arguments: the DevTools port, a JavaScript expression giving a string.
 */
public final class PageProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PageProbe() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String ws = null;
        for (JsonNode t : JSON.readTree(list)) {
            if (t.path("type").asText().equals("page")) {
                ws = t.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (ws == null) {
            System.out.println("(no page)");
            return;
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    answer.complete(text.toString());
                }
                w.request(1);
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        String request = JSON.createObjectNode().put("id", 1).put("method", "Runtime.evaluate")
                .set("params", JSON.createObjectNode().put("expression", args[1]).put("returnByValue", true))
                .toString();
        socket.sendText(request, true).get(5, TimeUnit.SECONDS);
        JsonNode r = JSON.readTree(answer.get(5, TimeUnit.SECONDS));
        System.out.println(r.path("result").path("result").path("value").asText("(no value: " + r + ")"));
        socket.abort();
    }
}
