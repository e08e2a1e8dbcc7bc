package om.driver.app.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.status.Status;

/** The {@code retcodes} mapping of check exit codes to statuses; an unlisted code means warn. */
public record Retcodes(Map<Integer, Status> codes) {
    public Retcodes {
        codes = Map.copyOf(codes);
    }

    public static Retcodes parse(String text) throws ActionException {
        Map<Integer, Status> m = new LinkedHashMap<>();
        for (String item : Values.toList(text == null ? AppKeywords.DEFAULT_RETCODES : text)) {
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
}
