package om.driver.share.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel export table as {@code exportfs -v} prints it: a path then {@code client(options)}, the client on
 * the next line, indented, when the path is long.
 */
public record ExportTable(List<Export> exports) {
    /** The world client {@code *} as exportfs prints it. */
    static final String WORLD = "<world>";

    // options exportfs always prints one way or the other: a configured one whose opposite shows differs
    private static final Map<String, String> OPPOSITES = Map.ofEntries(
            Map.entry("ro", "rw"), Map.entry("rw", "ro"),
            Map.entry("sync", "async"), Map.entry("async", "sync"),
            Map.entry("secure", "insecure"), Map.entry("insecure", "secure"),
            Map.entry("wdelay", "no_wdelay"), Map.entry("no_wdelay", "wdelay"),
            Map.entry("hide", "nohide"), Map.entry("nohide", "hide"),
            Map.entry("subtree_check", "no_subtree_check"), Map.entry("no_subtree_check", "subtree_check"),
            Map.entry("root_squash", "no_root_squash"), Map.entry("no_root_squash", "root_squash"),
            Map.entry("all_squash", "no_all_squash"), Map.entry("no_all_squash", "all_squash"));
    private static final List<String> COMPARED_VALUES = List.of("fsid", "anonuid", "anongid");

    public ExportTable {
        exports = List.copyOf(exports);
    }

    /**
     * One exported client of a path.
     *
     * @param path    the exported directory
     * @param client  the client as exportfs prints it ({@code <world>} for {@code *})
     * @param options the effective options
     */
    public record Export(String path, String client, List<String> options) {
        public Export {
            options = List.copyOf(options);
        }
    }

    public static ExportTable parse(String output) {
        List<Export> result = new ArrayList<>();
        String pending = null;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String rest;
            if (Character.isWhitespace(line.charAt(0))) {
                if (pending == null) {
                    continue;
                }
                rest = line.strip();
            } else {
                String[] parts = line.strip().split("\\s+", 2);
                pending = unescape(parts[0]);
                rest = parts.length > 1 ? parts[1].strip() : "";
            }
            if (!rest.isEmpty()) {
                client(pending, rest).ifPresent(result::add);
            }
        }
        return new ExportTable(result);
    }

    private static Optional<Export> client(String path, String text) {
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return Optional.of(new Export(path, text, List.of()));
        }
        String opts = text.substring(open + 1, text.length() - 1);
        return Optional.of(new Export(path, text.substring(0, open), opts.isEmpty() ? List.of()
                : List.of(opts.split(","))));
    }

    /** exportfs writes odd characters of paths as octal escapes ({@code \040} for a space). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\\' && isOctal(bytes, i + 1)) {
                b.write(Integer.parseInt(new String(bytes, i + 1, 3, StandardCharsets.US_ASCII), 8));
                i += 3;
            } else {
                b.write(bytes[i]);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] b, int from) {
        for (int i = from; i < from + 3; i++) {
            if (i >= b.length || b[i] < '0' || b[i] > '7') {
                return false;
            }
        }
        return true;
    }

    /** The export of {@code entry}'s client on {@code path}, whatever its options. */
    public Optional<Export> find(String path, ClientEntry entry) {
        String client = entry.client().equals(ClientEntry.WORLD) ? WORLD : entry.client();
        return exports.stream().filter(e -> e.path().equals(path) && e.client().equalsIgnoreCase(client))
                .findFirst();
    }

    /** The configured options the export contradicts, empty when it honours them all. */
    public static List<String> conflicts(ClientEntry entry, Export export) {
        List<String> bad = new ArrayList<>();
        for (String opt : entry.optionList()) {
            String opposite = OPPOSITES.get(opt);
            if (opposite != null && export.options().contains(opposite)) {
                bad.add(opt);
            }
            int eq = opt.indexOf('=');
            if (eq > 0 && COMPARED_VALUES.contains(opt.substring(0, eq))) {
                String key = opt.substring(0, eq + 1);
                if (export.options().stream().filter(o -> o.startsWith(key)).anyMatch(o -> !o.equals(opt))) {
                    bad.add(opt);
                }
            }
        }
        return bad;
    }
}
