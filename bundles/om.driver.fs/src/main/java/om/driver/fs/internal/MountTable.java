package om.driver.fs.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kernel mount table of this process's mount namespace, in mount order (later entries cover earlier ones). */
record MountTable(List<MountEntry> entries) {
    static final Path PROC = Path.of("/proc/self/mountinfo");

    MountTable {
        entries = List.copyOf(entries);
    }

    static MountTable read() throws IOException {
        return parse(Files.readString(PROC));
    }

    static MountTable parse(String text) {
        List<MountEntry> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            // id parent maj:min root mount-point options [optional fields...] - fstype source super-options
            String[] f = line.split(" ");
            int sep = List.of(f).indexOf("-");
            if (f.length < 6 || sep < 6 || sep + 2 >= f.length) {
                continue;
            }
            out.add(new MountEntry(f[2], unescape(f[3]), unescape(f[4]), f[sep + 1], unescape(f[sep + 2])));
        }
        return new MountTable(out);
    }

    /** The entries mounted on {@code mountPoint}, bottom first. */
    List<MountEntry> at(String mountPoint) {
        return entries.stream().filter(e -> e.mountPoint().equals(mountPoint)).toList();
    }

    /** The visible mount on {@code mountPoint}. */
    Optional<MountEntry> top(String mountPoint) {
        List<MountEntry> at = at(mountPoint);
        return at.isEmpty() ? Optional.empty() : Optional.of(at.get(at.size() - 1));
    }

    /** The kernel writes space, tab, newline and backslash as three-digit octal escapes. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
