package om.api.action;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import om.api.status.Level;

/**
 * The first and last line of one action in the log file, syslog and collector (never on the console):
 * <pre>
 * do &lt;action&gt; &lt;args&gt; (origin &lt;user|daemon|scheduler&gt;)
 * done &lt;action&gt; in &lt;H:MM:SS.ffffff&gt;, instance status is now &lt;avail&gt;[, with warnings]
 * failed &lt;action&gt; in &lt;H:MM:SS.ffffff&gt;: &lt;reason&gt;
 * </pre>
 * A bracket travels through any {@link ActionLog} as a {@link LogEvent} whose component is {@link #COMPONENT}
 * ({@link #toEvent()}), so the caller composes its loggers as usual; console sinks skip events for which
 * {@link #isBracket(LogEvent)} holds. The end bracket is made from the begin one ({@link #done}, {@link #failed})
 * and keeps its session id, so sinks can pair them. Lines logged between the two should carry {@link #sid()}.
 *
 * @param phase   begin, done or failed
 * @param at      when the phase happened
 * @param node    the node running the action
 * @param path    canonical object path, null for a node action
 * @param action  the action verb
 * @param sid     the action session id, never null
 * @param origin  who asked for the action
 * @param message the exact bracket line text
 */
public record ActionBracket(Phase phase, Instant at, String node, String path, String action, String sid,
                            Origin origin, String message) {
    /** The {@link LogEvent#component()} of bracket events. */
    public static final String COMPONENT = "bracket";

    public enum Phase { BEGIN, DONE, FAILED }

    public enum Origin {
        USER, DAEMON, SCHEDULER;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The opening bracket; {@code args} are the command arguments after the action verb (may be empty),
     * a null {@code sid} gets a fresh random UUID.
     */
    public static ActionBracket begin(Instant at, String node, String path, String action, List<String> args,
                                      Origin origin, String sid) {
        StringBuilder b = new StringBuilder("do ").append(action);
        for (String a : args) {
            b.append(' ').append(a);
        }
        b.append(" (origin ").append(origin.word()).append(')');
        return new ActionBracket(Phase.BEGIN, at, node, path, action, sid == null ? UUID.randomUUID().toString() : sid,
                origin, b.toString());
    }

    /** The closing bracket of a successful action; {@code avail} is the instance avail status after it. */
    public ActionBracket done(Instant end, String avail, boolean warnings) {
        String m = "done " + action + " in " + elapsed(Duration.between(at, end)) + ", instance status is now " + avail
                + (warnings ? ", with warnings" : "");
        return new ActionBracket(Phase.DONE, end, node, path, action, sid, origin, m);
    }

    /** The closing bracket of a failed action; {@code reason} is the one-line error. */
    public ActionBracket failed(Instant end, String reason) {
        String m = "failed " + action + " in " + elapsed(Duration.between(at, end)) + ": " + reason;
        return new ActionBracket(Phase.FAILED, end, node, path, action, sid, origin, m);
    }

    /** The bracket as a log event: INFO for begin and done, ERROR for failed, scheduled when origin is the scheduler. */
    public LogEvent toEvent() {
        Level level = phase == Phase.FAILED ? Level.ERROR : Level.INFO;
        return new LogEvent(at, level, node, path, null, action, message, sid, null, origin == Origin.SCHEDULER,
                COMPONENT);
    }

    public static boolean isBracket(LogEvent e) {
        return COMPONENT.equals(e.component());
    }

    /** The phase of a bracket event, empty for any other event. */
    public static Optional<Phase> phaseOf(LogEvent e) {
        if (!isBracket(e) || e.message() == null) {
            return Optional.empty();
        }
        String m = e.message();
        if (m.startsWith("do ")) {
            return Optional.of(Phase.BEGIN);
        }
        if (m.startsWith("done ")) {
            return Optional.of(Phase.DONE);
        }
        if (m.startsWith("failed ")) {
            return Optional.of(Phase.FAILED);
        }
        return Optional.empty();
    }

    /** {@code H:MM:SS.ffffff}, the elapsed-time form OpenSVC writes (Python's timedelta). */
    public static String elapsed(Duration d) {
        Duration p = d.isNegative() ? Duration.ZERO : d;
        long s = p.getSeconds();
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d.%06d", s / 3600, (s / 60) % 60, s % 60,
                p.getNano() / 1000);
    }
}
