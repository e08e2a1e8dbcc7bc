package om.api.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Conversions of written values to their types (objects-and-config section 3.1). */
public final class Values {
    private Values() {
    }

    /** true/false/yes/no/1/0, case-insensitive. */
    public static Optional<Boolean> parseBool(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Optional.of(true);
            case "false", "no", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    public static boolean toBool(String s) {
        return parseBool(s).orElseThrow(() -> new IllegalArgumentException("not a boolean: '" + s + "'"));
    }

    /**
     * The longest duration read: the engine waits with {@code System.nanoTime() + d.toNanos()}, which overflows
     * (ArithmeticException "long overflow" as a start's failure) from about 292 years.
     */
    private static final Duration MAX_DURATION = Duration.ofDays(36_500);

    /**
     * {@code <n><unit>} terms with units ms s m h d w; a bare integer is seconds. Longer than 100 years
     * is no duration either (empty, not an exception: the validator says "is not a duration").
     */
    public static Optional<Duration> parseDuration(String s) {
        try {
            return durationOf(s).filter(d -> d.compareTo(MAX_DURATION) <= 0);
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> durationOf(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(t)));
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            if (start == i) {
                return Optional.empty();
            }
            long n = Long.parseLong(t.substring(start, i));
            int ustart = i;
            while (i < t.length() && Character.isLetter(t.charAt(i))) {
                i++;
            }
            String unit = t.substring(ustart, i);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(Math.multiplyExact(7, n));
                default -> null;
            };
            if (d == null) {
                return Optional.empty();
            }
            total = total.plus(d);
        }
        return Optional.of(total);
    }

    public static Duration toDuration(String s) {
        return parseDuration(s).orElseThrow(() -> new IllegalArgumentException("not a duration: '" + s + "'"));
    }

    /** Integer with optional k m g t suffix (powers of 1024), kb/kib forms accepted. */
    public static Optional<Long> parseSize(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String unit = t.substring(i).trim();
        long mult = switch (unit) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default -> -1L;
        };
        if (mult < 0 || n > Long.MAX_VALUE / mult) {
            // a size no long holds is no size (it wrapped to a negative one before)
            return Optional.empty();
        }
        return Optional.of(n * mult);
    }

    public static Optional<Long> parseInt(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whitespace-separated words. */
    public static List<String> toList(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.asList(s.trim().split("\\s+"));
    }

    /** SHA-256 of data as 64 lower-case hex characters. */
    public static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            // every Java platform has SHA-256 (MessageDigest contract)
            throw new IllegalStateException(e);
        }
    }

    /**
     * A list of node names: words separated by blanks or commas ({@code n1 n2}, {@code n1,n2}, {@code n1, n2}).
     * Node names never hold a comma, so both spellings operators use mean the same nodes everywhere
     * ({@code cluster.nodes}, {@code DEFAULT.nodes}, {@code drpnodes}).
     */
    public static List<String> toNodeList(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("[\\s,]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Splits a command line as a POSIX shell would (single and double quotes, backslash escapes),
     * without running a shell.
     */
    public static List<String> splitCommand(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote in '" + s + "'");
                }
                cur.append(s, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                        cur.append(s.charAt(i + 1));
                        i += 2;
                    } else {
                        cur.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated double quote in '" + s + "'");
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < s.length()) {
                    if (s.charAt(i + 1) != '\n') {
                        cur.append(s.charAt(i + 1));
                        inWord = true;
                    }
                    i += 2;
                } else {
                    i++;
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                cur.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Formats a duration as om writes them: {@code 1h30m}, {@code 500ms}, {@code 0s}. */
    public static String formatDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long ms = d.toMillis();
        long[] units = {7L * 86400000, 86400000, 3600000, 60000, 1000, 1};
        String[] names = {"w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            long n = ms / units[i];
            if (n > 0) {
                b.append(n).append(names[i]);
                ms -= n * units[i];
            }
        }
        return b.toString();
    }
}
