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
    /** The largest table compared line by line (a million cells: 4 MB). */
    private static final long MAX_CELLS = 1_000_000;

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
        int[] map = new int[is.length];
        // a change touches a few lines: the common head and tail map one to one, the rest is compared below
        int head = 0;
        while (head < was.length && head < is.length && was[head].equals(is[head])) {
            map[head] = head + 1;
            head++;
        }
        int tail = 0;
        while (tail < was.length - head && tail < is.length - head
                && was[was.length - 1 - tail].equals(is[is.length - 1 - tail])) {
            map[is.length - 1 - tail] = was.length - tail;
            tail++;
        }
        int endA = was.length - tail;
        int endB = is.length - tail;
        if ((long) (endA - head) * (endB - head) > MAX_CELLS) {
            // changes spread over a huge file: only lines rewritten in place are told apart
            inPlace(was, is, head, endA, head, endB, map);
            return map;
        }
        // longest common subsequence of the middle lines
        int[][] lcs = new int[endA - head + 1][endB - head + 1];
        for (int a = endA - 1; a >= head; a--) {
            for (int b = endB - 1; b >= head; b--) {
                lcs[a - head][b - head] = was[a].equals(is[b]) ? lcs[a - head + 1][b - head + 1] + 1
                        : Math.max(lcs[a - head + 1][b - head], lcs[a - head][b - head + 1]);
            }
        }
        int a = head;
        int b = head;
        int gapA = head;
        int gapB = head;
        while (a < endA || b < endB) {
            if (a < endA && b < endB && was[a].equals(is[b])) {
                inPlace(was, is, gapA, a, gapB, b, map);
                map[b] = a + 1;
                a++;
                b++;
                gapA = a;
                gapB = b;
            } else if (b < endB && (a == endA || lcs[a - head][b - head + 1] >= lcs[a - head + 1][b - head])) {
                b++;
            } else {
                a++;
            }
        }
        inPlace(was, is, gapA, endA, gapB, endB, map);
        return map;
    }

    /** Between two kept lines, a new line about the same key (or section) as a removed one rewrote it in place. */
    private static void inPlace(String[] was, String[] is, int fromA, int toA, int fromB, int toB, int[] map) {
        if (fromA >= toA || fromB >= toB) {
            return;
        }
        java.util.Map<String, Integer> removed = new java.util.HashMap<>();
        for (int a = toA - 1; a >= fromA; a--) {
            removed.put(key(was[a]), a);
        }
        for (int b = fromB; b < toB; b++) {
            Integer a = is[b].isBlank() ? null : removed.get(key(is[b]));
            if (a != null) {
                map[b] = a + 1;
            }
        }
    }

    /** What a line is about: its key (before {@code =}), or the whole line for a section header. */
    private static String key(String line) {
        int eq = line.indexOf('=');
        return (eq < 0 ? line : line.substring(0, eq)).strip();
    }
}
