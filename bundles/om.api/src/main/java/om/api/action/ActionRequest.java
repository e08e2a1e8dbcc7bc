package om.api.action;

import java.util.List;
import om.api.Cancellation;
import om.api.ObjectPath;

/**
 * One local action to run: what, on which object, for whom, and how the caller can stop it.
 *
 * @param path         the object
 * @param action       {@code start}, {@code stop}, {@code provision}, {@code unprovision}, {@code run}, or
 *                     {@code sync_all}, {@code sync_nodes}, {@code sync_drp} (brackets say {@code sync nodes})
 * @param options      filters and flags
 * @param origin       who asks, named in the opening bracket; only a user's whole-instance stop auto-freezes
 * @param args         the command arguments after the action verb, for the opening bracket (may be empty)
 * @param log          receives every line, the brackets included
 * @param cancellation cancelled by the caller to stop the action (its reason ends the {@code failed} line)
 * @param sid          the session id of the brackets, the lines and the lock file; null for a fresh one
 */
public record ActionRequest(ObjectPath path, String action, ActionOptions options, ActionBracket.Origin origin,
                            List<String> args, ActionLog log, Cancellation cancellation, String sid) {
    public ActionRequest {
        options = options == null ? ActionOptions.defaults() : options;
        origin = origin == null ? ActionBracket.Origin.USER : origin;
        args = List.copyOf(args == null ? List.of() : args);
        log = log == null ? e -> { } : log;
        cancellation = cancellation == null ? Cancellation.NONE : cancellation;
    }

    /** A user's action with no bracket arguments, that nobody cancels. */
    public static ActionRequest of(ObjectPath path, String action, ActionOptions options, ActionLog log) {
        return new ActionRequest(path, action, options, ActionBracket.Origin.USER, List.of(), log, Cancellation.NONE,
                null);
    }

    public ActionRequest withOrigin(ActionBracket.Origin o) {
        return new ActionRequest(path, action, options, o, args, log, cancellation, sid);
    }

    public ActionRequest withArgs(List<String> a) {
        return new ActionRequest(path, action, options, origin, a, log, cancellation, sid);
    }

    public ActionRequest withCancellation(Cancellation c) {
        return new ActionRequest(path, action, options, origin, args, log, c, sid);
    }

    public ActionRequest withSid(String s) {
        return new ActionRequest(path, action, options, origin, args, log, cancellation, s);
    }
}
