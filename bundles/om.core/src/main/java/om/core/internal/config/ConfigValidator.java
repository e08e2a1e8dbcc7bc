package om.core.internal.config;

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
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;
import om.core.internal.keywords.KeywordTables;
import om.core.internal.keywords.KeywordValues;
import om.core.internal.keywords.SectionNames;

/**
 * Full validation of one object config (objects-and-config section 3): syntax, section names, keywords of
 * the section's driver, value types, required keywords, scopes and references. Issues whose message starts
 * with {@value #WARNING} do not make the config invalid.
 */
public final class ConfigValidator {
    public static final String WARNING = "warning: ";

    private final KeywordTables tables;

    public ConfigValidator(KeywordTables tables) {
        this.tables = tables;
    }

    public static boolean isWarning(ConfigIssue issue) {
        return issue.message().startsWith(WARNING);
    }

    /** The issues that make a config unusable. */
    public static List<ConfigIssue> errors(List<ConfigIssue> issues) {
        return issues.stream().filter(i -> !isWarning(i)).toList();
    }

    /** Validates text as the config described by ctx, sorted by line. */
    public List<ConfigIssue> validate(String fileName, String text, EvalContext ctx) {
        List<ConfigIssue> issues = new ArrayList<>();
        RawConfig raw = ConfigParser.parse(fileName, text, issues);
        if (ctx.path().kind().hasResources()) {
            EvaluatedConfig cfg = new EvaluatedConfig(Path.of(fileName), Instant.EPOCH, raw, ctx, tables);
            Check check = new Check(fileName, cfg, issues);
            for (RawSection s : raw.sections()) {
                check.section(s);
            }
        }
        List<ConfigIssue> sorted = new ArrayList<>(issues);
        sorted.sort(Comparator.comparingInt(ConfigIssue::line));
        return List.copyOf(sorted);
    }

    /** One validation run. */
    private final class Check {
        private final String file;
        private final EvaluatedConfig cfg;
        private final List<ConfigIssue> issues;

        Check(String file, EvaluatedConfig cfg, List<ConfigIssue> issues) {
            this.file = file;
            this.cfg = cfg;
            this.issues = issues;
        }

        void section(RawSection s) {
            String name = s.name();
            switch (SectionNames.role(name)) {
                case UNKNOWN_GROUP -> add(s.line(), "unknown section group '" + SectionNames.group(name) + "' in ["
                        + name + "], groups are " + String.join(" ", DriverRegistry.GROUPS));
                case BARE_GROUP -> add(s.line(), "[" + name + "] is not a resource section, write [" + name
                        + "#<index>]");
                case INVALID -> add(s.line(), "invalid section name [" + name + "]");
                case ENV -> entries(s, null, false);
                case DEFAULT, SUBSET -> entries(s, null, true);
                case RESOURCE -> resource(s);
                default -> throw new IllegalStateException(name);
            }
        }

        private void resource(RawSection s) {
            String rid = s.name();
            if (SectionNames.CONFIG_SYNC_RID.equals(rid)) {
                add(s.line(), "[" + rid + "] is reserved for the config replication resource");
                return;
            }
            String group = SectionNames.group(rid);
            String type = KeywordTables.effectiveType(group, cfg.writtenType(rid));
            if (type == null) {
                add(s.line(), rid + ": missing required keyword 'type' (the " + group + " group has no default type)");
                entries(s, null, false);
                return;
            }
            Optional<ResourceDriver> driver = tables.driver(group, type);
            if (driver.isEmpty()) {
                add(s.line(), WARNING + rid + ": driver " + group + "." + type
                        + " is not available, its keywords are not checked");
            }
            entries(s, driver.map(ResourceDriver::id).orElse(null), driver.isPresent());
            if (driver.isPresent()) {
                required(s, type);
            }
        }

        /** Checks each entry; unknown keys are errors only when the whole table is known. */
        private void entries(RawSection s, String driverId, boolean tableKnown) {
            for (RawEntry e : s.entries()) {
                Optional<Keyword> kw = cfg.keyword(s.name(), e.key());
                if (kw.isEmpty()) {
                    if (tableKnown) {
                        add(e.line(), "unknown keyword '" + e.key() + "' in [" + s.name() + "]"
                                + (driverId == null ? "" : " (driver " + driverId + ")"));
                    }
                    references(s.name(), e);
                    continue;
                }
                if (e.scope() != null && !kw.get().scopable()) {
                    add(e.line(), s.name() + "." + e.writtenKey() + ": keyword '" + kw.get().name() + "' is not scopable");
                }
                String value = references(s.name(), e);
                if (value != null) {
                    convert(s.name(), e, kw.get(), value);
                }
            }
        }

        private void required(RawSection s, String type) {
            for (Keyword k : tables.table(s.name(), type)) {
                if (k.required() && s.entries().stream().noneMatch(e -> k.answersTo(e.key()))) {
                    add(s.line(), s.name() + ": missing required keyword '" + k.name() + "'");
                }
            }
        }

        /** The value with references evaluated, null (and an issue) when they cannot be. */
        private String references(String section, RawEntry e) {
            try {
                return cfg.expand(section, e.value());
            } catch (ConfigException ex) {
                String cause = ex.issues().isEmpty() ? ex.getMessage() : ex.issues().get(0).message();
                add(e.line(), section + "." + e.writtenKey() + ": " + cause);
                return null;
            }
        }

        private void convert(String section, RawEntry e, Keyword kw, String value) {
            KeywordValues.Problem p = KeywordValues.check(kw, value);
            if (p != null) {
                add(e.line(), section + "." + e.writtenKey() + ": '" + p.value() + "' is not " + p.expected());
            }
        }

        private void add(int line, String message) {
            issues.add(new ConfigIssue(file, line, message));
        }
    }
}
