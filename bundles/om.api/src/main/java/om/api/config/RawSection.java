package om.api.config;

import java.util.List;
import java.util.Optional;

/** A section as written, keeping keyword order. */
public record RawSection(String name, int line, List<RawEntry> entries) {
    public RawSection {
        entries = List.copyOf(entries);
    }

    /** The unscoped entry for a key, if written. */
    public Optional<RawEntry> entry(String key) {
        return entries.stream().filter(e -> e.key().equals(key) && e.scope() == null).findFirst();
    }

    /** The driver group of a resource section ({@code fs} for {@code fs#1}), or null. */
    public String group() {
        int i = name.indexOf('#');
        return i > 0 ? name.substring(0, i) : null;
    }
}
