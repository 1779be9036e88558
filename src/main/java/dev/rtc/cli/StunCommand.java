package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.net.Addresses;
import dev.rtc.net.BindingProbe;
import dev.rtc.net.Durations;
import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.SourceCheck;
import dev.rtc.net.StreamConnectException;
import dev.rtc.net.StunTransactionException;
import dev.rtc.net.TlsOptions;
import dev.rtc.stun.Attributes;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.ChannelData;
import dev.rtc.stun.Integrity;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.Padding;
import dev.rtc.stun.PasswordAlgorithm;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.StunParseException;
import dev.rtc.stun.TransactionId;
import dev.rtc.stun.TransactionTransmitCounter;
import dev.rtc.stun.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rtc stun}: one Binding transaction against a server, or the decoding of one message. */
@Command(name = "stun",
        description = {
                "Sends one STUN Binding request to a server (UDP, TCP or TLS) and shows the answer: the mapped"
                        + " address, the round-trip time, the retransmissions, the address the answer came from,"
                        + " and every attribute by name (XOR addresses decoded, FINGERPRINT checked).",
                "Retransmits as RFC 8489 says (RTO 500 ms doubling, 7 transmissions, last wait 16 RTO) but gives"
                        + " up after --timeout (10 s by default; --timeout 39.5s for the RFC's full schedule). An answer"
                        + " counts only with the request's transaction id and from the address asked"
                        + " (with --change-ip/--change-port, from any address, shown as such).",
                "Each transmission carries TRANSACTION-TRANSMIT-COUNTER (RFC 7982; not with --classic). After a"
                        + " retransmission the round trip is shown only when the server echoes the counter, naming"
                        + " the transmission it answered; otherwise it is ambiguous (Karn's rule) and only the time"
                        + " since the first transmission is shown.",
                "With --decode, decodes one STUN or ChannelData message given in hex and shows it the same way;"
                        + " --password or --key checks its MESSAGE-INTEGRITY."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
                "  rtc stun 127.0.0.1:3478",
                "  rtc stun --tls --ca-file ca.pem turn.example.org",
                "  rtc stun --change-ip --change-port --format json stun.example.org",
                "  rtc stun --decode @samples/binding-response.hex",
                "  rtc stun --decode - --password wonderland < request.hex",
                "",
                "Exit codes:",
                "  0  a success response (or, with --decode, a well-formed message)",
                "  1  no answer, refused, an error response, or an I/O error",
                "  2  malformed address, hex or options",
                "  3  the MESSAGE-INTEGRITY asked to be checked (--password, --key) is absent or wrong"})
