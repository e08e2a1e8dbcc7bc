package om.driver.app.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import om.api.config.Values;
import om.api.driver.ActionException;

/**
 * The {@code limit_*} keywords as prlimit options: resource name (as, core, cpu, ...) to value, in keyword order.
 * Values are bytes for sizes, seconds for cpu, counts otherwise, or {@code unlimited}.
 */
public record ResourceLimits(Map<String, String> values) {
    private enum Unit { SIZE, SECONDS, COUNT }

    private record Limit(String keyword, String resource, Unit unit) {
    }

    // limit_vmem is the name older configurations use for RLIMIT_AS: it only applies when limit_as is unset
    private static final List<Limit> LIMITS = List.of(
            new Limit("limit_as", "as", Unit.SIZE),
            new Limit("limit_core", "core", Unit.SIZE),
            new Limit("limit_cpu", "cpu", Unit.SECONDS),
            new Limit("limit_data", "data", Unit.SIZE),
            new Limit("limit_fsize", "fsize", Unit.SIZE),
            new Limit("limit_memlock", "memlock", Unit.SIZE),
            new Limit("limit_nofile", "nofile", Unit.COUNT),
            new Limit("limit_nproc", "nproc", Unit.COUNT),
            new Limit("limit_rss", "rss", Unit.SIZE),
            new Limit("limit_stack", "stack", Unit.SIZE),
            new Limit("limit_vmem", "as", Unit.SIZE));

    public ResourceLimits {
        values = Map.copyOf(new LinkedHashMap<>(values));
    }

    public static ResourceLimits none() {
        return new ResourceLimits(Map.of());
    }

    /** Reads the limit keywords through {@code lookup} (keyword to written value). */
    public static ResourceLimits parse(Function<String, Optional<String>> lookup) throws ActionException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Limit l : LIMITS) {
            Optional<String> written = lookup.apply(l.keyword()).filter(v -> !v.isBlank());
            if (written.isEmpty() || out.containsKey(l.resource())) {
                continue;
            }
            out.put(l.resource(), convert(l, written.get().trim()));
        }
        return new ResourceLimits(out);
    }

    private static String convert(Limit l, String v) throws ActionException {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("unlimited") || lower.equals("infinity")) {
            return "unlimited";
        }
        Optional<Long> n = switch (l.unit()) {
            case SIZE -> Values.parseSize(v);
            case SECONDS -> Values.parseDuration(v).map(Duration::getSeconds);
            case COUNT -> Values.parseInt(v);
        };
        if (n.isEmpty() || n.get() < 0) {
            throw new ActionException("invalid " + l.keyword() + " '" + v + "'");
        }
        return Long.toString(n.get());
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The prlimit options, {@code --<resource>=<value>}, in keyword order. */
    public List<String> options() {
        return LIMITS.stream().map(Limit::resource).distinct().filter(values::containsKey)
                .map(r -> "--" + r + "=" + values.get(r)).toList();
    }
}
