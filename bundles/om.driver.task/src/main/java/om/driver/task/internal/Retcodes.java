package om.driver.task.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.status.Status;

/** The {@code retcodes} mapping of exit codes to statuses; an unlisted code means warn. */
public record Retcodes(Map<Integer, Status> codes) {
    public Retcodes {
        codes = Map.copyOf(codes);
    }

    public static Retcodes parse(String text) throws ActionException {
        Map<Integer, Status> m = new LinkedHashMap<>();
        for (String item : Values.toList(text == null ? TaskKeywords.DEFAULT_RETCODES : text)) {
            String[] parts = item.split(":", 2);
            Long code = parts.length == 2 ? Values.parseInt(parts[0]).orElse(null) : null;
            Status s = parts.length == 2 ? Status.fromWord(parts[1]).orElse(null) : null;
            if (code == null || s == null || s == Status.STDBY_UP || s == Status.STDBY_DOWN) {
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