public final class StunCommand implements Callable<Integer> {
    static final int STUN_PORT = 3478;
    static final int STUNS_PORT = 5349;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST[:PORT]",
            description = "The server: a name, an IPv4 address, or an IPv6 address in brackets;"
                    + " port 3478 by default (5349 with --tls).")
    String server;

    @Option(names = "--decode", paramLabel = "HEX|-|@FILE",
            description = "Decode one message instead of sending: hex (spaces, colons, line breaks and # comments"
                    + " allowed), '-' for standard input, or @FILE.")
    String decode;

    static final class TransportChoice {
        @Option(names = "--tcp", description = "Use TCP (RFC 8489 framing) instead of UDP.")
        boolean tcp;

        @Option(names = "--tls", description = "Use TLS over TCP; the certificate is checked unless --insecure.")
        boolean tls;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    TransportChoice transport = new TransportChoice();

    @Option(names = "--insecure", description = "With --tls: accept any certificate and any name.")
    boolean insecure;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "With --tls: trust the certificates of this PEM file instead of the system's.")
    Path caFile;

    @Option(names = "--server-name", paramLabel = "NAME",
            description = "With --tls: the name the certificate must carry and SNI sends (default: HOST).")
    String serverName;

    @Option(names = "--rto", paramLabel = "DURATION", defaultValue = "500ms",
            description = "First retransmission timeout over UDP, doubling after each (default: ${DEFAULT-VALUE})."
                    + " DURATION: " + Durations.SYNTAX + ".")
    Duration rto;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Give up after this long (default: ${DEFAULT-VALUE}). DURATION: " + Durations.SYNTAX + ".")
    Duration timeout;

    @Option(names = "--change-ip", description = "Ask for the answer from the server's other IP (RFC 3489/5780"
            + " CHANGE-REQUEST); it is accepted from any address.")
    boolean changeIp;

    @Option(names = "--change-port", description = "Ask for the answer from the server's other port.")
    boolean changePort;

    @Option(names = "--response-port", paramLabel = "N",
            description = "Ask for the answer on local port N (RFC 5780 RESPONSE-PORT); rtc listens there too.")
    Integer responsePort;

    @Option(names = "--padding", paramLabel = "N",
            description = "Add a PADDING attribute of N bytes (RFC 5780), to probe fragmentation.")
    Integer padding;

    @Option(names = "--classic", description = "Send an RFC 3489 request: no magic cookie, 128-bit transaction id.")
    boolean classic;

    @Option(names = "--software", paramLabel = "TEXT", description = "Add a SOFTWARE attribute.")
    String software;

    @Option(names = "--fingerprint", description = "Add a FINGERPRINT attribute.")
    boolean fingerprint;

    @Option(names = "--family", paramLabel = "4|6", description = "Use IPv4 or IPv6 when HOST has both.")
    Integer family;

    @Option(names = "--local-port", paramLabel = "N", description = "Send from this local port.")
    Integer localPort;

    @Option(names = "--username", paramLabel = "NAME",
            description = "USERNAME to send; with --decode, the user of the long-term key (default: the message's).")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Sign the request with MESSAGE-INTEGRITY (short-term key) and check the answer's;"
                    + " with --decode, check the message's (long-term key when it has a REALM or --realm is given).")
    String password;

    @Option(names = "--realm", paramLabel = "REALM",
            description = "With --decode: the realm of the long-term key (default: the message's REALM).")
    String realm;

    @Option(names = "--key", paramLabel = "HEX", description = "The integrity key itself, in hex (instead of"
            + " --password).")
    String key;

    @Override
    public Integer call() {
        if (decode != null) {
            return new StunDecode(this).run();
        }
        return probe();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private int probe() {
        if (server == null) {
            throw usage("a server (HOST[:PORT]) or --decode is needed");
        }
        if (realm != null) {
            throw usage("--realm is for --decode only (a Binding request is signed with a short-term key)");
        }
        boolean stream = transport.tcp || transport.tls;
        if (stream && (changeIp || changePort || responsePort != null)) {
            throw usage("--change-ip, --change-port and --response-port need UDP");
        }
        if (!transport.tls && (insecure || caFile != null || serverName != null)) {
            throw usage("--insecure, --ca-file and --server-name go with --tls");
        }
        OptionValues.trust(spec, insecure, caFile);
        Addresses.HostPort hp = OptionValues.hostPort(spec, "HOST[:PORT]", server,
                transport.tls ? STUNS_PORT : STUN_PORT);
        RetransmitPolicy policy = policy();
        byte[] integrityKey = requestKey();
        StunMessage first = buildRequest(integrityKey, null, 1);
        TransactionId id = first.transactionId();
        InetSocketAddress address = resolve(hp);
        BindingProbe.Transport kind = transport.tls ? BindingProbe.Transport.TLS
                : transport.tcp ? BindingProbe.Transport.TCP : BindingProbe.Transport.UDP;
        TlsOptions tls = transport.tls ? tlsOptions(hp) : null;
        SourceCheck check = changeIp || changePort ? SourceCheck.ANY : SourceCheck.DESTINATION;
        BindingProbe.Options options = new BindingProbe.Options(address, kind, localPort == null ? 0 : localPort,
                tls, policy, check, responsePort == null ? 0 : responsePort);
        BindingProbe.Result result;
        try {
            // an RFC 3489 request stays as RFC 3489 has it; others count their transmissions (RFC 7982)
            result = classic ? BindingProbe.run(options, first)
                    : BindingProbe.runCounted(options, n -> n == 1 ? first : buildRequest(integrityKey, id, n));
        } catch (StunTransactionException e) {
            throw new RtcException(Exit.FAILURE, e.getMessage(), e);
        } catch (StreamConnectException e) {
            throw new RtcException(Exit.FAILURE, e.getMessage(), e);
        } catch (IOException e) {
            String local = localPort == null ? "" : " (local port " + localPort + ")";
            throw new RtcException(Exit.FAILURE, "cannot talk to " + Addresses.format(address) + local + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RtcException(Exit.FAILURE, "interrupted", e);
        }
        Optional<Verification> integrity = integrityKey == null ? Optional.empty()
                : Optional.of(Integrity.verify(result.response().message(), integrityKey));
        StunOutput view = new StunOutput(output.json());
        view.probe(out(), server, result, integrity, integrityKey);
        StunMessage answer = result.response().message();
        if (answer.messageClass() == MessageClass.ERROR_RESPONSE) {
            throw new RtcException(Exit.FAILURE, Addresses.format(result.response().source()) + " answered "
                    + StunOutput.errorText(answer));
        }
        if (integrity.isPresent() && integrity.get() != Verification.VALID) {
            throw new RtcException(Exit.CHECK_FAILED, "the answer's MESSAGE-INTEGRITY is "
                    + (integrity.get() == Verification.ABSENT ? "absent" : "wrong for the key given"));
        }
        return Exit.OK.code();
    }

    private RetransmitPolicy policy() {
        return RetransmitPolicy.rfc8489().withRto(rto).withTimeout(timeout);
    }

    private byte[] requestKey() {
        if (password != null && key != null) {
            throw usage("give --password or --key, not both");
        }
        if (key != null) {
            return keyBytes();
        }
        return password == null ? null : Integrity.shortTermKey(password);
    }

    byte[] keyBytes() {
        try {
            return HexInput.parse(key);
        } catch (IllegalArgumentException e) {
            throw usage("--key: " + e.getMessage());
        }
    }

    /** Transmission {@code n} of the request (id null: a new one); all but RFC 3489 ones count themselves. */
    private StunMessage buildRequest(byte[] integrityKey, TransactionId id, int n) {
        StunMessage.Builder b = StunMessage.builder(Method.BINDING, MessageClass.REQUEST);
        if (id != null) {
            b.transactionId(id);
        }
        if (classic) {
            b.classic();
        } else {
            b.add(new TransactionTransmitCounter(n, 0));
        }
        if (username != null) {
            b.add(Attributes.username(username));
        }
        if (changeIp || changePort) {
            b.add(Attributes.changeRequest(changeIp, changePort));
        }
        if (responsePort != null) {
            if (responsePort < 1 || responsePort > 65535) {
                throw usage("--response-port " + responsePort + " is not in 1-65535");
            }
            b.add(Attributes.responsePort(responsePort));
        }
        if (padding != null) {
            if (padding < 1 || padding > 65000) {
                throw usage("--padding " + padding + " is not in 1-65000");
            }
            b.add(new Padding(padding));
        }
        if (software != null) {
            b.add(Attributes.software(software));
        }
        if (localPort != null && (localPort < 1 || localPort > 65535)) {
            throw usage("--local-port " + localPort + " is not in 1-65535");
        }
        if (family != null && family != 4 && family != 6) {
            throw usage("--family must be 4 or 6, not " + family);
        }
        try {
            return b.build(integrityKey, false, fingerprint);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private InetSocketAddress resolve(Addresses.HostPort hp) {
        int fam = family == null ? 0 : family;
        boolean literal = hp.host().indexOf(':') >= 0 || hp.host().chars().allMatch(c -> Character.isDigit(c) || c == '.');
        try {
            return hp.resolve(fam);
        } catch (UnknownHostException e) {
            if (literal) {
                throw usage(hp.host() + " is not an IPv" + fam + " address");
            }
            throw new RtcException(Exit.FAILURE, "cannot resolve " + hp.host()
                    + (fam == 0 ? "" : " to an IPv" + fam + " address"));
        }
    }

    private TlsOptions tlsOptions(Addresses.HostPort hp) {
        try {
            return TlsOptions.forServer(serverName != null ? serverName : hp.host(), insecure, caFile);
        } catch (IOException e) {
            throw usage("--ca-file " + caFile + ": " + e.getMessage());
        }
    }

    /** The --decode side: reads hex from the argument, standard input or a file, and shows the message. */
    private static final class StunDecode {
        private final StunCommand c;

        StunDecode(StunCommand c) {
            this.c = c;
        }

        int run() {
            if (c.server != null) {
                throw c.usage("--decode takes no server");
            }
            byte[] bytes;
            try {
                bytes = HexInput.parse(text());
            } catch (IllegalArgumentException e) {
                throw c.usage("bad hex: " + e.getMessage());
            }
            StunOutput view = new StunOutput(c.output.json());
            int first = bytes[0] & 0xFF;
            if (first >= 0x40 && first <= 0x7F) {
                ChannelData cd;
                try {
                    cd = ChannelData.decode(bytes);
                } catch (StunParseException e) {
                    throw c.usage("not a ChannelData message: " + e.getMessage());
                }
                view.channelData(c.out(), cd, bytes.length);
                return Exit.OK.code();
            }
            StunMessage m;
            try {
                m = StunMessage.decode(bytes);
            } catch (StunParseException e) {
                throw c.usage("not a STUN message: " + e.getMessage());
            }
            Optional<StunOutput.IntegrityCheck> check = integrity(m);
            view.decoded(c.out(), m, check);
            if (check.isPresent() && check.get().result() != Verification.VALID) {
                throw new RtcException(Exit.CHECK_FAILED, check.get().result() == Verification.ABSENT
                        ? "the message has no " + check.get().attribute() + " to check"
                        : check.get().attribute() + " does not match the " + check.get().keyKind());
            }
            return Exit.OK.code();
        }

        private String text() {
            String d = c.decode;
            try {
                if (d.equals("-")) {
                    InputStream in = RtcCommand.standardInput(c.spec, "--decode -", "give the message as HEX or"
                            + " in a file (--decode @FILE)");
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
                if (d.startsWith("@")) {
                    return Files.readString(Path.of(d.substring(1)), StandardCharsets.US_ASCII);
                }
            } catch (NoSuchFileException e) {
                throw c.usage("--decode " + d + ": no such file");
            } catch (IOException | java.io.UncheckedIOException e) {
                throw c.usage("--decode " + d + ": cannot read: " + e.getMessage());
            }
            return d;
        }

        private Optional<StunOutput.IntegrityCheck> integrity(StunMessage m) {
            if (c.password != null && c.key != null) {
                throw c.usage("give --password or --key, not both");
            }
            if (c.password == null && c.key == null) {
                if (c.username != null || c.realm != null) {
                    throw c.usage("--username and --realm need --password");
                }
                return Optional.empty();
            }
            boolean sha256 = m.first(AttributeType.MESSAGE_INTEGRITY).isEmpty()
                    && m.first(AttributeType.MESSAGE_INTEGRITY_SHA256).isPresent();
            String attribute = sha256 ? "MESSAGE-INTEGRITY-SHA256" : "MESSAGE-INTEGRITY";
            byte[] k;
            String kind;
            if (c.key != null) {
                k = c.keyBytes();
                kind = "key given";
            } else {
                String realm = c.realm != null ? c.realm : string(m, AttributeType.REALM);
                if (realm == null) {
                    k = Integrity.shortTermKey(c.password);
                    kind = "short-term key";
                } else {
                    String user = c.username != null ? c.username : string(m, AttributeType.USERNAME);
                    if (user == null) {
                        throw c.usage("the long-term key needs a user name: the message has no USERNAME,"
                                + " give --username");
                    }
                    int algorithm = m.first(PasswordAlgorithm.class).map(PasswordAlgorithm::algorithm)
                            .orElse(PasswordAlgorithm.MD5);
                    try {
                        k = Integrity.longTermKey(algorithm, user, realm, c.password);
                    } catch (IllegalArgumentException e) {
                        throw c.usage(e.getMessage());
                    }
                    kind = "long-term key of " + user + " in realm " + realm;
                }
            }
            Verification v = sha256 ? Integrity.verifySha256(m, k) : Integrity.verify(m, k);
            return Optional.of(new StunOutput.IntegrityCheck(attribute, kind, k, v));
        }

        private static String string(StunMessage m, AttributeType type) {
            return m.first(type).map(a -> a instanceof StringAttribute s ? s.value() : null).orElse(null);
        }
    }
}
