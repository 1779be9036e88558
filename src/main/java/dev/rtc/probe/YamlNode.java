package dev.rtc.probe;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line of every key and value, so a config error can name the line
 * (Jackson's tree model forgets where a node came from). Jackson's YAML module does the parsing; this class only
 * keeps the tree, refuses duplicate keys and bounds the nesting.
 */
sealed interface YamlNode {
    int MAX_DEPTH = 16;

    /** The 1-based line the node starts on. */
    int line();

    /** A mapping; keys in document order. */
    record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {
    }

    /** A sequence. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
    }

    /** A scalar as written (numbers and booleans too); {@code text} is null for YAML's null. */
    record Scalar(String text, int line) implements YamlNode {
    }

    /** Parses one YAML document; an empty document is an empty mapping. */
    static YamlNode parse(String text) throws ConfigException {
        YAMLFactory factory = YAMLFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 4).build())
                .build();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Mapping(Map.of(), Map.of(), 1);
            }
            YamlNode root = read(p, 0);
            if (p.nextToken() != null) {
                throw new ConfigException(line(p.currentTokenLocation()) + ": more than one YAML document");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new ConfigException("nested more than " + MAX_DEPTH + " levels deep");
        } catch (IOException e) {
            String why = e.getMessage() == null ? "not YAML" : e.getMessage();
            int nl = why.indexOf('\n');
            why = (nl < 0 ? why : why.substring(0, nl)).strip();
            String at = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? line(j.getLocation()) + ": " : "";
            throw new ConfigException(at + "not valid YAML: " + why, e);
        } catch (RuntimeException e) {
            // the YAML library's own failures on odd input (it is not ours to trust with every byte)
            throw new ConfigException("not valid YAML: " + e.getClass().getSimpleName(), e);
        }
    }

    private static YamlNode read(JsonParser p, int depth) throws IOException, ConfigException {
        int line = lineNr(p.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw new ConfigException(line + ": nested more than " + MAX_DEPTH + " levels deep");
        }
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = lineNr(p.currentTokenLocation());
                if (entries.containsKey(key)) {
                    throw new ConfigException(keyLine + ": the key '" + key + "' appears twice (first on line "
                            + lines.get(key) + ")");
                }
                p.nextToken();
                lines.put(key, keyLine);
                entries.put(key, read(p, depth + 1));
            }
            return new Mapping(entries, lines, line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p, depth + 1));
            }
            return new Sequence(items, line);
        }
        if (t == JsonToken.VALUE_NULL) {
            return new Scalar(null, line);
        }
        return new Scalar(p.getText(), line);
    }

    private static int lineNr(JsonLocation l) {
        return l == null ? 0 : Math.max(1, l.getLineNr());
    }

    private static String line(JsonLocation l) {
        return Integer.toString(lineNr(l));
    }
}
