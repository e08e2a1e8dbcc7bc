package om.api.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shell-style matching (selectors.md section 3) without backtracking blow-up, and a linear compile. */
class GlobPatternTest {

    /** Each row: glob | text | matches. */
    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', textBlock = """
            *             | root/svc/web1     | true
            a*z           | a/b/z             | true
            root/svc/*    | root/svc/web1     | true
            root/svc/*    | ns1/svc/web1      | false
            */svc/*       | ns1/svc/web1      | true
            */svc/*       | ns1/vol/web1      | false
            root/svc/w?b1 | root/svc/web1     | true
            root/svc/w?b1 | root/svc/wb1      | false
            a?c           | a/c               | true
            a[!x]c        | a/c               | true
            root/svc/[ab]1 | root/svc/a1      | true
            root/svc/[ab]1 | root/svc/c1      | false
            root/svc/[a-c]1 | root/svc/b1     | true
            root/svc/[!a]1 | root/svc/a1      | false
            root/svc/[!a]1 | root/svc/b1      | true
            root/svc/[]]   | root/svc/]       | true
            root/svc/[!]]  | root/svc/x       | true
            root/svc/[!]]  | root/svc/]       | false
            root/svc/[a-]  | root/svc/-       | true
            root/svc/[c-a] | root/svc/b       | false
            root/svc/[!c-a] | root/svc/b      | true
            root/svc/web[  | root/svc/web[    | true
            root/svc/web[1 | root/svc/web1    | false
            root/svc/web[1 | root/svc/web[1   | true
            root/svc/a.b   | root/svc/axb     | false
            root/svc/a.b   | root/svc/a.b     | true
            root/svc/a+(b) | root/svc/a+(b)   | true
            root/svc/a\\d  | root/svc/a\\d    | true
            root/svc/a\\*  | root/svc/a\\xyz  | true
            root/svc/WEB*  | root/svc/web1    | false
            root/svc/é*    | root/svc/é1      | true
            root/svc/?1    | root/svc/é1      | true
            a**b           | ab               | true
            a*b*c          | abxbc            | true
            a*b*c          | abxb             | false
            *              | ''               | true
            ?              | ''               | false
            fs#*           | fs#1             | true
            fs#*           | fsx1             | false
            n[0-9]         | n7               | true
            """)
    void shellStyleMatching(String glob, String text, boolean matches) {
        assertEquals(matches, GlobPattern.compile(glob).matches(text));
    }

    @Test
    void isGlob() {
        assertTrue(GlobPattern.isGlob("a*"));
        assertTrue(GlobPattern.isGlob("a?"));
        assertTrue(GlobPattern.isGlob("a["));
        assertFalse(GlobPattern.isGlob("ns1/svc/web1"));
    }

    /** The regex translation took forever here (issue 8, item 13): each star was a backtracking {@code .*}. */
    @Test
    void manyStarsAgainstALongNonMatchingNameFailAtOnce() {
        GlobPattern g = GlobPattern.compile("root/svc/*a*a*a*a*a*a*a*a*a*a*a*a*b");
        String name = "root/svc/" + "a".repeat(40);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            // a thousand tries in well under two seconds: each is microseconds, not the regex's ages
            for (int i = 0; i < 1000; i++) {
                assertFalse(g.matches(name));
            }
        });
        assertTrue(g.matches(name + "b"));
    }

    @Test
    void worstCaseIsBoundedByGlobTimesText() {
        GlobPattern g = GlobPattern.compile("*a".repeat(1000) + "b");
        String text = "a".repeat(10_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(g.matches(text)));
        GlobPattern q = GlobPattern.compile("*?".repeat(1000) + "[!a]");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(q.matches(text)));
    }

    /** Finding each class end by a search from every '[' was quadratic: 100,000 '[' took seconds. */
    @Test
    void compilingARunOfBracketsIsLinear() {
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            GlobPattern g = GlobPattern.compile("[".repeat(1_000_000));
            assertTrue(g.matches("[".repeat(1_000_000)));
        });
        for (String unit : new String[] {"[", "[!", "[]", "[!]", "*[", "[a-"}) {
            CountingChars glob = new CountingChars(unit.repeat(100_000 / unit.length()));
            GlobPattern.compile(glob);
            // every character is read a bounded number of times: no rescan from each '['
            assertTrue(glob.reads <= 4L * glob.length(), unit + ": " + glob.reads + " reads for " + glob.length());
        }
    }

    /** The matcher agrees with the former regex translation on random small globs (the semantics did not move). */
    @Test
    void agreesWithTheRegexTranslation() {
        Random r = new Random(8_13L);
        String alphabet = "ab/-]![*?\\é";
        for (int i = 0; i < 50_000; i++) {
            String glob = random(r, alphabet, 7);
            String text = random(r, "ab/-]![\\é", 6);
            assertEquals(RegexReference.compile(glob).matcher(text).matches(), GlobPattern.compile(glob).matches(text),
                    () -> "glob '" + glob + "' text '" + text + "'");
        }
    }

    private static String random(Random r, String alphabet, int max) {
        StringBuilder b = new StringBuilder();
        int len = r.nextInt(max + 1);
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A glob that counts how often its characters are read. */
    private static final class CountingChars implements CharSequence {
        private final String s;
        private long reads;

        CountingChars(String s) {
            this.s = s;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads += end - start;
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    /** The translation to java.util.regex that GlobPattern replaced, kept as the reference of its semantics. */
    private static final class RegexReference {
        static Pattern compile(String glob) {
            StringBuilder re = new StringBuilder();
            int n = glob.length();
            int i = 0;
            while (i < n) {
                int c = glob.codePointAt(i);
                int next = i + Character.charCount(c);
                switch (c) {
                    case '*' -> re.append(".*");
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

        private static int classEnd(String glob, int from) {
            int j = from;
            if (j < glob.length() && glob.charAt(j) == '!') {
                j++;
            }
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
            re.append("\\x{").append(Integer.toHexString(cp)).append('}');
        }
    }
}
