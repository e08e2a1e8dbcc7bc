package om.api.status;

import java.util.List;

/**
 * The evaluated status of one resource on one instance, with the attributes that make its flags.
 *
 * @param rid              the section name, e.g. {@code app#0}
 * @param type             {@code <group>.<type>}, e.g. {@code app.forking}
 * @param label            the driver's label
 * @param status           the status after standby mapping and disable/nostatus rules
 * @param provisioned      {@code true}, {@code false}, {@code mixed}, {@code n/a} or {@code undef}
 * @param restartRemaining restarts left, -1 when none configured
 * @param stopped          stopped by an explicit stop, will not be restarted
 * @param running          a task run in progress
 */
public record ResourceStatus(String rid, String type, String label, Status status, String provisioned,
                             boolean monitor, boolean disable, boolean optional, boolean standby, boolean encap,
                             boolean stopped, boolean running, int restart, int restartRemaining, String subset,
                             List<String> tags, List<LogEntry> log) {
    public ResourceStatus {
        tags = List.copyOf(tags);
        log = List.copyOf(log);
    }

    /** The driver group, the part of the rid before {@code #}. */
    public String group() {
        int i = rid.indexOf('#');
        return i > 0 ? rid.substring(0, i) : rid;
    }

    public boolean hasWarnOrError() {
        return log.stream().anyMatch(e -> e.level() == Level.WARN || e.level() == Level.ERROR);
    }

    /** The 8-character flag column of status.md section 5. */
    public String flags() {
        char[] f = "........".toCharArray();
        if (running) {
            f[0] = 'R';
        }
        if (monitor) {
            f[1] = 'M';
        }
        if (disable) {
            f[2] = 'D';
        }
        if (optional) {
            f[3] = 'O';
        }
        if (encap) {
            f[4] = 'E';
        }
        f[5] = switch (provisioned == null ? "n/a" : provisioned) {
            case "true" -> '.';
            case "false" -> 'P';
            case "mixed" -> 'p';
            case "undef" -> '?';
            default -> '/';
        };
        if (standby) {
            f[6] = 'S';
        }
        if (stopped) {
            f[7] = 'X';
        } else if (restart > 0) {
            f[7] = restartRemaining > 9 ? '+' : (char) ('0' + Math.max(0, restartRemaining));
        }
        return new String(f);
    }
}
