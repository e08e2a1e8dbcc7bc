package om.shell.internal.verb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.Quote;
import om.api.config.Keyword;
import om.api.config.KeywordCatalog;
import om.api.config.ObjectConfig;
import om.api.driver.DriverRegistry;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.UsageException;
import om.shell.internal.Verb;

/**
 * {@code om <path> config doc [--kw <section>.<keyword>]}: the keywords an object's sections accept, from the
 * keyword tables of the deployed drivers.
 */
public final class ConfigDocVerb implements Verb {
    @Override
    public int run(VerbRequest request, Session session) {
        KeywordCatalog catalog = session.services().requireCatalog();
        // "om config doc" documents the tables themselves; "om <path> config doc" the sections of that object
        Optional<ObjectConfig> cfg = request.selector() == null ? Optional.empty()
                : session.services().store().load(ConfigVerbs.exactPath(request, "config doc"));
        String kw = request.option("--kw");
        StringBuilder b = new StringBuilder();
        if (kw != null) {
            int dot = kw.lastIndexOf('.');
            String section = dot < 0 ? "DEFAULT" : kw.substring(0, dot);
            String key = kw.substring(dot + 1);
            Keyword k = table(catalog, cfg, section).stream().filter(x -> x.answersTo(key)).findFirst()
                    .orElseThrow(() -> new OmException("no keyword " + Quote.of(key) + " in section " + Quote.of(section)));
            describe(b, section, k);
        } else if (request.selector() == null) {
            section(b, "DEFAULT", catalog.header());
            b.append("drivers (om config doc --kw <driver>.<keyword>, e.g. fs.ext4.mnt):\n");
            catalog.driverIds().forEach(id -> b.append("  ").append(id).append('\n'));
        } else {
            section(b, "DEFAULT", catalog.header());
            for (String rid : cfg.map(ObjectConfig::rids).orElse(List.of())) {
                section(b, rid, table(catalog, cfg, rid));
            }
        }
        session.out().print(b);
        return 0;
    }

    /** The keywords of a section: DEFAULT, a rid of the object, a driver id (fs.ext4) or a group (app). */
    private static List<Keyword> table(KeywordCatalog catalog, Optional<ObjectConfig> cfg, String section) {
        if (section.equals("DEFAULT")) {
            return catalog.header();
        }
        String group;
        String type = null;
        int hash = section.indexOf('#');
        if (hash > 0) {
            group = section.substring(0, hash);
            type = cfg.flatMap(c -> c.get(section, "type")).orElse(null);
        } else {
            int dot = section.indexOf('.');
            group = dot > 0 ? section.substring(0, dot) : section;
            type = dot > 0 ? section.substring(dot + 1) : null;
        }
        if (!DriverRegistry.GROUPS.contains(group)) {
            throw new UsageException("unknown section " + Quote.of(section));
        }
        String g = group;
        String t = type;
        List<Keyword> out = new ArrayList<>(catalog.driver(group, type).orElseThrow(() -> new OmException(
                (t == null && DriverRegistry.defaultType(g) == null ? g + ".type is required to document its keywords"
                        : "driver " + g + "." + (t == null ? DriverRegistry.defaultType(g) : t) + " is not available"))));
        for (Keyword k : catalog.resourceCommon()) {
            // the type keyword's default depends on the group (ip: host, app: forking...)
            out.add(k.name().equals("type") ? new Keyword(k.name(), k.type(), DriverRegistry.defaultType(g), k.doc(),
                    DriverRegistry.defaultType(g) == null, k.scopable(), k.aliases(), k.candidates()) : k);
        }
        return out;
    }

    private static void section(StringBuilder b, String name, List<Keyword> keywords) {
        b.append('[').append(name).append("]\n");
        for (Keyword k : keywords) {
            describe(b, name, k);
        }
        b.append('\n');
    }

    static void describe(StringBuilder b, String section, Keyword k) {
        b.append("  ").append(k.name());
        if (!k.aliases().isEmpty()) {
            b.append(" (alias ").append(String.join(", ", k.aliases())).append(')');
        }
        b.append("\n    type: ").append(k.type().name().toLowerCase(Locale.ROOT));
        b.append(", default: ").append(k.defaultValue() == null ? "-" : k.defaultValue());
        if (k.required()) {
            b.append(", required");
        }
        if (!k.scopable()) {
            b.append(", not scopable");
        }
        if (!k.candidates().isEmpty()) {
            b.append(", candidates: ").append(String.join(" ", k.candidates()));
        }
        b.append('\n');
        if (k.doc() != null && !k.doc().isBlank()) {
            b.append("    ").append(k.doc()).append('\n');
        }
    }

    @Override
    public List<String> words() {
        return List.of("config", "doc");
    }

    @Override
    public String summary() {
        return "document the keywords of the object's sections";
    }

    @Override
    public SelectorUse selector() {
        return SelectorUse.OPTIONAL;
    }

    @Override
    public String selectorName() {
        return "<path>";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.text("--kw", "<section>.<keyword>",
                "document one keyword; the section is DEFAULT, a rid, a driver (fs.ext4) or a group (app)"));
    }

    @Override
    public String description() {
        return """
                List the keywords of [DEFAULT] and of each resource section of the object with their type, default
                and meaning. Without an object: the header keywords and the drivers deployed.""";
    }
}
