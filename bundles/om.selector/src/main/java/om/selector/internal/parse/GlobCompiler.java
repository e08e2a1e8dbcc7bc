package om.selector.internal.parse;

import java.util.regex.Pattern;

/**
 * Translates a shell-style glob into a regex: {@code *} is any sequence (including {@code /}), {@code ?} one
 * character, {@code [abc]} {@code [a-z]} {@code [!x]} classes. An unclosed {@code [} is a literal, a reversed
 * range matches nothing; every literal is hex-escaped so no input can make an invalid regex.
 */
final class GlobCompiler {
    private GlobCompiler() {
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder(glob.length() * 2 + 8);
        int n = glob.length();
        int i = 0;
        while (i < n) {
            int c = glob.codePointAt(i);
            int next = i + Character.charCount(c);
            switch (c) {
                case '*' -> {
                    re.append(".*");
                    // consecutive stars are one star: avoids needless backtracking
                    while (next < n && glob.charAt(next) == '*') {
                        next++;
                    }
                }
                case '?' -> re.append('.');
                case '[' -> {
                    int end = classEnd(glob, next);
                    if (end < 0) {
                        literal(re, c);
                    } else {
                        appendClass(re, glob, next, end);
                        next = end + 1;
                    }
                }
                default -> literal(re, c);
            }
            i = next;
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Index of the {@code ]} closing a class whose body starts at {@code from}, or -1. */
    private static int classEnd(String glob, int from) {
        int j = from;
        if (j < glob.length() && glob.charAt(j) == '!') {
            j++;
        }
        // a ']' first in the class is a member, not the end
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++;
        }
        return glob.indexOf(']', j);
    }

    private static void appendClass(StringBuilder re, String glob, int from, int end) {
        boolean negated = glob.charAt(from) == '!';
        int[] cps = glob.substring(negated ? from + 1 : from, end).codePoints().toArray();
        StringBuilder members = new StringBuilder();
        int k = 0;
        while (k < cps.length) {
            if (k + 2 < cps.length && cps[k + 1] == '-') {
                if (cps[k] <= cps[k + 2]) {
                    literal(members, cps[k]);
                    members.append('-');
                    literal(members, cps[k + 2]);
                }
                k += 3;
            } else {
                literal(members, cps[k]);
                k++;
            }
        }
        if (members.length() == 0) {
            re.append(negated ? "." : "(?!)");
        } else {
            re.append(negated ? "[^" : "[").append(members).append(']');
        }
    }

    private static void literal(StringBuilder re, int cp) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
            re.appendCodePoint(cp);
        } else {
            re.append("\\x{").append(Integer.toHexString(cp)).append('}');
        }
    }
}
