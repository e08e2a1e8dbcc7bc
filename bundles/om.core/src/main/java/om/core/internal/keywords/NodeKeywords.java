package om.core.internal.keywords;

import static om.api.config.KeywordType.BOOL;
import static om.api.config.KeywordType.COMMAND;
import static om.api.config.KeywordType.DURATION;
import static om.api.config.KeywordType.INT;
import static om.api.config.KeywordType.LIST;
import static om.api.config.KeywordType.SIZE;
import static om.api.config.KeywordType.STRING;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import om.api.config.Keyword;

/**
 * The keyword tables of {@code etc/cluster.conf} and {@code etc/node.conf} (heartbeats-and-daemon sections 1 and
 * 3): plain sections {@code [cluster] [node] [listener] [syslog] [log]} and indexed ones {@code [hb#<n>]
 * [arbitrator#<n>] [stonith#<node>]}. The one source of the node settings' defaults, validation and
 * {@code config doc}, as {@link DefaultKeywords} is for object headers.
 */
public final class NodeKeywords {
    public static final String CLUSTER = "cluster";
    public static final String HB = "hb";
    public static final String UNICAST = "unicast";
    public static final String MULTICAST = "multicast";

    private static final Pattern INDEX = Pattern.compile("[A-Za-z0-9_.-]+");

    /** What a section name of a node config file denotes. */
    public enum Role {
        /** A known section: {@code [cluster]}, {@code [hb#1]}... */
        KNOWN,
        /** A group that needs an index, written without one: {@code [hb]}. */
        BARE_GROUP,
        /** Anything else. */
        UNKNOWN
    }

    private static final List<Keyword> CLUSTER_TABLE = List.of(
            Keyword.of("name", STRING, "default", "Cluster name, carried in every heartbeat envelope.")
                    .notScopable(),
            Keyword.of("id", STRING, null, "Cluster identifier, a UUID generated and written at the first daemon start.")
                    .notScopable(),
            Keyword.of("nodes", LIST, "{nodename}",
                    "Member nodes (blanks or commas); every node of the cluster lists the same.").notScopable(),
            Keyword.of("drpnodes", LIST, null, "Disaster-recovery nodes.").notScopable(),
            Keyword.of("secret", STRING, null,
                    "Heartbeat key and peer API password: 32 random hex characters generated and written at the first"
                    + " daemon start; copy it to the other nodes.").notScopable(),
            Keyword.of("quorum", BOOL, "false", "Enable split-brain votes."));

    private static final List<Keyword> NODE_TABLE = List.of(
            Keyword.of("env", STRING, "TST", "Node class (PRD, DEV, TST...); the default env of the objects."),
            Keyword.of("max_parallel", INT, "10", "Concurrent daemon-run actions."),
            Keyword.of("ready_period", DURATION, "5s", "Ready state duration before an orchestrated start."),
            Keyword.of("rejoin_grace_period", DURATION, "90s",
                    "How long a starting daemon waits for its peers before it freezes the node."),
            Keyword.of("maintenance_grace_period", DURATION, "60s",
                    "How long a peer's data is kept after it announced maintenance."),
            Keyword.of("split_action", STRING, "crash", "What a node that lost the quorum does.")
                    .withCandidates("crash", "reboot", "disabled"),
            Keyword.of("dbopensvc", STRING, null, "Collector URL; unset: no collector."),
            Keyword.of("uuid", STRING, null, "Collector authentication."));

    private static final List<Keyword> LISTENER_TABLE = List.of(
            Keyword.of("addr", STRING, "0.0.0.0", "TLS API listen address."),
            Keyword.of("port", INT, "1215", "TLS API port."));

    private static final List<Keyword> SYSLOG_TABLE = List.of(
            Keyword.of("facility", STRING, "daemon", "Syslog facility.")
                    .withCandidates("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
                            "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1",
                            "local2", "local3", "local4", "local5", "local6", "local7"),
            Keyword.of("level", STRING, "info", "Lowest level sent.")
                    .withCandidates("debug", "info", "notice", "warn", "warning", "err", "error", "crit", "critical",
                            "alert", "emerg"),
            Keyword.of("host", STRING, null, "Remote syslog host (UDP); unset: the local socket."),
            Keyword.of("port", INT, "514", "Remote syslog port."),
            Keyword.of("socket", STRING, "/dev/log", "Local syslog socket, used when no host is set."),
            Keyword.of("format", STRING, "rfc5424", "Message format.").withCandidates("rfc5424", "rfc3164"));

    private static final List<Keyword> LOG_TABLE = List.of(
            Keyword.of("max_size", SIZE, "5m", "Size at which a log file is rotated."),
            Keyword.of("keep", INT, "5", "Rotated log files kept (1 to 99)."));

