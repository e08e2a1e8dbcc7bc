package om.api.select;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell-style glob (selectors.md section 3), the one glob matcher of om: object selectors, node names in
 * {@code nodes}, {@code --rid} filters.
 *
 * <p>{@code *} matches any sequence, {@code /} included; {@code ?} one character, {@code /} included;
 * {@code [abc]}, {@code [a-z]} a class and {@code [!x]} a negated one, where a {@code ]} first in the class is a
 * member and a reversed range ({@code [c-a]}) matches nothing. An unclosed {@code [} and every other character,
 * {@code \} included, are literals: object paths, node names and rids contain no backslash, so globs need no
 * escapes. Matching is case-sensitive and by code point.
 *
 * <p>Matching never backtracks more than to the last {@code *} (the classic greedy algorithm): its cost is at
 * most the product of the glob and text lengths, whatever the input, unlike a translation to
 * {@code java.util.regex} which is exponential in the number of stars. Compiling is linear in the glob.
 * Immutable and thread-safe.
 */
public final class GlobPattern {
    private final String glob;
    private final Token[] tokens;

    private GlobPattern(String glob, Token[] tokens) {
        this.glob = glob;
        this.tokens = tokens;
    }

    /** Whether {@code word} has a glob character ({@code * ? [}); other words are matched as written. */
    public static boolean isGlob(CharSequence word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** Compiles a glob; every string is a valid glob. Reads each character of {@code glob} a bounded number of times. */
    public static GlobPattern compile(CharSequence glob) {
        int n = glob.length();
        // one backward pass gives, for every position, the next ']' at or after it: finding the end of each
        // class is then O(1), where searching from every '[' was quadratic on a run of '['
        int[] nextClose = new int[n + 1];
        nextClose[n] = -1;
        for (int i = n - 1; i >= 0; i--) {
            nextClose[i] = glob.charAt(i) == ']' ? i : nextClose[i + 1];
        }
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int c = Character.codePointAt(glob, i);
            int next = i + Character.charCount(c);
            switch (c) {
                case '*' -> {
                    // consecutive stars are one star
                    while (next < n && glob.charAt(next) == '*') {
                        next++;
                    }
                    out.add(Star.STAR);
                }
                case '?' -> out.add(AnyOne.ANY);
                case '[' -> {
                    int end = classEnd(glob, nextClose, next);
                    if (end < 0) {
                        out.add(new Literal(c));
                    } else {
                        out.add(charClass(glob, next, end));
                        next = end + 1;
                    }
                }
                default -> out.add(new Literal(c));
            }
            i = next;
        }
        return new GlobPattern(glob.toString(), out.toArray(Token[]::new));
    }

    /** Whether the glob matches the whole of {@code text}. */
    public boolean matches(CharSequence text) {
        int[] s = text.codePoints().toArray();
        int t = 0;
        int p = 0;
        // the last star seen and the text position it is currently assumed to stop at
        int starP = -1;
        int starT = -1;
        while (t < s.length) {
            if (p < tokens.length && tokens[p] instanceof Star) {
                starP = p++;
                starT = t;
            } else if (p < tokens.length && tokens[p].accepts(s[t])) {
                p++;
                t++;
            } else if (starP >= 0) {
                // let the last star eat one more character: earlier stars never need to change, since the
                // tokens after the last star only have to match somewhere to the right
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] instanceof Star) {
            p++;
        }
        return p == tokens.length;
    }

    /** The glob as written. */
    public String glob() {
        return glob;
    }

    @Override
    public String toString() {
        return glob;
    }

    /** Index of the {@code ]} closing a class whose body starts at {@code from}, or -1. */
    private static int classEnd(CharSequence glob, int[] nextClose, int from) {
        int n = glob.length();
        int j = from;
        if (j < n && glob.charAt(j) == '!') {
            j++;
        }
        // a ']' first in the class is a member, not the end
        if (j < n && glob.charAt(j) == ']') {
            j++;
        }
        return nextClose[j];
    }

    private static Token charClass(CharSequence glob, int from, int end) {
        boolean negated = glob.charAt(from) == '!';
        int[] cps = glob.subSequence(negated ? from + 1 : from, end).codePoints().toArray();
        List<int[]> ranges = new ArrayList<>();
        int k = 0;
        while (k < cps.length) {
            if (k + 2 < cps.length && cps[k + 1] == '-') {
                if (cps[k] <= cps[k + 2]) {
                    ranges.add(new int[] {cps[k], cps[k + 2]});
                }
                k += 3;
            } else {
                ranges.add(new int[] {cps[k], cps[k]});
                k++;
            }
        }
        int[] flat = new int[ranges.size() * 2];
        for (int r = 0; r < ranges.size(); r++) {
            flat[2 * r] = ranges.get(r)[0];
            flat[2 * r + 1] = ranges.get(r)[1];
        }
        return new CharClass(flat, negated);
    }

    /** One element of a compiled glob; a {@link Star} is handled by the matcher itself. */
    private sealed interface Token permits Star, AnyOne, Literal, CharClass {
        boolean accepts(int cp);
    }

    private enum Star implements Token {
        STAR;

        @Override
        public boolean accepts(int cp) {
            throw new IllegalStateException("a star is not a single-character token");
        }
    }

    private enum AnyOne implements Token {
        ANY;

        @Override
        public boolean accepts(int cp) {
            return true;
        }
    }

    private record Literal(int cp) implements Token {
        @Override
        public boolean accepts(int c) {
            return c == cp;
        }
    }

    /** @param ranges inclusive {@code [lo, hi]} pairs; empty matches nothing, or everything when negated */
    private record CharClass(int[] ranges, boolean negated) implements Token {
        @Override
        public boolean accepts(int c) {
            for (int r = 0; r < ranges.length; r += 2) {
                if (c >= ranges[r] && c <= ranges[r + 1]) {
                    return !negated;
                }
            }
            return negated;
        }
    }
}
