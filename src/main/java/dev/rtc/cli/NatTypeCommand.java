package dev.rtc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.nat.Advice;
import dev.rtc.nat.Classification;
import dev.rtc.nat.NatReport;
import dev.rtc.nat.ProbeRecord;
import dev.rtc.nat.ProbeSettings;
import dev.rtc.nat.Rfc3489Type;
import dev.rtc.nat.Round;
import dev.rtc.net.Addresses;
import dev.rtc.net.BindingProbe;
import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.SourceCheck;
import dev.rtc.net.StunTransactionException;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.net.Durations;
import dev.rtc.output.Json;
import dev.rtc.output.Table;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rtc nat-type}: classify the NAT between this host and a two-address STUN server. */
@Command(name = "nat-type", mixinStandardHelpOptions = true,
        description = {"Classifies the NAT in both taxonomies: the RFC 3489 type (Open Internet, Full Cone,"
                + " Restricted Cone, Port Restricted Cone, Symmetric NAT, Symmetric UDP Firewall, UDP Blocked) and"
                + " the RFC 5780 mapping, filtering and hairpinning behaviour, with port preservation and the"
                + " public address, and says what the result means for calls.",
                "All tests run at once on fresh random ports (49152-65535), each retransmitted inside its window,"
                + " so a verdict costs about one round trip plus one --timeout. Every answer is checked before it"
                + " counts (transaction id, success class, the source RFC 5780 Table 1 requires, RESPONSE-ORIGIN);"
                + " a server that cannot do the tests gives exit 4, never a verdict.",
                "Requests count their transmissions (RFC 7982 TRANSACTION-TRANSMIT-COUNTER). The first answer's"
                + " round trip lengthens the change tests' wait to three round trips on a slow path; after a"
                + " retransmission it is known only when the server echoes the counter, and is otherwise shown as"
                + " ambiguous and not used (Karn's rule)."},
        footerHeading = "%nExamples:%n",
        footer = {"  rtc nat-type --server 127.0.0.1",
                "      against a local 'rtc stun-server': Open Internet",
                "  rtc nat-type --server stun.example.org --format json --expect full-cone,restricted-cone",
                "      for CI: exit 3 unless the NAT is one of those",
                "  rtc nat-type --server stun.example.org --samples 5 --timeout 3s",
                "      five rounds on fresh ports over a slow link; exit 5 if they disagree",
                "  RTC_STUN_SERVER=[2001:db8::1]:3478 rtc nat-type --family 6",
                "",
                "Exit codes:",
                "  0  a verdict (and --expect met)",
                "  1  failure: the server name does not resolve, no route, socket error, the server's port"
                        + " refuses (ICMP port unreachable)",
                "  2  usage: bad option",
                "  3  --expect not met",
                "  4  the server cannot do the tests (no alternate address, 420 to CHANGE-REQUEST,"
                        + " answers from the wrong address)",
                "  5  inconclusive: the evidence contradicts itself, or --samples rounds disagree",
                "",
                "Environment: RTC_STUN_SERVER is the default for --server."})
