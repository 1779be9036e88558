package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.capture.CaptureFileReader;
import dev.rtc.capture.CaptureSession;
import dev.rtc.capture.FrameHandler;
import dev.rtc.capture.LiveCapture;
import dev.rtc.capture.PcapWriter;
import dev.rtc.dissect.DecodeOptions;
import dev.rtc.dissect.Dissector;
import dev.rtc.dissect.LinkType;
import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldValues;
import dev.rtc.dissect.Fields;
import dev.rtc.dissect.DecodeOptions;
import dev.rtc.dissect.Frame;
import dev.rtc.filter.DisplayFilter;
import dev.rtc.net.Durations;
import dev.rtc.output.FieldColumns;
import dev.rtc.output.FrameDetail;
import dev.rtc.output.FrameJson;
import dev.rtc.output.FrameSummary;
import dev.rtc.output.HexDump;
import dev.rtc.output.Json;
import dev.rtc.output.RtpStreams;
import dev.rtc.output.StunStatistics;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rtc capture}: live capture or capture files, STUN/TURN dissection, a Wireshark display filter, output. */
@Command(name = "capture",
        sortOptions = false,
        description = {
            "Captures live (libpcap) or reads a pcap/pcapng file, dissects Ethernet, Linux cooked, loopback and raw IP,"
                + " IPv4, IPv6, UDP, TCP, STUN, classic STUN, TURN ChannelData, RTP and RTCP as Wireshark does, keeps"
                + " the frames"
                + " that pass a Wireshark display filter, and prints them (one line each, a detail tree, hex, JSON or"
                + " chosen fields) or writes them to a pcap file.",
            "TLS over TCP (turns:, STUN over TLS) and DTLS over UDP (a call's DTLS-SRTP handshake) are found on"
                + " their ports and by Wireshark's default heuristics: record layer, handshake types, versions,"
                + " cipher suites, SNI, use_srtp profiles and alerts, tls.* and dtls.* as Wireshark names them; DTLS"
                + " 1.3's unified-header records too.",
            "What TURN relays (ChannelData, the DATA of Send and Data indications) is dissected again without any"
                + " option: the ICE checks, DTLS, RTP and RTCP inside the relay, which tshark shows only with"
                + " --enable-heuristic rtp_stun, dtls_stun and stun_turn; -V nests them under the STUN layer with the"
                + " channel's peer, -z rtp,streams marks their streams relayed. After a DTLS-SRTP handshake RTP is"
                + " SRTP (header decoded, srtp.enc_payload and srtp.auth_tag) and RTCP is SRTCP (srtcp.e,"
                + " srtcp.index, srtcp.auth_tag), nothing decrypted; after DTLS 1.3, which encrypts the profile,"
                + " SRTCP's layout is read from its length.",
            "The display filter is the positional argument (or -Y); a kernel capture filter (BPF, tcpdump syntax)"
                + " goes to -f. Ctrl-C stops a capture, flushes and closes the output file and prints the counts."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  rtc capture -i eth0 'stun && udp.port==3478'",
            "  rtc capture -r samples/turn-udp-session.pcap -V 'stun.type == 0x0113'",
            "  rtc capture -i any -f 'udp port 3478' -w turn.pcap 'stun.att.error == 1'",
            "  rtc capture -r big.pcap -T fields -e frame.number -e stun.att.ipv4 stun.type.class==0x10",
            "  rtc capture -r turn.pcap -q -z stun",
            "  rtc capture -r call.pcap --enable-heuristic rtp_udp 'rtp.marker == 1'",
            "  rtc capture -r sip-call.pcap -d udp.port==5004,rtp -V 'rtcp.pt == 200'",
            "  rtc capture -r call.pcap 'tls.alert_message.desc || dtls.handshake.type == 1'",
            "  rtc capture -r relayed-call.pcap -V 'stun.channel && rtp'",
            "",
            "Exit codes:",
            "  0  done (also after Ctrl-C)",
            "  1  capture device error, no permission to capture, I/O error",
            "  2  usage: bad option, bad display or capture filter, unreadable or malformed capture file"})
