package dev.rtc.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldType;
import dev.rtc.dissect.Fields;
import dev.rtc.dissect.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame as JSON: {@code {"schema":"rtc.capture/1","number":N,"layers":{"frame":{...},"eth":{...},...}}}. Each
 * layer holds its fields by Wireshark's names with tshark's text for the value; a field that occurs several times
 * holds an array; a protocol that occurs twice (the IP header an ICMP error quotes) holds an array of layers.
 */
public final class FrameJson {
    private FrameJson() {
    }

    public static ObjectNode of(Frame f) {
        ObjectNode root = Json.document("capture");
        root.put("number", f.number());
        ObjectNode layers = root.putObject("layers");
        List<String> openNames = new ArrayList<>();
        List<ObjectNode> open = new ArrayList<>();
        int n = f.occurrences();
        for (int i = 0; i < n; i++) {
            Field field = f.fieldAt(i);
            if (field.type() == FieldType.PROTOCOL) {
                if (field == Fields.ETHERTYPE) {
                    continue;
                }
                ObjectNode layer = Json.object();
                JsonNode existing = layers.get(field.name());
                if (existing == null) {
                    layers.set(field.name(), layer);
                } else if (existing.isArray()) {
                    ((ArrayNode) existing).add(layer);
                } else {
                    ArrayNode arr = layers.arrayNode();
                    arr.add(existing);
                    arr.add(layer);
                    layers.set(field.name(), arr);
                }
                openNames.add(field.name());
                open.add(layer);
                continue;
            }
            ObjectNode layer = null;
            for (int k = open.size() - 1; k >= 0; k--) {
                if (field.name().startsWith(openNames.get(k) + ".")) {
                    layer = open.get(k);
                    break;
                }
            }
            if (layer == null) {
                if (open.isEmpty()) {
                    continue;
                }
                layer = open.get(open.size() - 1);
            }
            String text = f.textAt(i);
            JsonNode existing = layer.get(field.name());
            if (existing == null) {
                layer.put(field.name(), text);
            } else if (existing.isArray()) {
                ((ArrayNode) existing).add(text);
            } else {
                ArrayNode arr = layer.arrayNode();
                arr.add(existing);
                arr.add(text);
                layer.set(field.name(), arr);
            }
        }
        return root;
    }
}
