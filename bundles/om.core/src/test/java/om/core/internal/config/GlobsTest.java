package om.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Node and rid globs are the selector's globs: same meaning, no regex. */
class GlobsTest {

    @Test
    void nodeAndRidGlobs() {
        assertTrue(Globs.compile("n*").matches("n1"));
        assertTrue(Globs.compile("n[12]").matches("n2"));
        assertFalse(Globs.compile("n[!12]").matches("n2"));
        assertTrue(Globs.compile("fs#*").matches("fs#1"));
        assertFalse(Globs.compile("fs#?").matches("fs#10"));
        // the regex translation made a reversed range and "[!]]" a PatternSyntaxException (a stack trace)
        assertFalse(Globs.compile("fs#[z-a]").matches("fs#b"));
        assertTrue(Globs.compile("fs#[!]]").matches("fs#b"));
        assertTrue(Globs.compile("n1.[").matches("n1.["));
    }

    @Test
    void manyStarsDoNotBacktrack() {
        assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertFalse(Globs.compile("*a*a*a*a*a*a*a*a*a*a*a*a*b").matches("a".repeat(40))));
    }
}