public final class CaptureCommand implements java.util.concurrent.Callable<Integer> {
    /** -T values. */
    enum OutputFormat { text, fields, json, ndjson }

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "FILTER", arity = "0..*",
            description = "Display filter, Wireshark syntax (e.g. 'stun && udp.port==3478'); words are joined.")
    List<String> filterWords = new ArrayList<>();

    @Option(names = {"-Y", "--display-filter"}, paramLabel = "FILTER",
            description = "Display filter, as tshark's -Y (instead of the positional argument).")
    String displayFilter;

    @Option(names = {"-r", "--read"}, paramLabel = "FILE",
            description = "Read a pcap or pcapng file ('-' for standard input) instead of capturing live.")
    String readFile;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE",
            description = "Write the frames that pass the display filter to a pcap file ('-' for standard output).")
    String writeFile;

    @Option(names = {"-U", "--packet-buffered"},
            description = "With -w, write each frame out as soon as it passes the filter (as tcpdump -U), for a"
                    + " reader at the other end of a pipe; by default frames are written in large blocks.")
    boolean packetBuffered;

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE",
            description = "Capture live on this interface ('any' for all; rtc capture -D lists them).")
    String iface;

    @Option(names = {"-D", "--list-interfaces"}, description = "List the interfaces with their addresses and exit.")
    boolean listInterfaces;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after reading N frames.")
    long count;

    @Option(names = {"-s", "--snaplen"}, paramLabel = "SNAPLEN", defaultValue = "262144",
            description = "Bytes to keep of each live packet (default: ${DEFAULT-VALUE}).")
    int snapLength;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop a live capture after this long."
            + " DURATION: " + Durations.SYNTAX + ".")
    Duration duration;

    @Option(names = {"-f", "--capture-filter"}, paramLabel = "BPF",
            description = "Kernel capture filter in tcpdump syntax (e.g. 'udp port 3478'), live capture only.")
    String captureFilter;

    @Option(names = {"-p", "--no-promiscuous"}, description = "Do not put the interface in promiscuous mode.")
    boolean noPromiscuous;

    @Option(names = {"-q", "--quiet"}, description = "No output per frame: print only the counts at the end.")
    boolean quiet;

    @Option(names = {"-V", "--verbose"}, description = "Print each frame's detail tree (every layer and field).")
    boolean detail;

    @Option(names = {"-x", "--hex"}, description = "Print each frame's bytes in hex and ASCII (as tcpdump -xx -X).")
    boolean hex;

    @Option(names = {"-T", "--output-format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output per frame: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = {"-e", "--field"}, paramLabel = "FIELD",
            description = "A field to print with -T fields (repeatable), e.g. -e frame.number -e stun.att.ipv4.")
    List<String> fields = new ArrayList<>();

    @Option(names = {"-E", "--field-option"}, paramLabel = "OPT=VALUE",
            description = "-T fields options as tshark's: separator=/t|/s|C, header=y|n, occurrence=f|l|a,"
                    + " aggregator=C, quote=d|s|n.")
    List<String> fieldOptions = new ArrayList<>();

    @Option(names = {"-z", "--statistics"}, paramLabel = "STAT",
            description = "Statistics at the end: 'stun' (messages per method and class, request/response times),"
                    + " 'rtp,streams' (tshark's RTP stream table: packets, loss, delta, jitter per stream).")
    List<String> statistics = new ArrayList<>();

    @Option(names = "-n", description = "Accepted for tshark users: rtc never resolves names.")
    boolean numeric;

    /** The heuristics --enable-heuristic knows, for completion. */
    static final class Heuristics implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("rtp_udp", "rtcp_udp").iterator();
        }
    }

    @Option(names = "--enable-heuristic", paramLabel = "NAME", completionCandidates = Heuristics.class,
            description = "Switch on a heuristic dissector, by tshark's name: 'rtp_udp' takes RTP by its header on any"
                    + " UDP port. Without it RTP is recognised only on WebRTC flows (a 5-tuple that carried a STUN"
                    + " Binding), by RFC 7983's first byte; 'rtcp_udp' is on by default, as in tshark.")
    List<String> heuristics = new ArrayList<>();

    @Option(names = {"-d", "--decode-as"}, paramLabel = "udp.port==N,rtp",
            description = "Decode As, in tshark's syntax: datagrams to or from UDP port N are RTP (and RTCP, by"
                    + " payload type, RFC 5761). Repeat for more ports.")
    List<String> decodeAs = new ArrayList<>();

    /** What -d and --enable-heuristic ask the dissector for. */
    DecodeOptions decodeOptions() {
        boolean rtp = false;
        for (String h : heuristics) {
            switch (h) {
                case "rtp_udp" -> rtp = true;
                case "rtcp_udp" -> {
                    // on by default, as in tshark
                }
                default -> throw usage("unknown heuristic '" + h + "' (rtc knows rtp_udp and rtcp_udp)");
            }
        }
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        for (String d : decodeAs) {
            java.util.regex.Matcher m = DECODE_AS.matcher(d);
            if (!m.matches()) {
                throw usage("-d '" + d + "': expected udp.port==N,rtp (tshark's Decode As syntax)");
            }
            int port = Integer.parseInt(m.group(1));
            if (port < 1 || port > 65535) {
                throw usage("-d '" + d + "': port " + port + " is not 1-65535");
            }
            ports.add(port);
        }
        return new DecodeOptions(rtp, ports);
    }

    private static final java.util.regex.Pattern DECODE_AS =
            java.util.regex.Pattern.compile("\\s*udp\\.port\\s*==\\s*(\\d{1,5})\\s*,\\s*rtp\\s*");

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listInterfaces) {
            listInterfaces(out);
            return 0;
        }
        validate();
        String filterText = displayFilter != null ? displayFilter : String.join(" ", filterWords).trim();
        DisplayFilter compiled = filterText.isEmpty() ? null : DisplayFilters.compile(filterText);
        Predicate<FieldValues> filter = compiled == null || compiled.passesEverything() ? null : compiled::test;
        if (captureFilter != null && readFile == null) {
            String problem = LiveCapture.bpfError(captureFilter, LinkType.ETHERNET, snapLength);
            if (problem != null) {
                String hint = DisplayFilters.valid(captureFilter)
                        ? "; that string is a valid display filter, which goes to the positional argument or -Y, not"
                          + " -f (capture filters use tcpdump syntax, e.g. 'udp port 3478')"
                        : "";
                throw new RtcException(Exit.USAGE, "invalid capture filter '" + captureFilter + "': " + problem
                        + hint);
            }
        }
        Output output = new Output(out);
        StunStatistics stats = statistics.contains("stun") ? new StunStatistics() : null;
        RtpStreams rtpStreams = statistics.contains("rtp,streams") ? new RtpStreams() : null;
        FrameHandler handler = frame -> {
            if (stats != null) {
                stats.add(frame);
            }
            if (rtpStreams != null) {
                rtpStreams.add(frame);
            }
            if (writeFile == null && !quiet) {
                output.frame(frame);
            }
        };
        CaptureSession session = new CaptureSession(filter, fieldsNeeded(compiled, stats != null, rtpStreams != null), count, handler,
                writeFile == null ? null : this::openWriter, packetBuffered, decodeOptions());
        // Ctrl-C, the shell's interrupt and the JVM shutting down all stop the session; the hook then waits for
        // the command to close its file and print its counts
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            session.stop();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rtc-capture-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        Interrupt interrupt = Interrupt.install(session::stop);
        boolean opened = false; // counts are printed for a source that opened, not after a bad file name
        try (Interrupts.Registration shellStop = Interrupts.onInterrupt(session::stop)) {
            if (readFile != null) {
                try (CaptureFileReader reader = CaptureFileReader.open(readFile, "-".equals(readFile)
                        ? RtcCommand.standardInput(spec, "-r -", "read the capture from a file (-r FILE)") : System.in)) {
                    opened = true;
                    if (!LinkType.supported(reader.linkType())) {
                        err.println("rtc capture: note: link type " + reader.linkType()
                                + " is not dissected beyond the frame layer");
                    }
                    output.begin();
                    try {
                        session.read(reader);
                    } finally {
                        output.end();
                    }
                }
            } else {
                String device = iface != null ? iface : defaultInterface();
                LiveCapture live = LiveCapture.open(device, snapLength, !noPromiscuous, captureFilter);
                opened = true;
                output.live = true;
                StatusLine[] status = new StatusLine[1];
                try {
                    session.live(live, duration, () -> {
                        err.println("Capturing on '" + device + "'");
                        err.flush();
                        if (writeFile != null && !"-".equals(writeFile) && Terminal.interactive()) {
                            status[0] = new StatusLine(err, session);
                        }
                        output.begin();
                    });
                } finally {
                    output.end();
                    if (status[0] != null) {
                        status[0].close();
                    }
                }
            }
        } finally {
            try {
                output.flush();
                CaptureSession.Summary summary = session.summary();
                if (stats != null) {
                    for (String line : stats.lines()) {
                        out.println(line);
                    }
                    out.flush();
                }
                if (rtpStreams != null) {
                    for (String line : rtpStreams.lines()) {
                        out.println(line);
                    }
                    out.flush();
                }
                if (quiet && writeFile == null && opened) {
                    out.println(summary.matched() + " of " + summary.seen() + " frames matched");
                    out.flush();
                }
                if (summary.otherLinkType() > 0) {
                    err.println("rtc capture: " + summary.otherLinkType() + " matching frames were not written:"
                            + " their interface's link type differs from the first one's, and a pcap file holds"
                            + " one");
                }
                if (opened && (summary.live() || writeFile != null)) {
                    err.println(counts(summary, writeFile));
                    err.flush();
                }
            } finally {
                interrupt.close();
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down (Ctrl-C): the hook is running and waits for done
                }
            }
        }
        return 0;
    }

    /**
     * The fields this run reads: the filter's, the -e fields and the statistics' when nothing prints whole frames;
     * null (all) for the summary line, -V, -x and JSON.
     */
    private Set<Integer> fieldsNeeded(DisplayFilter filter, boolean stunStatistics, boolean rtpStatistics) {
        boolean wholeFrames = !quiet && writeFile == null && format != OutputFormat.fields;
        if (wholeFrames) {
            return null;
        }
        Set<Integer> ids = new HashSet<>();
        if (filter != null) {
            ids.addAll(filter.fieldsUsed());
        }
        if (format == OutputFormat.fields) {
            for (String name : fields) {
                Field f = Fields.registry().lookup(name);
                if (f != null) {
                    ids.add(f.id());
                }
            }
        }
        if (stunStatistics) {
            ids.addAll(List.of(Fields.STUN_TYPE.id(), Fields.STUN_TIME.id(), Fields.STUN_CHANNEL.id()));
        }
        if (rtpStatistics) {
            ids.addAll(RtpStreams.FIELDS);
        }
        return ids;
    }

    /** The status line on a terminal while capturing live to a file: seen, matched, dropped. */
    private static final class StatusLine implements AutoCloseable {
        private final Thread thread;
        private final PrintWriter err;
        private volatile boolean running = true;

        StatusLine(PrintWriter err, CaptureSession session) {
            this.err = err;
            thread = new Thread(() -> {
                while (running) {
                    long dropped = session.dropped();
                    err.print("\r" + session.seen() + " packets, " + session.matched() + " matched"
                            + (dropped >= 0 ? ", " + dropped + " dropped" : "") + "   ");
                    err.flush();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rtc-capture-status");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r");
            err.flush();
        }
    }

    /** The counts line on standard error after a live capture or a written file. */
    private static String counts(CaptureSession.Summary s, String target) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.seen()).append(s.live() ? " packets captured" : " frames read");
        if (target != null) {
            sb.append(", ").append(s.written()).append(" written to ")
                    .append("-".equals(target) ? "standard output" : target);
        } else {
            sb.append(", ").append(s.matched()).append(" matched");
        }
        if (s.dropped() > 0) {
            sb.append(", ").append(s.dropped()).append(" dropped by the kernel");
        }
        return sb.toString();
    }

    private void validate() {
        if (displayFilter != null && !filterWords.isEmpty()) {
            throw usage("give the display filter either as the argument or with -Y, not both");
        }
        if (readFile != null && iface != null) {
            throw usage("-r reads a file and -i captures live: give one of them");
        }
        if (readFile != null && captureFilter != null) {
            throw usage("-f sets a kernel capture filter for live capture; to filter a file give a display filter"
                    + " (the argument or -Y)");
        }
        if (readFile != null && duration != null) {
            throw usage("--duration applies to live capture; use -c to stop reading a file early");
        }
        if (packetBuffered && writeFile == null) {
            throw usage("-U writes each frame out at once, which applies to -w FILE");
        }
        if (snapLength < 1 || snapLength > Frame.MAX_LENGTH) {
            throw usage("-s must be between 1 and " + Frame.MAX_LENGTH);
        }
        if (count < 0) {
            throw usage("-c must be a positive number");
        }
        if (format == OutputFormat.fields && fields.isEmpty()) {
            throw usage("-T fields needs at least one -e FIELD");
        }
        if (!fields.isEmpty() && format != OutputFormat.fields) {
            throw usage("-e FIELD is used with -T fields");
        }
        for (String s : statistics) {
            if (!s.equals("stun") && !s.equals("rtp,streams")) {
                throw usage("unknown statistics '" + s + "' (rtc knows -z stun and -z rtp,streams)");
            }
        }
        if (writeFile != null && "-".equals(writeFile)
                && (detail || hex || format != OutputFormat.text || !statistics.isEmpty())) {
            throw usage("-w - writes the pcap to standard output: no other output can go there");
        }
        if (writeFile != null && readFile != null && !"-".equals(writeFile) && !"-".equals(readFile)) {
            try {
                if (Files.exists(Path.of(writeFile)) && Files.isSameFile(Path.of(writeFile), Path.of(readFile))) {
                    throw usage("-w would overwrite the file -r reads");
                }
            } catch (IOException e) {
                throw usage("cannot check " + writeFile + ": " + e.getMessage());
            }
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private PcapWriter openWriter(int linkType, int snap, boolean nanos) throws IOException {
        OutputStream os;
        if ("-".equals(writeFile)) {
            os = new FileOutputStream(FileDescriptor.out);
        } else {
            try {
                os = Files.newOutputStream(Path.of(writeFile));
            } catch (IOException e) {
                throw new RtcException(Exit.FAILURE, "cannot write " + writeFile + ": " + e.getMessage());
            }
        }
        return new PcapWriter(new BufferedOutputStream(os, 1 << 16), linkType, snap, nanos);
    }

    private void listInterfaces(PrintWriter out) {
        int i = 1;
        for (LiveCapture.Interface nif : LiveCapture.interfaces()) {
            StringBuilder sb = new StringBuilder();
            sb.append(i++).append(". ").append(nif.name());
            if (nif.description() != null && !nif.description().isBlank()) {
                sb.append(" (").append(nif.description()).append(')');
            }
            if (!nif.addresses().isEmpty()) {
                sb.append("  ").append(String.join(", ", nif.addresses()));
            }
            if (!nif.up()) {
                sb.append("  [down]");
            }
            out.println(sb);
        }
        out.flush();
    }

    private static String defaultInterface() {
        for (LiveCapture.Interface nif : LiveCapture.interfaces()) {
            if (nif.up() && !nif.loopback() && !nif.name().equals("any") && !nif.addresses().isEmpty()) {
                return nif.name();
            }
        }
        throw new RtcException(Exit.FAILURE, "no interface to capture on: give one with -i (rtc capture -D lists them)");
    }

    /** Per-frame output to stdout, buffered in large blocks (flushed per frame when capturing live). */
    private final class Output {
        private final PrintWriter out;
        private final StringBuilder buf = new StringBuilder(1 << 16);
        private FieldColumns columns;
        private boolean firstJson = true;
        boolean live;

        Output(PrintWriter out) {
            this.out = out;
        }

        void begin() {
            if (quiet || writeFile != null) {
                return;
            }
            if (format == OutputFormat.fields) {
                columns = columns();
                if (option("header", "n").equals("y")) {
                    buf.append(columns.header()).append('\n');
                }
            } else if (format == OutputFormat.json) {
                buf.append("[\n");
            }
        }

        void frame(Frame f) {
            switch (format) {
                case fields -> {
                    columns.append(f, buf);
                    buf.append('\n');
                }
                case ndjson -> buf.append(Json.line(FrameJson.of(f))).append('\n');
                case json -> {
                    if (!firstJson) {
                        buf.append(",\n");
                    }
                    firstJson = false;
                    buf.append(Json.pretty(FrameJson.of(f)));
                }
                case text -> {
                    if (detail) {
                        for (String line : FrameDetail.lines(f)) {
                            buf.append(line).append('\n');
                        }
                    } else {
                        buf.append(FrameSummary.line(f)).append('\n');
                    }
                    if (hex) {
                        for (String line : HexDump.lines(f.data(), f.capturedLength())) {
                            buf.append(line).append('\n');
                        }
                    }
                    if (detail || hex) {
                        buf.append('\n');
                    }
                }
            }
            if (live || buf.length() > (1 << 16)) {
                flush();
            }
        }

        void end() {
            if (quiet || writeFile != null) {
                return;
            }
            if (format == OutputFormat.json) {
                buf.append(firstJson ? "]\n" : "\n]\n");
            }
        }

        void flush() {
            if (buf.length() > 0) {
                out.write(buf.toString());
                buf.setLength(0);
            }
            out.flush();
        }

        private FieldColumns columns() {
            try {
                String sep = option("separator", "\t");
                sep = switch (sep) {
                    case "/t" -> "\t";
                    case "/s" -> " ";
                    default -> sep;
                };
                String occ = option("occurrence", "a");
                String quote = option("quote", "n");
                if (!List.of("f", "l", "a").contains(occ) || !List.of("d", "s", "n").contains(quote)) {
                    throw usage("-E occurrence takes f, l or a; -E quote takes d, s or n");
                }
                return new FieldColumns(FieldColumns.resolve(Fields.registry(), fields), sep,
                        option("aggregator", ","), occ.charAt(0), quote.charAt(0));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
    }

    private String option(String name, String fallback) {
        String value = fallback;
        for (String o : fieldOptions) {
            int eq = o.indexOf('=');
            if (eq < 0) {
                throw usage("-E takes OPTION=VALUE, got '" + o + "'");
            }
            String key = o.substring(0, eq);
            if (!List.of("separator", "header", "occurrence", "aggregator", "quote").contains(key)) {
                throw usage("unknown -E option '" + key + "'");
            }
            if (key.equals(name)) {
                value = o.substring(eq + 1);
            }
        }
        return value;
    }
}
