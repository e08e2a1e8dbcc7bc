package om.selector.internal.parse;

import om.api.select.GlobPattern;

/**
 * A path glob (selectors.md section 3), normalised to a full {@code ns/kind/name} pattern and compiled once.
 *
 * @param pattern    the glob as written
 * @param normalised the pattern matched against FQNs
 * @param compiled   the compiled normalised pattern (matched without regex backtracking)
 */
public record Glob(String pattern, String normalised, GlobPattern compiled) implements Atom {

    public static Glob of(String pattern) {
        String n = normalise(pattern);
        return new Glob(pattern, n, GlobPattern.compile(n));
    }

    /** Whether the glob matches an object FQN. */
    public boolean matches(String fqn) {
        return compiled.matches(fqn);
    }

    @Override
    public boolean needsConfig() {
        return false;
    }

    /**
     * The normalisation table of section 3. Empty parts are read as in path written forms (an empty
     * namespace is {@code root}, an empty kind {@code svc}, {@code <ns>/} the namespace config object),
     * which the table leaves open.
     */
    static String normalise(String p) {
        if (p.equals("**")) {
            return "**";
        }
        if (p.equals("*")) {
            return "*/svc/*";
        }
        String[] parts = p.split("/", -1);
        return switch (parts.length) {
            case 1 -> "root/svc/" + p;
            case 2 -> {
                if (parts[1].equals("**")) {
                    yield parts[0] + "/*/*";
                }
                if (parts[1].isEmpty()) {
                    yield parts[0] + "/nscfg/namespace";
                }
                if (parts[0].equals("**")) {
                    yield "*/*/" + parts[1];
                }
                yield "root/" + (parts[0].isEmpty() ? "svc" : parts[0]) + "/" + parts[1];
            }
            case 3 -> (parts[0].isEmpty() ? "root" : parts[0]) + "/" + (parts[1].isEmpty() ? "svc" : parts[1])
                    + "/" + parts[2];
            default -> p;
        };
    }

    @Override
    public String toString() {
        return pattern;
    }
}
