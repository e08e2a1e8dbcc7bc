package om.driver.sync.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.ResourceContext;

/**
 * The keywords of one sync resource, converted; built at each call from the context.
 *
 * @param dst     the path on the peers; null when unset (each src then lands at its own path)
 * @param targets {@code nodes} and/or {@code drpnodes}, in the order written
 * @param bwlimit KiB/s, null when unset
 */
public record SyncSettings(List<String> src, String dst, List<String> targets, List<String> options,
                           boolean resetOptions, Long bwlimit, Duration timeout, Duration maxDelay, boolean snap) {
    public static final String NODES = "nodes";
    public static final String DRPNODES = "drpnodes";
    static final Duration DEFAULT_MAX_DELAY = Duration.ofHours(27);
    // only used if the core answers no timeout at all
    private static final Duration FALLBACK_TIMEOUT = Duration.ofHours(1);

    public SyncSettings {
        src = List.copyOf(src);
        targets = List.copyOf(targets);
        options = List.copyOf(options);
    }

    public static SyncSettings from(ResourceContext ctx) throws ActionException {
        List<String> src = SyncKeywords.value(ctx, "src").map(Values::toList).orElse(List.of());
        if (src.isEmpty()) {
            throw new ActionException(ctx.rid() + ".src is not set");
        }
        List<String> targets = new ArrayList<>();
        for (String t : SyncKeywords.value(ctx, "target").map(Values::toNodeList).orElse(List.of())) {
            if (!t.equals(NODES) && !t.equals(DRPNODES)) {
                throw new ActionException("invalid target '" + t + "': expected nodes and/or drpnodes");
            }
            if (!targets.contains(t)) {
                targets.add(t);
            }
        }
        List<String> options;
        try {
            options = SyncKeywords.value(ctx, "options").map(Values::splitCommand).orElse(List.of());
        } catch (IllegalArgumentException e) {
            throw new ActionException("invalid options: " + e.getMessage());
        }
        Long bwlimit = null;
        Optional<String> bw = string(ctx, "bwlimit");
        if (bw.isPresent()) {
            bwlimit = Values.parseInt(bw.get()).filter(n -> n > 0).orElseThrow(() -> new ActionException(
                    "invalid bwlimit '" + bw.get() + "': expected a positive number of KiB/s"));
        }
        Duration timeout = ctx.timeout("sync");
        return new SyncSettings(src, string(ctx, "dst").orElse(null), targets, options, bool(ctx, "reset_options"),
                bwlimit, timeout == null ? FALLBACK_TIMEOUT : timeout, maxDelay(ctx), bool(ctx, "snap"));
    }

    /** {@code max_delay}, else the object's {@code sync_max_delay}, else 1d3h. */
    static Duration maxDelay(ResourceContext ctx) throws ActionException {
        Optional<String> own = string(ctx, "max_delay");
        Optional<String> v = own.isPresent() ? own
                : ctx.config().get("DEFAULT", "sync_max_delay").map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return DEFAULT_MAX_DELAY;
        }
        String text = v.get();
        return Values.parseDuration(text).orElseThrow(() -> new ActionException((own.isPresent() ? "invalid max_delay"
                : "invalid sync_max_delay") + " '" + text + "': expected a duration"));
    }

    private static Optional<String> string(ResourceContext ctx, String key) {
        return SyncKeywords.value(ctx, key).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static boolean bool(ResourceContext ctx, String key) throws ActionException {
        Optional<String> v = string(ctx, key);
        if (v.isEmpty()) {
            return false;
        }
        return Values.parseBool(v.get()).orElseThrow(() -> new ActionException("invalid " + key + " '" + v.get()
                + "': expected a boolean"));
    }
}
