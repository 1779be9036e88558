package dev.rtc.probe;

import dev.rtc.ice.HostAddresses;
import dev.rtc.ice.IceServerUri;
import dev.rtc.net.Durations;
import dev.rtc.net.TlsOptions;
import dev.rtc.turn.CredentialSource;
import dev.rtc.turn.TurnCredentials;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and checks the probe config: a YAML document with a {@code modules} mapping of named modules, each with
 * its prober and options. Every mistake is refused with the line and the field named; unknown keys are mistakes
 * (a typo must not silently fall back to a default). Files named in the config (passwords, secrets, CA
 * certificates) are read here, relative to the config's directory, so a bad one is found at start.
 */
public final class ConfigReader {
    /** Larger than any real module list, small enough that a wrong file is refused before it costs memory. */
    public static final int MAX_BYTES = 1 << 20;
    static final Set<String> MODULE_KEYS = Set.of("prober", "transport", "timeout", "rto", "family", "credentials",
            "require", "check_relay", "packets", "tls");
    static final Set<String> CREDENTIAL_KEYS = Set.of("username", "password_file", "password_env", "secret_file",
            "user", "ttl");
    static final Set<String> TLS_KEYS = Set.of("ca_file", "sni", "insecure");
    static final List<String> RELAY_KINDS = List.of("relay", "relay-udp", "relay-tcp", "relay-tls");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    private final String source;
    private final Path baseDir;
    private final Function<String, String> env;

    /**
     * @param source  the name errors start with (the file name)
     * @param baseDir where relative file names in the config are looked up
     * @param env     the environment, for {@code password_env}
     */
    public ConfigReader(String source, Path baseDir, Function<String, String> env) {
        this.source = source;
        this.baseDir = baseDir;
        this.env = env;
    }

