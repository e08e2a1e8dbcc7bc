package om.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A parsed configuration file: sections and keywords in file order, nothing evaluated. */
public record RawConfig(List<RawSection> sections) {
    public RawConfig {
        sections = List.copyOf(sections);
    }

    public Optional<RawSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** A copy where {@code section.key[@scope]} is set to value (section created at the end if missing). */
    public RawConfig with(String section, String key, String scope, String value) {
        List<RawSection> out = new ArrayList<>();
        boolean found = false;
        for (RawSection s : sections) {
            if (s.name().equals(section)) {
                found = true;
                List<RawEntry> entries = new ArrayList<>();
                boolean set = false;
                for (RawEntry e : s.entries()) {
                    if (e.key().equals(key) && java.util.Objects.equals(e.scope(), scope)) {
                        entries.add(new RawEntry(key, scope, value, e.line()));
                        set = true;
                    } else {
                        entries.add(e);
                    }
                }
                if (!set) {
                    entries.add(new RawEntry(key, scope, value, 0));
                }
                out.add(new RawSection(s.name(), s.line(), entries));
            } else {
                out.add(s);
            }
        }
        if (!found) {
            out.add(new RawSection(section, 0, List.of(new RawEntry(key, scope, value, 0))));
        }
        return new RawConfig(out);
    }

    /** A copy without {@code section.key[@scope]}. */
    public RawConfig without(String section, String key, String scope) {
        List<RawSection> out = new ArrayList<>();
        for (RawSection s : sections) {
            if (s.name().equals(section)) {
                out.add(new RawSection(s.name(), s.line(), s.entries().stream()
                        .filter(e -> !(e.key().equals(key) && java.util.Objects.equals(e.scope(), scope)))
                        .toList()));
            } else {
                out.add(s);
            }
        }
        return new RawConfig(out);
    }
}
