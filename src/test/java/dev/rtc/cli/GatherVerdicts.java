package dev.rtc.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading gather's JSON in tests. */
final class GatherVerdicts {
    private GatherVerdicts() {
    }

    /** The verdict for {@code url} in a gather JSON document. */
    static JsonNode server(JsonNode doc, String url) {
        for (JsonNode s : doc.get("servers")) {
            if (s.get("url").asText().equals(url)) {
                return s;
            }
        }
        throw new AssertionError("no verdict for " + url + " in " + doc);
    }
}
