package om.core.internal.config;

import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;

/**
 * Writes a raw config back to text in its order: sections separated by a blank line, {@code key = value},
 * the lines after the first of a multi-line value indented by 4 spaces. A value holding a blank line, or a
 * line starting with {@code #} or {@code ;}, or leading/trailing blanks on a line, cannot be written this way
 * and reads back differently; {@link #roundTrips} tells.
 */
public final class ConfigRenderer {
    private ConfigRenderer() {
    }

    public static String render(RawConfig config) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (RawSection s : config.sections()) {
            if (!first) {
                b.append('\n');
            }
            first = false;
            b.append('[').append(s.name()).append("]\n");
            for (RawEntry e : s.entries()) {
                String[] lines = e.value().split("\n", -1);
                b.append(e.writtenKey()).append(" =");
                if (!lines[0].isEmpty()) {
                    b.append(' ').append(lines[0]);
                }
                b.append('\n');
                for (int i = 1; i < lines.length; i++) {
                    b.append("    ").append(lines[i]).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** Whether a value reads back unchanged once rendered. */
    public static boolean roundTrips(String value) {
        String[] lines = value.split("\n", -1);
        if (!lines[0].equals(lines[0].strip())) {
            return false;
        }
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty() || !l.equals(l.strip()) || l.startsWith("#") || l.startsWith(";")) {
                return false;
            }
        }
        return true;
    }
}
