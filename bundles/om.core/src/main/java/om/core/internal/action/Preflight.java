package om.core.internal.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.OmException;
import om.api.config.Keyword;
import om.api.config.ObjectConfig;
import om.core.internal.driver.ResourceContextImpl;
import om.core.internal.keywords.KeywordValues;
import om.core.internal.keywords.ResourceKeywords;

/**
 * Validates the keywords of the resources an action will bring up, before it acts on any: a missing required
 * keyword or a value that does not convert is found before anything is started, so nothing is left
 * half-started and there is nothing to roll back. Driver failures at start keep their rollback.
 */
final class Preflight {
    private Preflight() {
    }

    /** Per rid, the one-line problem of each resource that will act and has one, in plan order. */
    static Map<String, String> problems(List<PlannedResource> plan) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PlannedResource r : plan) {
            if (r.driver() == null || r.spec().disable() || r.spec().noaction()) {
                // a missing driver fails the resource when reached, with its own message
                continue;
            }
            problem(r).ifPresent(p -> out.put(r.spec().rid(), p));
        }
        return out;
    }

    /** {@code <keyword> is required} or {@code <keyword>: invalid value '<v>' (expected <what>)}. */
    static Optional<String> problem(PlannedResource r) {
        ObjectConfig cfg = r.ctx().rawConfig();
        String rid = r.spec().rid();
        List<Keyword> table;
        try {
            table = table(r.driver().keywords());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
        for (Keyword k : table) {
            Optional<String> v;
            try {
                v = cfg.get(rid, k.name());
            } catch (OmException e) {
                return Optional.of(k.name() + ": " + e.getMessage());
            }
            boolean blank = v.map(String::isBlank).orElse(true);
            if (blank) {
                if (k.required()) {
                    return Optional.of(k.name() + " is required");
                }
                continue;
            }
            String value = v.get();
            if (ResourceContextImpl.hasDeviceReference(value)) {
                // a device known only once the resource exposing it is up
                continue;
            }
            String expected = KeywordValues.problem(k, value);
            if (expected != null) {
                return Optional.of(k.name() + ": invalid value '" + value.strip() + "' (expected " + expected + ")");
            }
        }
        return Optional.empty();
    }

    /** The driver's keywords, then the common ones it does not redefine. */
    private static List<Keyword> table(List<Keyword> driverKeywords) {
        List<Keyword> out = new ArrayList<>(driverKeywords == null ? List.of() : driverKeywords);
        for (Keyword c : ResourceKeywords.common()) {
            if (out.stream().noneMatch(k -> k.name().equals(c.name()))) {
                out.add(c);
            }
        }
        return out;
    }
}
