package om.api.driver;

import java.util.LinkedHashMap;
import java.util.Map;
import om.api.config.Values;
import om.api.status.Status;

/**
 * The {@code retcodes} keyword of app and task resources: exit codes mapped to statuses, {@code 0:up 1:down} by
 * default; an unlisted code means warn.
 */
public record Retcodes(Map<Integer, Status> codes) {
    public static final String DEFAULT = "0:up 1:down";

    public Retcodes {
        codes = Map.copyOf(codes);
    }

    /**
     * Parses {@code <code>:<status>} items; null gives the default.
     *
     * @throws ActionException {@code invalid retcodes entry '<item>': expected <code>:<status>}
     */
    public static Retcodes parse(String text) throws ActionException {
        Map<Integer, Status> m = new LinkedHashMap<>();
        for (String item : Values.toList(text == null ? DEFAULT : text)) {
            int colon = item.indexOf(':');
            Status s = colon < 0 ? null : Status.fromWord(item.substring(colon + 1)).orElse(null);
            Long code = colon < 0 ? null : Values.parseInt(item.substring(0, colon)).orElse(null);
            // standby forms are derived by the core from the standby keyword, never written by users
            if (s == null || code == null || s == Status.STDBY_UP || s == Status.STDBY_DOWN) {
                throw new ActionException("invalid retcodes entry '" + item + "': expected <code>:<status>");
            }
            m.put(code.intValue(), s);
        }
        return new Retcodes(m);
    }

    public Status status(int exitCode) {
        return codes.getOrDefault(exitCode, Status.WARN);
    }

    /** A run succeeded when its exit code maps to up. */
    public boolean success(int exitCode) {
        return status(exitCode) == Status.UP;
    }
}
