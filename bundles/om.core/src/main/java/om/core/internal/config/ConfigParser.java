package om.core.internal.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import om.api.config.ConfigException;
import om.api.config.ConfigIssue;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;

/**
 * The INI syntax of objects-and-config section 3. An indented line continues the value of the line just
 * above; a blank line ends a value, and an indented line with no value open is read like any other line
 * (so an indented {@code [section]} header works). Comments win over continuations (an indented {@code #}
 * line is a comment and does not end the value). A parsed value therefore never holds an empty or
 * comment-like line, which is what makes {@link ConfigRenderer} output parse back to the same values.
 */
public final class ConfigParser {
    private static final Pattern KEY = Pattern.compile("([a-z0-9_]+)(?:@([a-z0-9][a-z0-9_.-]*))?");

    private ConfigParser() {
    }

    /** Parses, collecting every syntax error; throws when there is at least one. */
    public static RawConfig parse(String fileName, String text) {
        List<ConfigIssue> issues = new ArrayList<>();
        RawConfig config = parse(fileName, text, issues);
        if (!issues.isEmpty()) {
            throw new ConfigException(issues);
        }
        return config;
    }

    /** Parses what can be parsed, adding each syntax error to {@code issues}. */
    public static RawConfig parse(String fileName, String text, List<ConfigIssue> issues) {
        Builder b = new Builder(fileName, issues);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            b.line(i + 1, lines[i]);
        }
        return b.finish();
    }

    /** Accumulates sections; entries are completed when the next non-continuation line arrives. */
    private static final class Builder {
        private final String file;
        private final List<ConfigIssue> issues;
        private final List<RawSection> sections = new ArrayList<>();
        private final Set<String> sectionNames = new HashSet<>();
        private String sectionName;
        private int sectionLine;
        private boolean skipSection;
        private List<RawEntry> entries;
        /** The {@code key@scope} of the section's entries: the duplicate check is a lookup, not a scan. */
        private Set<String> entryKeys;
        private String key;
        private String scope;
        private StringBuilder value;
        private int keyLine;

        Builder(String file, List<ConfigIssue> issues) {
            this.file = file;
            this.issues = issues;
        }

        void line(int n, String line) {
            String t = line.strip();
            if (t.isEmpty()) {
                // a blank line ends a value: what follows, indented or not, starts afresh
                flushEntry();
                return;
            }
            if (t.startsWith("#") || t.startsWith(";")) {
                return;
            }
            if (Character.isWhitespace(line.charAt(0)) && value != null) {
                value.append('\n').append(t);
                return;
            }
            flushEntry();
            if (t.startsWith("[")) {
                section(n, t);
                return;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                error(n, "malformed line, expected 'key = value': " + t);
                return;
            }
            String k = t.substring(0, eq).strip();
            Matcher m = KEY.matcher(k);
            if (!m.matches()) {
                error(n, "invalid key '" + k + "': keys are [a-z0-9_]+ with an optional @scope");
                return;
            }
            if (sectionName == null) {
                error(n, "key '" + k + "' before the first section");
                return;
            }
            if (skipSection) {
                return;
            }
            key = m.group(1);
            scope = m.group(2);
            keyLine = n;
            value = new StringBuilder(t.substring(eq + 1).strip());
        }

        private void section(int n, String t) {
            flushSection();
            if (!t.endsWith("]") || t.length() < 3) {
                error(n, "malformed section header: " + t);
                skipSection = true;
                sectionName = "";
                return;
            }
            String name = t.substring(1, t.length() - 1).strip();
            if (name.isEmpty() || name.contains("[") || name.contains("]")) {
                error(n, "malformed section header: " + t);
                skipSection = true;
                sectionName = "";
                return;
            }
            if (!sectionNames.add(name)) {
                error(n, "duplicate section [" + name + "]");
                // the duplicate's keys are not merged nor reported again
                skipSection = true;
                sectionName = name;
                return;
            }
            skipSection = false;
            sectionName = name;
            sectionLine = n;
            entries = new ArrayList<>();
            entryKeys = new HashSet<>();
        }

        private void flushEntry() {
            if (value == null) {
                return;
            }
            String k = key;
            String s = scope;
            if (!entryKeys.add(s == null ? k : k + "@" + s)) {
                error(keyLine, "duplicate key '" + (s == null ? k : k + "@" + s) + "' in section [" + sectionName + "]");
            } else {
                entries.add(new RawEntry(key, scope, value.toString(), keyLine));
            }
            value = null;
        }

        private void flushSection() {
            flushEntry();
            if (sectionName != null && !skipSection) {
                sections.add(new RawSection(sectionName, sectionLine, entries));
            }
            sectionName = null;
            entries = null;
            entryKeys = null;
        }

        RawConfig finish() {
            flushSection();
            return new RawConfig(sections);
        }

        private void error(int line, String message) {
            issues.add(new ConfigIssue(file, line, message));
        }
    }
}
