package om.core.internal.action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import om.api.OmException;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.status.Status;
import om.core.internal.driver.ResourceContextImpl;
import om.core.internal.status.InstanceStatusEvaluator;

/**
 * The {@code start_requires}, {@code stop_requires}, {@code run_requires} conditions (objects-and-config
 * section 7): items {@code <rid>(<state>[,<state>])}, separated by whitespace outside the parentheses, the
 * states defaulting to {@code up,stdby up}. Each is checked once, just before acting on the resource, against
 * the required resource's status evaluated then.
 */
final class Requirements {
    static final List<Status> DEFAULT_STATES = List.of(Status.UP, Status.STDBY_UP);

    /** One condition. */
    record Requirement(String rid, List<Status> states) {
        Requirement {
            states = List.copyOf(states);
        }

        String text() {
            return rid + "(" + String.join(",", states.stream().map(Status::word).toList()) + ")";
        }
    }

    private final InstanceStatusEvaluator evaluator;

    Requirements(InstanceStatusEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * Checks the {@code <family>_requires} of a resource.
     *
     * @throws ActionException {@code requires <rid>(<states>) not met: <rid> is <status>}, or the parse error
     */
    void check(ResourceContextImpl ctx, String family) throws ActionException {
        String key = family + "_requires";
        String text;
        try {
            text = ctx.rawConfig().get(ctx.rid(), key).orElse("");
        } catch (OmException e) {
            throw new ActionException(key + ": " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            return;
        }
        List<Requirement> reqs;
        try {
            reqs = parse(text);
        } catch (IllegalArgumentException e) {
            throw new ActionException(key + ": " + e.getMessage(), e);
        }
        ObjectConfig cfg = ctx.rawConfig();
        for (Requirement r : reqs) {
            if (!cfg.rids().contains(r.rid())) {
                throw new ActionException("requires " + r.text() + " not met: no resource " + r.rid());
            }
            Status now = evaluator.evaluate(cfg, r.rid(), statusTimeout(cfg)).status().status();
            if (!r.states().contains(now)) {
                throw new ActionException("requires " + r.text() + " not met: " + r.rid() + " is " + now.word());
            }
        }
    }

    private static Duration statusTimeout(ObjectConfig cfg) {
        return cfg.get("DEFAULT", "status_timeout").flatMap(Values::parseDuration)
                .orElse(InstanceStatusEvaluator.DEFAULT_STATUS_TIMEOUT);
    }

    /**
     * Parses a requirement list. State words are those of print status; {@code stdby_up} is accepted for
     * {@code stdby up}, because a space inside a list item is easy to get wrong.
     *
     * @throws IllegalArgumentException naming the bad item
     */
    static List<Requirement> parse(String text) {
        List<Requirement> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '(') {
                if (text.charAt(i) == ')') {
                    throw new IllegalArgumentException("unbalanced ')' in '" + text.strip() + "'");
                }
                i++;
            }
            String rid = text.substring(start, i);
            List<Status> states = DEFAULT_STATES;
            if (i < n && text.charAt(i) == '(') {
                int close = text.indexOf(')', i);
                if (close < 0) {
                    throw new IllegalArgumentException("missing ')' after '" + text.substring(start).strip() + "'");
                }
                states = states(text.substring(i + 1, close), rid);
                i = close + 1;
            }
            if (rid.isEmpty()) {
                throw new IllegalArgumentException("missing rid before '(' in '" + text.strip() + "'");
            }
            out.add(new Requirement(rid, states));
        }
        return out;
    }

    private static List<Status> states(String inner, String rid) {
        if (inner.isBlank()) {
            return DEFAULT_STATES;
        }
        List<Status> out = new ArrayList<>();
        for (String raw : inner.split(",")) {
            String w = raw.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
            Status s = Status.fromWord(w).orElseThrow(() -> new IllegalArgumentException("unknown state '"
                    + raw.strip() + "' in the requirement on " + rid));
            out.add(s);
        }
        return out;
    }
}
