package om.log.internal.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import om.api.Installation;
import om.api.config.ObjectStore;
import om.api.config.RawConfig;
import om.api.config.Values;
import om.api.status.Level;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The single source of the sinks' configuration: {@code etc/node.conf} over {@code etc/cluster.conf}, parsed by the
 * object store's parser. Re-read when either file's size or mtime changed, checked at most once per
 * {@code recheck} (1 s), so switching a sink on or off in node.conf takes effect without a restart. A file that
 * does not parse keeps the previous settings; a bad value falls back to its default (see {@link #issues()}).
 */
@Component(service = LogSettings.class)
public final class LogSettings {
    private final Path clusterConf;
    private final Path nodeConf;
    private final String nodename;
    private final BiFunction<String, String, RawConfig> parser;
    private final long recheckNanos;
    private final LongSupplier nanos;

    private LogConfig config = LogConfig.defaults();
    private List<String> issues = List.of();
    private String stamp = "";
    private long checkedAt;
    private boolean checked;

    @Activate
    public LogSettings(@Reference Installation installation, @Reference ObjectStore store) {
        this(installation.etc(), installation.nodename(), store::parse, Duration.ofSeconds(1), System::nanoTime);
    }

    public LogSettings(Path etc, String nodename, BiFunction<String, String, RawConfig> parser, Duration recheck,
                       LongSupplier nanos) {
        this.clusterConf = etc.resolve("cluster.conf");
        this.nodeConf = etc.resolve("node.conf");
        this.nodename = nodename;
        this.parser = parser;
        this.recheckNanos = recheck.toNanos();
        this.nanos = nanos;
    }

    public String nodename() {
        return nodename;
    }

    /** The settings now; cheap enough to call for every log line. */
    public synchronized LogConfig current() {
        long now = nanos.getAsLong();
        if (checked && now - checkedAt < recheckNanos) {
            return config;
        }
        checked = true;
        checkedAt = now;
        String s = stamp(clusterConf) + "|" + stamp(nodeConf);
        if (!s.equals(stamp)) {
            try {
                NodeConf conf = new NodeConf(read(clusterConf), read(nodeConf), nodename);
                List<String> found = new ArrayList<>();
                config = interpret(conf, found);
                issues = List.copyOf(found);
                stamp = s;
            } catch (IOException | RuntimeException e) {
                // a half-written or broken node.conf: keep logging with what worked before
                issues = List.of(e.getMessage() == null ? e.toString() : e.getMessage());
                stamp = s;
            }
        }
        return config;
    }

    /** Values of the last read that were ignored, one line each. */
    public synchronized List<String> issues() {
        return issues;
    }

    private RawConfig read(Path file) throws IOException {
        try {
            return parser.apply(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toMillis() + "#" + Objects.toString(a.fileKey());
        } catch (IOException e) {
            return "-";
        }
    }

    LogConfig interpret(NodeConf conf, List<String> issues) {
        long maxSize = conf.value("log", "max_size").map(v -> Values.parseSize(v).filter(n -> n > 0).orElseGet(() -> {
            issues.add("log.max_size: not a size: '" + v + "'");
            return LogConfig.DEFAULT_MAX_SIZE;
        })).orElse(LogConfig.DEFAULT_MAX_SIZE);
        int keep = conf.value("log", "keep").map(v -> Values.parseInt(v).filter(n -> n >= 1 && n <= 99)
                .map(Long::intValue).orElseGet(() -> {
                    issues.add("log.keep: not an integer in 1..99: '" + v + "'");
                    return LogConfig.DEFAULT_KEEP;
                })).orElse(LogConfig.DEFAULT_KEEP);
        return new LogConfig(maxSize, keep, syslog(conf, issues), collector(conf, issues));
    }

    private SyslogConfig syslog(NodeConf conf, List<String> issues) {
        if (!conf.hasSection("syslog")) {
            return null;
        }
        String fac = conf.value("syslog", "facility").orElse("daemon").toLowerCase(Locale.ROOT);
        int facility = Facilities.code(fac);
        if (facility < 0) {
            issues.add("syslog.facility: unknown facility '" + fac + "'");
            facility = Facilities.code("daemon");
        }
        String lvl = conf.value("syslog", "level").orElse("info").toLowerCase(Locale.ROOT);
        Level level = switch (lvl) {
            case "debug" -> Level.DEBUG;
            case "info", "notice" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            case "err", "error", "crit", "critical", "alert", "emerg" -> Level.ERROR;
            default -> {
                issues.add("syslog.level: unknown level '" + lvl + "'");
                yield Level.INFO;
            }
        };
        String host = conf.value("syslog", "host").filter(h -> !h.isBlank()).orElse(null);
        int port = conf.value("syslog", "port").map(v -> Values.parseInt(v).filter(p -> p > 0 && p < 65536)
                .map(Long::intValue).orElseGet(() -> {
                    issues.add("syslog.port: not a port: '" + v + "'");
                    return SyslogConfig.DEFAULT_PORT;
                })).orElse(SyslogConfig.DEFAULT_PORT);
        String socket = conf.value("syslog", "socket").filter(s -> !s.isBlank()).orElse(SyslogConfig.DEFAULT_SOCKET);
        String format = conf.value("syslog", "format").orElse("rfc5424").toLowerCase(Locale.ROOT);
        if (!format.equals("rfc5424") && !format.equals("rfc3164")) {
            issues.add("syslog.format: expected rfc5424 or rfc3164, got '" + format + "'");
        }
        return new SyslogConfig(facility, level, host, port, socket, format.equals("rfc3164"));
    }

    private CollectorConfig collector(NodeConf conf, List<String> issues) {
        String url = conf.value("node", "dbopensvc").filter(v -> !v.isBlank()).orElse(null);
        if (url == null) {
            return null;
        }
        try {
            return new CollectorConfig(CollectorConfig.endpoint(url), conf.value("node", "uuid").orElse(""),
                    nodename);
        } catch (IllegalArgumentException e) {
            issues.add(e.getMessage());
            return null;
        }
    }
}