    /** Reads a config file. */
    public static ProbeConfig read(Path file, Function<String, String> env) throws ConfigException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(file + ": larger than " + MAX_BYTES + " bytes; not a module config");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": " + (Files.exists(file) ? "cannot read the file" : "no such file"));
        }
        Path dir = file.toAbsolutePath().getParent();
        return new ConfigReader(file.toString(), dir, env).parse(bytes);
    }

    /** Checks a whole document. */
    public ProbeConfig parse(byte[] bytes) throws ConfigException {
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException(source + ": larger than " + MAX_BYTES + " bytes; not a module config");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source + ": not UTF-8 text");
        }
        YamlNode root;
        try {
            root = YamlNode.parse(text);
        } catch (ConfigException e) {
            throw new ConfigException(source + ":" + (Character.isDigit(e.getMessage().charAt(0)) ? "" : " ")
                    + e.getMessage(), e.getCause());
        }
        YamlNode.Mapping top = mapping(root, "the config", root.line());
        known(top, Set.of("modules"), "");
        YamlNode modules = top.entries().get("modules");
        if (modules == null) {
            throw error(top.line(), "modules", "missing: the config needs a 'modules' mapping of named modules");
        }
        YamlNode.Mapping m = mapping(modules, "modules", top.keyLines().get("modules"));
        if (m.entries().isEmpty()) {
            throw error(m.line(), "modules", "no module defined");
        }
        Map<String, ProbeModule> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            String name = e.getKey();
            int line = m.keyLines().get(name);
            if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw error(line, "modules." + name, "a module name is 1 to 64 letters, digits, '_', '.' or '-'");
            }
            out.put(name, module(name, e.getValue(), line));
        }
        return new ProbeConfig(out);
    }

    private ProbeModule module(String name, YamlNode node, int line) throws ConfigException {
        String field = "modules." + name;
        YamlNode.Mapping m = mapping(node, field, line);
        known(m, MODULE_KEYS, field);
        String proberText = string(m, "prober", field);
        if (proberText == null) {
            throw error(m.line(), field + ".prober", "missing (stun, turn or ice-loopback)");
        }
        ProbeModule.Prober prober = switch (proberText) {
            case "stun" -> ProbeModule.Prober.STUN;
            case "turn" -> ProbeModule.Prober.TURN;
            case "ice-loopback" -> ProbeModule.Prober.ICE_LOOPBACK;
            default -> throw error(lineOf(m, "prober"), field + ".prober",
                    "expected stun, turn or ice-loopback, not '" + proberText + "'");
        };
        boolean turn = prober.turn();
        IceServerUri.Transport transport = transport(m, field, turn);
        Duration timeout = duration(m, "timeout", field, DEFAULT_TIMEOUT, MAX_TIMEOUT);
        Duration rto = duration(m, "rto", field, Duration.ofMillis(500), Duration.ofSeconds(10));
        HostAddresses.Family family = family(m, field);
        for (String turnOnly : List.of("credentials", "require", "check_relay", "packets")) {
            if (!turn && m.entries().containsKey(turnOnly)) {
                throw error(lineOf(m, turnOnly), field + "." + turnOnly,
                        "only the turn and ice-loopback probers take it");
            }
        }
        CredentialSource credentials = m.entries().containsKey("credentials")
                ? credentials(m.entries().get("credentials"), lineOf(m, "credentials"), field + ".credentials")
                : null;
        List<String> require = require(m, field);
        boolean checkRelay = bool(m, "check_relay", field, false);
        int packets = integer(m, "packets", field, 10, 1, 1000);
        Path caFile = null;
        String sni = null;
        boolean insecure = false;
        if (m.entries().containsKey("tls")) {
            String tf = field + ".tls";
            YamlNode.Mapping t = mapping(m.entries().get("tls"), tf, lineOf(m, "tls"));
            known(t, TLS_KEYS, tf);
            String ca = string(t, "ca_file", tf);
            sni = string(t, "sni", tf);
            insecure = bool(t, "insecure", tf, false);
            if (ca != null) {
                if (insecure) {
                    throw error(lineOf(t, "insecure"), tf + ".insecure", "excludes ca_file");
                }
                caFile = file(ca, lineOf(t, "ca_file"), tf + ".ca_file");
                try {
                    TlsOptions.loadCertificates(caFile);
                } catch (IOException e) {
                    throw error(lineOf(t, "ca_file"), tf + ".ca_file", e.getMessage());
                }
            }
            if (sni != null && !sni.matches("[A-Za-z0-9.-]{1,253}")) {
                throw error(lineOf(t, "sni"), tf + ".sni", "'" + sni + "' is not a host name");
            }
        }
        return new ProbeModule(name, prober, transport, timeout, rto, family, credentials, require, checkRelay,
                packets, caFile, sni, insecure);
    }

    private IceServerUri.Transport transport(YamlNode.Mapping m, String field, boolean turn)
            throws ConfigException {
        String t = string(m, "transport", field);
        if (t == null) {
            return IceServerUri.Transport.UDP;
        }
        IceServerUri.Transport out = switch (t.toLowerCase(Locale.ROOT)) {
            case "udp" -> IceServerUri.Transport.UDP;
            case "tcp" -> IceServerUri.Transport.TCP;
            case "tls" -> IceServerUri.Transport.TLS;
            default -> throw error(lineOf(m, "transport"), field + ".transport",
                    "expected udp, tcp or tls, not '" + t + "'");
        };
        if (!turn && out == IceServerUri.Transport.TCP) {
            throw error(lineOf(m, "transport"), field + ".transport",
                    "the stun prober runs over udp or tls (stuns:); STUN over plain TCP has no URI");
        }
        return out;
    }

    private HostAddresses.Family family(YamlNode.Mapping m, String field) throws ConfigException {
        String f = string(m, "family", field);
        if (f == null) {
            return HostAddresses.Family.BOTH;
        }
        return switch (f) {
            case "4", "ipv4" -> HostAddresses.Family.V4;
            case "6", "ipv6" -> HostAddresses.Family.V6;
            case "both" -> HostAddresses.Family.BOTH;
            default -> throw error(lineOf(m, "family"), field + ".family", "expected 4, 6 or both, not '" + f + "'");
        };
    }

    private CredentialSource credentials(YamlNode node, int line, String field) throws ConfigException {
        YamlNode.Mapping c = mapping(node, field, line);
        for (String inline : List.of("password", "secret", "credential")) {
            if (c.entries().containsKey(inline)) {
                throw error(lineOf(c, inline), field + "." + inline,
                        "inline secrets are refused: use password_file, password_env or secret_file");
            }
        }
        known(c, CREDENTIAL_KEYS, field);
        String username = string(c, "username", field);
        String passwordFile = string(c, "password_file", field);
        String passwordEnv = string(c, "password_env", field);
        String secretFile = string(c, "secret_file", field);
        int given = (passwordFile != null ? 1 : 0) + (passwordEnv != null ? 1 : 0) + (secretFile != null ? 1 : 0);
        if (given != 1) {
            throw error(c.line(), field, "needs exactly one of password_file, password_env (with username) or"
                    + " secret_file (REST-API credentials)");
        }
        if (secretFile != null) {
            if (username != null) {
                throw error(lineOf(c, "username"), field + ".username",
                        "REST-API credentials mint their own usernames (give the user part with 'user')");
            }
            String secret = secretOf(secretFile, lineOf(c, "secret_file"), field + ".secret_file");
            Duration ttl = duration(c, "ttl", field, Duration.ofHours(1), Duration.ofDays(365));
            return new CredentialSource.Rest(secret, string(c, "user", field), ttl);
        }
        for (String restOnly : List.of("user", "ttl")) {
            if (c.entries().containsKey(restOnly)) {
                throw error(lineOf(c, restOnly), field + "." + restOnly, "only REST-API credentials (secret_file)"
                        + " take it");
            }
        }
        if (username == null) {
            throw error(c.line(), field + ".username", "missing: a TURN password needs a username");
        }
        String password;
        if (passwordFile != null) {
            password = secretOf(passwordFile, lineOf(c, "password_file"), field + ".password_file");
        } else {
            if (!passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(lineOf(c, "password_env"), field + ".password_env",
                        "'" + passwordEnv + "' is not an environment variable name");
            }
            password = env.apply(passwordEnv);
            if (password == null || password.isEmpty()) {
                throw error(lineOf(c, "password_env"), field + ".password_env",
                        "the environment variable " + passwordEnv + " is not set");
            }
        }
        return new CredentialSource.Fixed(new TurnCredentials(username, password));
    }

    private String secretOf(String name, int line, String field) throws ConfigException {
        Path f = file(name, line, field);
        String s;
        try {
            s = CredentialSource.firstLine(f);
        } catch (IOException e) {
            throw error(line, field, f + ": cannot read the file");
        }
        if (s.isEmpty()) {
            throw error(line, field, f + ": the first line is empty");
        }
        return s;
    }

    private Path file(String name, int line, String field) throws ConfigException {
        Path f;
        try {
            f = baseDir == null ? Path.of(name) : baseDir.resolve(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw error(line, field, "'" + name + "' is not a file name");
        }
        if (!Files.isRegularFile(f)) {
            throw error(line, field, f + ": no such file");
        }
        if (!Files.isReadable(f)) {
            throw error(line, field, f + ": cannot read the file");
        }
        return f;
    }

    private List<String> require(YamlNode.Mapping m, String field) throws ConfigException {
        YamlNode node = m.entries().get("require");
        if (node == null) {
            return List.of();
        }
        List<YamlNode> items = node instanceof YamlNode.Sequence s ? s.items() : List.of(node);
        List<String> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.Scalar s) || s.text() == null
                    || !RELAY_KINDS.contains(s.text().toLowerCase(Locale.ROOT))) {
                throw error(item.line(), field + ".require", "expected relay kinds ("
                        + String.join(", ", RELAY_KINDS) + ")" + (item instanceof YamlNode.Scalar s && s.text() != null
                        ? ", not '" + s.text() + "'" : ""));
            }
            out.add(s.text().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    private YamlNode.Mapping mapping(YamlNode node, String field, int line) throws ConfigException {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        throw error(line, field, "expected a mapping (key: value lines)");
    }

    private void known(YamlNode.Mapping m, Set<String> keys, String field) throws ConfigException {
        for (String k : m.entries().keySet()) {
            if (!keys.contains(k)) {
                String f = field.isEmpty() ? k : field + "." + k;
                throw error(m.keyLines().get(k), f, "unknown key (expected one of "
                        + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    private String string(YamlNode.Mapping m, String key, String field) throws ConfigException {
        YamlNode n = m.entries().get(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Scalar s) || s.text() == null || s.text().isBlank()) {
            throw error(lineOf(m, key), field + "." + key, "expected a value");
        }
        return s.text().strip();
    }

    private boolean bool(YamlNode.Mapping m, String key, String field, boolean dflt) throws ConfigException {
        String v = string(m, key, field);
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(lineOf(m, key), field + "." + key, "expected true or false, not '" + v + "'");
        };
    }

    private int integer(YamlNode.Mapping m, String key, String field, int dflt, int min, int max)
            throws ConfigException {
        String v = string(m, key, field);
        if (v == null) {
            return dflt;
        }
        if (!v.matches("\\d{1,9}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
            throw error(lineOf(m, key), field + "." + key, "expected a whole number " + min + ".." + max
                    + ", not '" + v + "'");
        }
        return Integer.parseInt(v);
    }

    private Duration duration(YamlNode.Mapping m, String key, String field, Duration dflt, Duration max)
            throws ConfigException {
        String v = string(m, key, field);
        if (v == null) {
            return dflt;
        }
        Duration d;
        try {
            d = Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw error(lineOf(m, key), field + "." + key, e.getMessage());
        }
        if (d.isZero() || d.isNegative() || d.compareTo(max) > 0) {
            throw error(lineOf(m, key), field + "." + key, "expected more than 0 and at most "
                    + Durations.format(max) + ", not " + v);
        }
        return d;
    }

    private static int lineOf(YamlNode.Mapping m, String key) {
        Integer l = m.keyLines().get(key);
        return l == null ? m.line() : l;
    }

    private ConfigException error(int line, String field, String message) {
        return new ConfigException(source + ":" + line + ": " + field + ": " + message);
    }
}
