package om.core.internal.config;

import java.util.ArrayList;
import java.util.List;
import om.api.config.ConfigIssue;

/**
 * The issues of a refused change, named by the lines of the file as it is on disk (the changed text was validated
 * but never written). A line the change kept is named by its number in the file (lines after an insertion shift
 * back); a line the change rewrote in place (a new value of a written keyword) keeps the number of the line it
 * replaces; a line the change added (a new section or keyword, e.g. {@code --kw nosuch.key=1}) names no line
 * rather than one the file does not have.
 */
public final class RefusedLines {
    private RefusedLines() {
    }

    public static List<ConfigIssue> onFileLines(List<ConfigIssue> issues, String before, String text) {
        int[] toFile = mapping(before.split("\n", -1), text.split("\n", -1));
        List<ConfigIssue> out = new ArrayList<>(issues.size());
        for (ConfigIssue i : issues) {
            int n = i.line();
            int onFile = n > 0 && n <= toFile.length ? toFile[n - 1] : 0;
            out.add(onFile == n ? i : new ConfigIssue(i.file(), onFile, i.message()));
        }
        return out;
    }

    /** For each line of {@code is}, the 1-based line of {@code was} it comes from, 0 for none. */
    static int[] mapping(String[] was, String[] is) {
        // longest common subsequence of the lines: configs are small, and a change inserts or rewrites a few lines
        int[][] lcs = new int[was.length + 1][is.length + 1];
        for (int a = was.length - 1; a >= 0; a--) {
            for (int b = is.length - 1; b >= 0; b--) {
                lcs[a][b] = was[a].equals(is[b]) ? lcs[a + 1][b + 1] + 1 : Math.max(lcs[a + 1][b], lcs[a][b + 1]);
            }
        }
        int[] map = new int[is.length];
        int a = 0;
        int b = 0;
        int gapA = 0;
        int gapB = 0;
        while (a < was.length || b < is.length) {
            if (a < was.length && b < is.length && was[a].equals(is[b])) {
                inPlace(was, is, gapA, a, gapB, b, map);
                map[b] = a + 1;
                a++;
                b++;
                gapA = a;
                gapB = b;
            } else if (b < is.length && (a == was.length || lcs[a][b + 1] >= lcs[a + 1][b])) {
                b++;
            } else {
                a++;
            }
        }
        inPlace(was, is, gapA, a, gapB, b, map);
        return map;
    }

    /** Between two kept lines, a new line about the same key (or section) as a removed one rewrote it in place. */
    private static void inPlace(String[] was, String[] is, int fromA, int toA, int fromB, int toB, int[] map) {
        for (int b = fromB; b < toB; b++) {
            for (int a = fromA; a < toA; a++) {
                if (!is[b].isBlank() && key(was[a]).equals(key(is[b]))) {
                    map[b] = a + 1;
                    break;
                }
            }
        }
    }

    /** What a line is about: its key (before {@code =}), or the whole line for a section header. */
    private static String key(String line) {
        int eq = line.indexOf('=');
        return (eq < 0 ? line : line.substring(0, eq)).strip();
    }
}