public final class NatTypeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = {"-s", "--server"}, paramLabel = "HOST[:PORT]", defaultValue = "${env:RTC_STUN_SERVER}",
            description = "The STUN server (two addresses needed: rtc stun-server, stund, coturn with --rfc5780);"
                    + " port 3478 unless given. Default: $RTC_STUN_SERVER.")
    String server;

    @Option(names = "--family", paramLabel = "4|6", description = "IP version to test over (default: the first"
            + " address the server name resolves to).")
    Integer family;

    @Option(names = "--local-address", paramLabel = "IP",
            description = "Send from this local address (default: the one the route to the server uses).")
    String localAddress;

    @Option(names = "--rto", paramLabel = "DURATION", defaultValue = "50ms",
            description = "First retransmission timeout; each later wait doubles, RFC 8489 style, inside --timeout"
                    + " (default: ${DEFAULT-VALUE}). DURATION: " + Durations.SYNTAX + ".")
    Duration rto;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "800ms",
            description = "How long each test waits for an answer before its silence counts as evidence; raise it"
                    + " for satellite or congested links (default: ${DEFAULT-VALUE}). DURATION: " + Durations.SYNTAX
                    + ".")
    Duration timeout;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1",
            description = "Rounds to run, each on fresh ports; the verdict needs them all to agree"
                    + " (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--expect", paramLabel = "TYPE", split = ",", completionCandidates = ExpectTypes.class,
            description = "Exit 3 unless the RFC 3489 type is one of these: open-internet, full-cone,"
                    + " restricted-cone, port-restricted-cone, symmetric, symmetric-udp-firewall, udp-blocked.")
    List<String> expect;

    private Duration elapsed = Duration.ZERO;

    /** The values --expect takes, for tab completion (shell and bash). */
    static final class ExpectTypes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Rfc3489Type.values()).map(Rfc3489Type::token).iterator();
        }
    }

    @Override
    public Integer call() {
        if (server == null || server.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--server is needed (or set RTC_STUN_SERVER)");
        }
        if (samples < 1 || samples > 100) {
            throw new ParameterException(spec.commandLine(), "--samples must be 1-100, not " + samples);
        }
        if (family != null && family != 4 && family != 6) {
            throw new ParameterException(spec.commandLine(), "--family must be 4 or 6, not " + family);
        }
        Set<Rfc3489Type> expected = expected();
        Duration rtoValue = within("--rto", rto);
        Duration window = within("--timeout", timeout);
        if (window.compareTo(rtoValue) < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least --rto");
        }
        InetSocketAddress primary = resolve();
        InetAddress local = localAddress == null ? null : OptionValues.literal(spec, "--local-address", localAddress, 1)
                .getAddress();
        long start = System.nanoTime();
        NatReport report = NatReport.run(new ProbeSettings(primary, local, rtoValue, window), samples);
        if (report.verdict() != null && report.verdict().type() == Rfc3489Type.UDP_BLOCKED) {
            refused(primary, rtoValue, window);
        }
        elapsed = Duration.ofNanos(System.nanoTime() - start);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean met = report.verdict() != null && (expected.isEmpty() || expected.contains(report.verdict().type()));
        if (output.json()) {
            out.println(Json.pretty(json(primary, report, expected, met)));
        } else {
            text(out, primary, report);
        }
        out.flush();
        if (report.exit() != Exit.OK) {
            err.println("rtc nat-type: " + (report.exit() == Exit.SERVER_INCAPABLE ? "the server cannot do the"
                    + " test: " : "inconclusive: ") + report.problem());
            err.flush();
            return report.exit().code();
        }
        if (!met) {
            err.println("rtc nat-type: expected " + String.join(" or ", expected.stream().map(Rfc3489Type::token)
                    .toList()) + ", got " + report.verdict().type().token());
            err.flush();
            return Exit.CHECK_FAILED.code();
        }
        return Exit.OK.code();
    }

    /**
     * No answer at all reads "UDP Blocked", unless the server's address refuses: the probes' sockets are not
     * connected and never see ICMP, so one Binding request on a connected socket asks. Port unreachable means
     * nothing listens there (or a firewall rejects the packets): exit 1, not a verdict about the NAT. The ICMP
     * answer comes within a round trip, so the question waits the RTO or half a second, whichever is longer (a
     * round trip to a distant server), and never longer than --timeout.
     */
    private static void refused(InetSocketAddress server, Duration rto, Duration window) {
        Duration wait = Collections.min(List.of(window, Collections.max(List.of(rto, Duration.ofMillis(500)))));
        BindingProbe.Options options = new BindingProbe.Options(server, BindingProbe.Transport.UDP, 0, null,
                RetransmitPolicy.rfc8489().withRto(rto).withTimeout(wait), SourceCheck.DESTINATION, 0);
        try {
            BindingProbe.run(options, StunMessage.builder(Method.BINDING, MessageClass.REQUEST).build());
        } catch (StunTransactionException e) {
            if (e.kind() == StunTransactionException.Kind.UNREACHABLE) {
                throw new RtcException(Exit.FAILURE, Addresses.format(server) + " refused the Binding request (ICMP"
                        + " port unreachable): no STUN server listens there, or a firewall rejects UDP to it");
            }
        } catch (java.io.IOException e) {
            // the verdict stands: the probes could not get an answer either
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Set<Rfc3489Type> expected() {
        Set<Rfc3489Type> set = EnumSet.noneOf(Rfc3489Type.class);
        if (expect == null) {
            return set;
        }
        for (String token : expect) {
            Rfc3489Type t = Rfc3489Type.ofToken(token.trim());
            if (t == null) {
                throw new ParameterException(spec.commandLine(), "--expect: unknown type '" + token + "' (one of"
                        + " open-internet, full-cone, restricted-cone, port-restricted-cone, symmetric,"
                        + " symmetric-udp-firewall, udp-blocked)");
            }
            set.add(t);
        }
        return set;
    }

    private Duration within(String option, Duration d) {
        if (d.toMillis() < 1 || d.toSeconds() > 600) {
            throw new ParameterException(spec.commandLine(), option + " must be between 1ms and 600s");
        }
        return d;
    }

    private InetSocketAddress resolve() {
        Addresses.HostPort hp = OptionValues.hostPort(spec, "--server", server, 3478);
        try {
            return hp.resolve(family == null ? 0 : family);
        } catch (UnknownHostException e) {
            throw RtcException.failure("cannot resolve the server: " + e.getMessage());
        }
    }

    private void text(PrintWriter out, InetSocketAddress primary, NatReport report) {
        Round shown = report.shown();
        Classification c = report.verdict();
        List<String[]> summary = new ArrayList<>();
        if (c != null) {
            summary.add(new String[] {"NAT type", c.type().label() + " (RFC 3489)"});
            if (c.mapping() != null) {
                summary.add(new String[] {"Mapping", c.mapping().token()});
                summary.add(new String[] {"Filtering", c.filtering().token()});
                summary.add(new String[] {"Hairpinning", c.hairpinning().text()});
                summary.add(new String[] {"Port preserved", c.portPreserved() ? "yes" : "no"});
                summary.add(new String[] {"Public address", Addresses.format(c.publicAddress())});
            }
            if (c.inexpressible() != null) {
                summary.add(new String[] {"Note", "RFC 3489 cannot express " + c.inexpressible()});
            }
        } else {
            summary.add(new String[] {"NAT type", report.exit() == Exit.SERVER_INCAPABLE
                    ? "no verdict: the server cannot do the test" : "no verdict: inconclusive"});
            summary.add(new String[] {"Why", report.problem()});
        }
        summary.add(new String[] {"Server", Addresses.format(primary)});
        summary.add(new String[] {"Took", Durations.format(elapsed) + (report.rounds().size() > 1
                ? " for " + report.rounds().size() + " rounds" : "")});
        if (report.rounds().size() > 1) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Integer> e : report.tally().entrySet()) {
                parts.add(e.getValue() + "/" + report.rounds().size() + " " + e.getKey());
            }
            summary.add(new String[] {"Samples", String.join("; ", parts)});
        }
        for (String[] row : summary) {
            out.printf("%-15s %s%n", row[0], row[1]);
        }
        out.println();
        Table t = new Table("TEST", "FROM", "TO", "EXPECTED FROM", "ANSWER FROM", "RTT", "SENT", "MAPPED", "OUTCOME")
                .alignRight(5, 6);
        for (ProbeRecord r : shown.probes()) {
            t.row(r.probe().name().toLowerCase().replace('_', '-'), Addresses.format(r.local()),
                    Addresses.format(r.destination()), Addresses.format(r.expectedSource()),
                    Addresses.format(r.actualSource()),
                    r.rttAmbiguous() ? "ambiguous" : r.rttMillis() == null ? "-"
                            : String.format("%.1f ms", r.rttMillis()), r.transmissions(),
                    Addresses.format(r.mapped()), r.outcome());
        }
        t.lines().forEach(out::println);
        if (c != null) {
            out.println();
            out.println("For calls: " + Advice.forCalls(c));
        }
    }

    private ObjectNode json(InetSocketAddress primary, NatReport report, Set<Rfc3489Type> expected, boolean met) {
        ObjectNode doc = Json.document("nat-type");
        doc.put("server", Addresses.format(primary));
        Classification c = report.verdict();
        doc.put("result", report.exit() == Exit.OK ? "verdict"
                : report.exit() == Exit.SERVER_INCAPABLE ? "server-incapable" : "inconclusive");
        if (c != null) {
            doc.put("type", c.type().token());
            doc.put("label", c.type().label());
            doc.put("mapping", c.mapping() == null ? null : c.mapping().token());
            doc.put("filtering", c.filtering() == null ? null : c.filtering().token());
            doc.put("hairpinning", c.hairpinning().name().toLowerCase().replace('_', '-'));
            doc.put("natPresent", c.natPresent());
            if (c.portPreserved() != null) {
                doc.put("portPreserved", c.portPreserved());
            }
            doc.put("publicAddress", c.publicAddress() == null ? null : Addresses.format(c.publicAddress()));
            doc.put("inexpressible", c.inexpressible());
            ArrayNode peers = doc.putArray("directPeers");
            Advice.directPeers(c.type()).forEach(p -> peers.add(p.token()));
            doc.put("turnNeeded", !Advice.directPeers(c.type()).containsAll(EnumSet.of(Rfc3489Type.SYMMETRIC,
                    Rfc3489Type.PORT_RESTRICTED_CONE)));
            doc.put("advice", Advice.forCalls(c));
        } else {
            doc.put("problem", report.problem());
        }
        if (!expected.isEmpty()) {
            ArrayNode e = doc.putArray("expect");
            expected.forEach(t -> e.add(t.token()));
            doc.put("expectMet", met);
        }
        doc.put("exitCode", report.exit() == Exit.OK && !met ? Exit.CHECK_FAILED.code() : report.exit().code());
        doc.put("elapsedMs", Durations.millis(elapsed));
        ArrayNode rounds = doc.putArray("samples");
        for (Round r : report.rounds()) {
            ObjectNode rn = rounds.addObject();
            rn.put("conclusion", NatReport.key(r));
            if (r instanceof Round.ServerIncapable s) {
                rn.put("problem", s.why());
            } else if (r instanceof Round.Inconclusive i) {
                rn.put("problem", i.why());
            }
            ArrayNode tests = rn.putArray("tests");
            for (ProbeRecord p : r.probes()) {
                ObjectNode tn = tests.addObject();
                tn.put("test", p.probe().name().toLowerCase().replace('_', '-'));
                tn.put("description", p.probe().description());
                tn.put("local", Addresses.format(p.local()));
                tn.put("destination", Addresses.format(p.destination()));
                tn.put("changeIp", p.probe().changeIp());
                tn.put("changePort", p.probe().changePort());
                tn.put("expectedSource", p.expectedSource() == null ? null : Addresses.format(p.expectedSource()));
                tn.put("actualSource", p.actualSource() == null ? null : Addresses.format(p.actualSource()));
                if (p.rttMillis() != null) {
                    tn.put("rttMs", Math.round(p.rttMillis() * 1000) / 1000.0);
                } else {
                    tn.putNull("rttMs");
                }
                tn.put("rttAmbiguous", p.rttAmbiguous());
                tn.put("transmissions", p.transmissions());
                tn.put("retransmissions", p.retransmissions());
                tn.put("mapped", p.mapped() == null ? null : Addresses.format(p.mapped()));
                tn.put("outcome", p.outcome());
            }
        }
        return doc;
    }
}
