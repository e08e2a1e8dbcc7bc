package om.core.internal.config;

import om.api.select.GlobPattern;

/**
 * Shell-style globs ({@code * ? [abc] [!x]}) as used for node names in {@code nodes} and for {@code --rid}: the
 * selector's {@link GlobPattern}, so that every glob of om means the same and none can backtrack without bound.
 */
public final class Globs {
    private Globs() {
    }

    public static boolean isGlob(String word) {
        return GlobPattern.isGlob(word);
    }

    public static GlobPattern compile(String glob) {
        return GlobPattern.compile(glob);
    }
}
