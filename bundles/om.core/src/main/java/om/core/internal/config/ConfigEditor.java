package om.core.internal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import om.api.config.KeywordChange;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;

/**
 * Applies keyword changes to a config file's text, touching only the lines of the changed keywords: comments,
 * blank lines and the order the operator chose stay as written.
 */
public final class ConfigEditor {
    private ConfigEditor() {
    }

    /** The text with every change applied, in order. */
    public static String apply(String fileName, String text, List<KeywordChange> changes) {
        String out = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        for (KeywordChange c : changes) {
            out = apply(fileName, out, c);
        }
        return out;
    }

    private static String apply(String fileName, String text, KeywordChange c) {
        // parse again after each change: the line numbers of the next one depend on it
        RawConfig raw = ConfigParser.parse(fileName, text);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        Optional<RawSection> section = raw.section(c.section());
        Optional<RawEntry> entry = section.flatMap(s -> s.entries().stream()
                .filter(e -> e.key().equals(c.key()) && Objects.equals(e.scope(), c.scope())).findFirst());
        List<String> rendered = c.removes() ? List.of() : render(c);
        if (entry.isPresent()) {
            int start = entry.get().line() - 1;
            int end = endOfEntry(lines, start);
            lines.subList(start, end).clear();
            lines.addAll(start, rendered);
        } else if (!c.removes()) {
            if (section.isPresent()) {
                int at = endOfSection(lines, section.get());
                lines.addAll(at, rendered);
            } else if (c.section().equals("DEFAULT")) {
                List<String> head = new ArrayList<>();
                head.add("[DEFAULT]");
                head.addAll(rendered);
                head.add("");
                lines.addAll(0, head);
            } else {
                if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                    lines.add("");
                }
                lines.add("[" + c.section() + "]");
                lines.addAll(rendered);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static List<String> render(KeywordChange c) {
        String key = c.scope() == null ? c.key() : c.key() + "@" + c.scope();
        String[] parts = c.value().split("\n", -1);
        List<String> out = new ArrayList<>();
        out.add(parts[0].isEmpty() ? key + " =" : key + " = " + parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.add("    " + parts[i]);
        }
        return out;
    }

    /** The index after the key line and its continuation lines (indented, not blank). */
    private static int endOfEntry(List<String> lines, int start) {
        int i = start + 1;
        while (i < lines.size() && !lines.get(i).isBlank() && Character.isWhitespace(lines.get(i).charAt(0))) {
            i++;
        }
        return i;
    }

    /** Where a new keyword of the section goes: after its last keyword, else right after its header. */
    private static int endOfSection(List<String> lines, RawSection s) {
        if (s.entries().isEmpty()) {
            return s.line();
        }
        int last = s.entries().stream().mapToInt(RawEntry::line).max().orElse(s.line());
        return endOfEntry(lines, last - 1);
    }
}
