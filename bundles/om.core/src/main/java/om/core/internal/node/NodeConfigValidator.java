package om.core.internal.node;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import om.api.config.ConfigException;
import om.api.config.ConfigIssue;
import om.api.config.Keyword;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import om.core.internal.config.ConfigParser;
import om.core.internal.config.EvalContext;
import om.core.internal.config.EvaluatedConfig;
import om.core.internal.keywords.KeywordTables;
import om.core.internal.keywords.KeywordValues;
import om.core.internal.keywords.NodeKeywords;

/**
 * Full validation of {@code etc/cluster.conf} or {@code etc/node.conf} (objects-and-config section 3 applied to the
 * tables of {@link NodeKeywords}): syntax, section names, keywords, value types and candidates, scopes, references,
 * required keywords. The two files make one configuration, so a section's {@code type} and its required keywords
 * may come from the other file (a node.conf that only moves {@code hb#1.addr} needs no {@code type}).
 */
final class NodeConfigValidator {
    private final KeywordTables tables;

    NodeConfigValidator(KeywordTables tables) {
        this.tables = tables;
    }

    /**
     * The issues of one file, sorted by line.
     *
     * @param other the other file of the pair, parsed (null when missing or unreadable)
     */
    List<ConfigIssue> validate(String fileName, String text, RawConfig other, EvalContext ctx) {
        List<ConfigIssue> parsed = new ArrayList<>();
        RawConfig raw = ConfigParser.parse(fileName, text, parsed);
        List<ConfigIssue> issues = new ArrayList<>();
        for (ConfigIssue i : parsed) {
            issues.add(withoutText(i));
        }
        EvaluatedConfig cfg = new EvaluatedConfig(Path.of(fileName), Instant.EPOCH, raw, ctx, tables);
        for (RawSection s : raw.sections()) {
            section(fileName, cfg, s, other, issues);
        }
        issues.sort(Comparator.comparingInt(ConfigIssue::line));
        return List.copyOf(issues);
    }

    /**
     * A malformed line is not quoted: these issues reach node.log and the daemon's stderr, and the line may be the
     * secret written without its {@code =}.
     */
    static ConfigIssue withoutText(ConfigIssue i) {
        int quote = i.message().indexOf(MALFORMED);
        return quote < 0 ? i : new ConfigIssue(i.file(), i.line(), i.message().substring(0, quote + MALFORMED.length()
                - 1));
    }

    private static final String MALFORMED = "malformed line, expected 'key = value':";

    private void section(String file, EvaluatedConfig cfg, RawSection s, RawConfig other, List<ConfigIssue> issues) {
        String name = s.name();
        switch (NodeKeywords.role(name)) {
            case BARE_GROUP -> {
                issues.add(new ConfigIssue(file, s.line(), "[" + name + "] needs an index, write [" + name + "#<n>]"));
                return;
            }
            case UNKNOWN -> {
                issues.add(new ConfigIssue(file, s.line(), "unknown section [" + name + "], sections are "
                        + NodeKeywords.knownSections()));
                return;
            }
            default -> {
                // a known section: its entries are checked below
            }
        }
        String type = writtenType(s).orElseGet(() -> other == null ? null
                : other.section(name).flatMap(NodeConfigValidator::writtenType).orElse(null));
        for (RawEntry e : s.entries()) {
            Optional<Keyword> kw = NodeKeywords.keyword(name, e.key(), type);
            String where = name + "." + e.writtenKey() + ": ";
            if (kw.isEmpty()) {
                issues.add(new ConfigIssue(file, e.line(), "unknown keyword '" + e.key() + "' in [" + name + "]"
                        + (NodeKeywords.HB.equals(NodeKeywords.group(name)) && type != null
                        ? " (type " + type + ")" : "")));
                continue;
            }
            if (e.scope() != null && !kw.get().scopable()) {
                issues.add(new ConfigIssue(file, e.line(), where + "keyword '" + kw.get().name()
                        + "' is not scopable"));
                continue;
            }
            String value;
            try {
                value = cfg.expand(name, e.value());
            } catch (ConfigException ex) {
                String cause = ex.issues().isEmpty() ? ex.getMessage() : ex.issues().get(0).message();
                issues.add(new ConfigIssue(file, e.line(), where + cause));
                continue;
            }
            String bad = KeywordValues.problem(kw.get(), value);
            if (bad != null) {
                issues.add(new ConfigIssue(file, e.line(), where + "'" + value.strip() + "' is not " + bad));
            }
        }
        for (Keyword k : NodeKeywords.table(name, type)) {
            if (k.required() && !writes(s, k) && (other == null
                    || other.section(name).map(o -> !writes(o, k)).orElse(true))) {
                issues.add(new ConfigIssue(file, s.line(), name + ": missing required keyword '" + k.name() + "'"));
            }
        }
    }

    private static boolean writes(RawSection s, Keyword k) {
        return s.entries().stream().anyMatch(e -> k.answersTo(e.key()));
    }

    /** The unscoped {@code type} of a section, as written: types are neither scoped nor referenced. */
    private static Optional<String> writtenType(RawSection s) {
        return s.entries().stream().filter(e -> e.key().equals("type") && e.scope() == null)
                .map(e -> e.value().strip()).findFirst();
    }
}
