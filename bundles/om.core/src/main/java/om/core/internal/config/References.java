package om.core.internal.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import om.api.config.Keyword;
import om.api.config.RawEntry;
import om.api.config.Values;
import om.core.internal.keywords.SectionNames;

/**
 * Replaces {@code {ref}} groups (objects-and-config section 6). A group that is not a reference is kept as
 * written, so shell and awk snippets ({@code {print}}, {@code ${HOME}}, {@code { a; }}) survive.
 */
final class References {
    private static final Pattern KEY = Pattern.compile("[a-z0-9_]+");
    private static final Pattern EXPOSED = Pattern.compile("exposed_devs\\[(\\d+)]");

    private final EvaluatedConfig config;

    References(EvaluatedConfig config) {
        this.config = config;
    }

    String expand(String section, String text, Frames frames) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == '{' ? text.indexOf('}', i + 1) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            String inner = text.substring(i + 1, close);
            if (inner.indexOf('{') >= 0) {
                // only the innermost group can be a reference: this brace is literal
                out.append(c);
                i++;
                continue;
            }
            String value = token(section, inner, frames);
            out.append(value == null ? text.substring(i, close + 1) : value);
            i = close + 1;
        }
        return out.toString();
    }

    /** The value of one brace group, null when it is not a reference. */
    private String token(String section, String inner, Frames frames) {
        if (inner.isEmpty() || inner.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        EvalContext ctx = config.context();
        switch (inner) {
            case "nodename":
                return ctx.node();
            case "short_nodename":
                return ctx.shortNode();
            case "name", "svcname":
                return ctx.path().name();
            case "namespace":
                return ctx.path().namespace();
            case "kind":
                return ctx.path().kind().word();
            case "path":
                return ctx.path().canonical();
            case "rid":
                return section;
            case "rindex":
                return SectionNames.index(section);
            case "clustername":
                return ctx.clusterName();
            case "clusternodes":
                return String.join(" ", ctx.clusterNodes());
            case "#nodes":
                return String.valueOf(config.nodeList("nodes", frames).size());
            case "var":
                return ctx.varDir() == null ? null : ctx.varDir().toString();
            default:
                break;
        }
        int dot = inner.lastIndexOf('.');
        return dot < 0 ? plain(section, inner, frames) : dotted(inner.substring(0, dot), inner.substring(dot + 1), frames);
    }

    /** {@code {key}}: the same section, else DEFAULT; an unknown name is not a reference. */
    private String plain(String section, String key, Frames frames) {
        if (!KEY.matcher(key).matches()) {
            return null;
        }
        String def = SectionNames.DEFAULT;
        if (config.isWritten(section, key, frames)) {
            return config.resolve(section, key, frames);
        }
        if (!section.equals(def) && config.isWritten(def, key, frames)) {
            return config.resolve(def, key, frames);
        }
        boolean env = SectionNames.ENV.equals(section);
        Optional<Keyword> own = env ? Optional.empty() : config.keyword(section, key);
        Optional<Keyword> header = config.keyword(def, key);
        if (own.map(Keyword::defaultValue).isPresent()) {
            return config.resolve(section, key, frames);
        }
        if (header.map(Keyword::defaultValue).isPresent()) {
            return config.resolve(def, key, frames);
        }
        if (own.isPresent() || header.isPresent()) {
            throw frames.error(config, "reference {" + key + "}: keyword '" + key
                    + "' is not set and has no default");
        }
        return null;
    }

    /** {@code {section.key}}, {@code {env.key}} and {@code {rid.exposed_devs[i]}}. */
    private String dotted(String section, String key, Frames frames) {
        String ref = "reference {" + section + "." + key + "}: ";
        Matcher exposed = EXPOSED.matcher(key);
        if (exposed.matches()) {
            // exposed devices are runtime facts of the disk driver; only a written value is known here
            List<RawEntry> written = config.entries(section, "exposed_devs");
            if (written.isEmpty()) {
                return null;
            }
            String devs = config.resolve(section, "exposed_devs", frames);
            List<String> list = Values.toList(devs);
            int idx = Integer.parseInt(exposed.group(1));
            if (idx >= list.size()) {
                throw frames.error(config, ref + "no device at index " + idx);
            }
            return list.get(idx);
        }
        if (!KEY.matcher(key).matches()) {
            return null;
        }
        switch (SectionNames.role(section)) {
            case ENV -> {
                if (!config.isWritten(section, key, frames)) {
                    throw frames.error(config, ref + "no key '" + key + "' in [env]");
                }
            }
            case DEFAULT, RESOURCE, SUBSET -> {
                if (!section.equals(SectionNames.DEFAULT) && !config.hasSection(section)) {
                    throw frames.error(config, ref + "no section [" + section + "]");
                }
            }
            default -> {
                return null;
            }
        }
        String v = config.resolve(section, key, frames);
        if (v == null) {
            throw frames.error(config, ref + "keyword '" + key + "' is not set and has no default");
        }
        return v;
    }
}
