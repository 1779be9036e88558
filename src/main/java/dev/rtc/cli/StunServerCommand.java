package dev.rtc.cli;

import dev.rtc.RtcException;
import dev.rtc.net.Addresses;
import dev.rtc.output.Json;
import dev.rtc.server.RequestEvent;
import dev.rtc.server.ServerAddressSet;
import dev.rtc.server.StunServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rtc stun-server}: a two-address, two-port STUN server for NAT type tests. */
@Command(name = "stun-server", mixinStandardHelpOptions = true,
        description = {"A STUN server with two IP addresses and two ports, as NAT type tests need: it listens on"
                + " the four (address, port) pairs over UDP, and over TCP for plain Binding. RFC 5389/8489"
                + " requests get XOR-MAPPED-ADDRESS, MAPPED-ADDRESS, RESPONSE-ORIGIN, OTHER-ADDRESS, SOFTWARE and"
                + " FINGERPRINT; RFC 3489 requests get MAPPED-ADDRESS, SOURCE-ADDRESS and CHANGED-ADDRESS."
                + " CHANGE-REQUEST is answered from the socket RFC 5780 Table 1 names; RESPONSE-PORT and PADDING"
                + " are honoured; unknown comprehension-required attributes get 420.",
                "Safe to expose: only well-formed Binding requests are answered, an answer is never much larger"
                + " than its request, and each source address is rate limited. Runs until Ctrl-C (exit 0)."},
        footerHeading = "%nExamples:%n",
        footer = {"  rtc stun-server",
                "      127.0.0.1:3478 and 127.0.0.2:3479, no root needed; then: rtc nat-type --server 127.0.0.1",
                "  rtc stun-server --primary 10.0.0.5 --alternate 10.0.0.6 \\",
                "      --advertise-primary 192.0.2.5 --advertise-alternate 192.0.2.6",
                "      a cloud VM with two private addresses behind 1:1 NAT",
                "  rtc stun-server --verbose --format json",
                "      one JSON line per request on stdout",
                "",
                "Exit codes:",
                "  0  stopped by Ctrl-C",
                "  1  an address cannot be bound (in use, not local)",
                "  2  usage: bad option or address"})
public final class StunServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--primary", paramLabel = "IP[:PORT]", defaultValue = "127.0.0.1:3478",
            description = "Primary address and port (default: ${DEFAULT-VALUE}).")
    String primary;

    @Option(names = "--alternate", paramLabel = "IP[:PORT]", defaultValue = "127.0.0.2:3479",
            description = "Alternate address and port; both must differ from the primary ones"
                    + " (default: ${DEFAULT-VALUE}; port default: primary port + 1).")
    String alternate;

    @Option(names = "--advertise-primary", paramLabel = "IP[:PORT]",
            description = "The public address clients reach the primary one by (behind 1:1 NAT), used in"
                    + " RESPONSE-ORIGIN and OTHER-ADDRESS.")
    String advertisePrimary;

    @Option(names = "--advertise-alternate", paramLabel = "IP[:PORT]",
            description = "The public address clients reach the alternate one by (behind 1:1 NAT).")
    String advertiseAlternate;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "100",
            description = "Answers per second per source address, bursts of twice that; 0 for no limit"
                    + " (default: ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(names = "--no-tcp", description = "Listen over UDP only.")
    boolean noTcp;

    @Option(names = "--ignore-change-request",
            description = "Answer every request from the socket it arrived on, as a server without NAT test"
                    + " support does; for checking that NAT clients notice (rtc nat-type then exits 4).")
    boolean ignoreChangeRequest;

    @Option(names = {"-v", "--verbose"}, description = "One log line per request on stdout.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        InetSocketAddress p = OptionValues.literal(spec, "--primary", primary, 3478);
        InetSocketAddress a = OptionValues.literal(spec, "--alternate", alternate, p.getPort() + 1);
        if (p.getAddress().equals(a.getAddress()) || p.getPort() == a.getPort()) {
            throw RtcException.usage("--alternate " + Addresses.format(a) + " must differ from --primary "
                    + Addresses.format(p) + " in both address and port");
        }
        if ((p.getAddress().getAddress().length) != (a.getAddress().getAddress().length)) {
            throw RtcException.usage("--primary and --alternate must be of the same address family");
        }
        InetSocketAddress ap = advertisePrimary == null ? null
                : OptionValues.literal(spec, "--advertise-primary", advertisePrimary, p.getPort());
        InetSocketAddress aa = advertiseAlternate == null ? null
                : OptionValues.literal(spec, "--advertise-alternate", advertiseAlternate, a.getPort());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String software = "rtc " + VersionProvider.version();
        StunServer server = StunServer.start(new StunServer.Options(new ServerAddressSet(p, a, ap, aa),
                !ignoreChangeRequest, Math.max(0, rateLimit), !noTcp, software),
                verbose ? e -> log(out, e) : null);
        Thread hook = new Thread(server::close, "rtc-stun-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Interrupt ctrlC = Interrupt.install(server::close)) {
            err.println("rtc stun-server: listening on " + (noTcp ? "UDP " : "UDP and TCP ")
                    + String.join(", ", server.listening())
                    + (ignoreChangeRequest ? " (ignoring CHANGE-REQUEST)" : "") + "; Ctrl-C stops");
            err.flush();
            server.awaitClosed();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already on its way out; the hook has closed the server
        }
        err.println("rtc stun-server: stopped");
        err.flush();
        return 0;
    }

    private void log(PrintWriter out, RequestEvent e) {
        String line;
        if (output.json()) {
            ObjectNode n = Json.object();
            n.put("time", e.time().toString());
            n.put("transport", e.transport());
            n.put("from", Addresses.format(e.from()));
            n.put("to", Addresses.format(e.receivedOn()));
            n.put("length", e.length());
            n.put("answered", !e.answer().dropped());
            if (!e.answer().dropped()) {
                n.put("responseLength", e.answer().bytes().length);
                n.put("responseTo", Addresses.format(e.answer().to()));
            }
            n.put("summary", e.answer().summary());
            line = Json.line(n);
        } else {
            line = e.time() + " " + e.transport() + " " + Addresses.format(e.from()) + " -> "
                    + Addresses.format(e.receivedOn()) + " " + e.length() + " bytes: " + e.answer().summary();
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