    private static final List<Keyword> ARBITRATOR_TABLE = List.of(
            Keyword.required("uri", STRING, "Where the arbitrator answers (https://host:port)."),
            Keyword.of("weight", INT, "1", "Votes this arbitrator gives."),
            Keyword.of("insecure", BOOL, "false", "Do not verify the arbitrator's certificate."));

    private static final List<Keyword> STONITH_TABLE = List.of(
            Keyword.required("command", COMMAND, "Command that fences the node named by the section index."));

    private static final Keyword HB_TYPE = Keyword.required("type", STRING, "Heartbeat transport.")
            .withCandidates(UNICAST, MULTICAST).notScopable();
    private static final Keyword HB_INTERVAL = Keyword.of("interval", DURATION, "5s",
            "Maximum time between two messages; a local change is sent sooner.");
    private static final Keyword HB_TIMEOUT = Keyword.of("timeout", DURATION, "15s",
            "A peer silent on this heartbeat for longer is not beating on it.");
    private static final Keyword HB_PORT = Keyword.of("port", INT, "10000",
            "Unicast: evaluated as self, the listen port; as a peer, its port. Multicast: the group port.");
    private static final Keyword HB_INTF = Keyword.of("intf", STRING, null, "Interface to bind or send on (e.g. lo).");

    private static final List<Keyword> HB_UNICAST = List.of(HB_TYPE, HB_INTERVAL, HB_TIMEOUT,
            Keyword.of("addr", STRING, "0.0.0.0",
                    "Evaluated as self: the listen address; evaluated as a peer: where to send to it"
                    + " (written for that peer, else its node name)."),
            HB_PORT,
            Keyword.of("nodes", LIST, "{clusternodes}", "Peers this heartbeat talks to."),
            HB_INTF);

    private static final List<Keyword> HB_MULTICAST = List.of(HB_TYPE, HB_INTERVAL, HB_TIMEOUT,
            Keyword.of("addr", STRING, "224.3.29.71", "Multicast group."), HB_PORT, HB_INTF);

    /** Neither type (missing or not one): every keyword, so that only the type is reported. */
    private static final List<Keyword> HB_ANY = List.of(HB_TYPE, HB_INTERVAL, HB_TIMEOUT,
            Keyword.of("addr", STRING, null, "Unicast: listen address (0.0.0.0); multicast: group (224.3.29.71)."),
            HB_PORT, Keyword.of("nodes", LIST, "{clusternodes}", "Unicast: peers this heartbeat talks to."), HB_INTF);

    private static final Map<String, List<Keyword>> PLAIN = Map.of(CLUSTER, CLUSTER_TABLE, "node", NODE_TABLE,
            "listener", LISTENER_TABLE, "syslog", SYSLOG_TABLE, "log", LOG_TABLE);

    private static final List<String> INDEXED = List.of(HB, "arbitrator", "stonith");

    private NodeKeywords() {
    }

    /** The section names a node config file may have, for error messages. */
    public static String knownSections() {
        return "[cluster] [node] [hb#<n>] [arbitrator#<n>] [stonith#<node>] [listener] [syslog] [log]";
    }

    /** The sections in documentation order, indexed ones with their placeholder. */
    public static List<String> documented() {
        return List.of(CLUSTER, "node", "hb#<n>", "arbitrator#<n>", "stonith#<node>", "listener", "syslog", "log");
    }

    public static Role role(String section) {
        if (PLAIN.containsKey(section)) {
            return Role.KNOWN;
        }
        if (INDEXED.contains(section)) {
            return Role.BARE_GROUP;
        }
        int hash = section.indexOf('#');
        if (hash > 0 && INDEXED.contains(section.substring(0, hash))
                && INDEX.matcher(section.substring(hash + 1)).matches()) {
            return Role.KNOWN;
        }
        return Role.UNKNOWN;
    }

    /** The group of a section: {@code hb} for {@code hb#1}, the name itself for plain sections. */
    public static String group(String section) {
        int hash = section.indexOf('#');
        return hash < 0 ? section : section.substring(0, hash);
    }

    /**
     * Every keyword of a section; {@code type} is the section's effective {@code type} (for {@code [hb#<n>]},
     * whose defaults depend on it). Empty for a section that is not a node config section.
     */
    public static List<Keyword> table(String section, String type) {
        if (role(section) != Role.KNOWN) {
            return List.of();
        }
        String group = group(section);
        return switch (group) {
            case HB -> type == null ? HB_ANY : switch (type.strip()) {
                case UNICAST -> HB_UNICAST;
                case MULTICAST -> HB_MULTICAST;
                default -> HB_ANY;
            };
            case "arbitrator" -> ARBITRATOR_TABLE;
            case "stonith" -> STONITH_TABLE;
            default -> PLAIN.get(group);
        };
    }

    public static Optional<Keyword> keyword(String section, String key, String type) {
        return KeywordTables.find(table(section, type), key);
    }
}
