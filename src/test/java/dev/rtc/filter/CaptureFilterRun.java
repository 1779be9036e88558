package dev.rtc.filter;

import dev.rtc.capture.CaptureFileReader;
import dev.rtc.dissect.DecodeOptions;
import dev.rtc.dissect.Dissector;
import dev.rtc.dissect.FieldRegistry;
import dev.rtc.dissect.Fields;
import dev.rtc.dissect.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs many display filters over a capture file with rtc's reader and dissector, dissecting each frame once. */
final class CaptureFilterRun {
    private CaptureFilterRun() {
    }

    static Map<String, TsharkOracle.Outcome> evaluate(Path pcap, List<String> expressions) throws IOException {
        return evaluate(pcap, expressions, DecodeOptions.DEFAULT);
    }

    /** The same, the dissector decoding also what {@code options} ask for. */
    static Map<String, TsharkOracle.Outcome> evaluate(Path pcap, List<String> expressions, DecodeOptions options)
            throws IOException {
        FieldRegistry registry = Fields.registry();
        Map<String, TsharkOracle.Outcome> out = new LinkedHashMap<>();
        List<DisplayFilter> filters = new ArrayList<>();
        List<List<Long>> hits = new ArrayList<>();
        for (String e : expressions) {
            try {
                filters.add(DisplayFilter.compile(e, registry));
                hits.add(new ArrayList<>());
            } catch (FilterException ex) {
                filters.add(null);
                hits.add(null);
                out.put(e, new TsharkOracle.Outcome(null, ex.getMessage()));
            }
        }
        Frame frame = new Frame(registry);
        Dissector dissector = new Dissector(options);
        try (CaptureFileReader reader = CaptureFileReader.open(pcap.toString(), InputStream.nullInputStream())) {
            long n = 0;
            while (reader.next(frame, ++n)) {
                dissector.dissect(frame);
                for (int i = 0; i < filters.size(); i++) {
                    if (filters.get(i) != null && filters.get(i).test(frame)) {
                        hits.get(i).add(n);
                    }
                }
            }
        }
        for (int i = 0; i < expressions.size(); i++) {
            if (hits.get(i) != null) {
                out.put(expressions.get(i), new TsharkOracle.Outcome(hits.get(i), null));
            }
        }
        return out;
    }
}
