package om.selector.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Normalisation of globs (selectors.md section 3); the matching itself is GlobPatternTest in om.api. */
class GlobTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            **          | **
            *           | */svc/*
            web*        | root/svc/web*
            vol/d*      | root/vol/d*
            ns1/**      | ns1/*/*
            n?1/**      | n?1/*/*
            **/web*     | */*/web*
            ns1/svc/w*  | ns1/svc/w*
            */*/*       | */*/*
            a/b/c/d*    | a/b/c/d*
            /web*       | root/svc/web*
            ns1//w*     | ns1/svc/w*
            /vol/d*     | root/vol/d*
            ns*/        | ns*/nscfg/namespace
            **/         | **/nscfg/namespace
            """)
    void normalisation(String pattern, String normalised) {
        assertEquals(normalised, Glob.normalise(pattern));
    }

    @Test
    void globOfNormalisesThenCompiles() {
        Glob g = Glob.of("*dns");
        assertEquals("root/svc/*dns", g.normalised());
        assertTrue(g.matches("root/svc/mydns"));
        assertFalse(g.matches("ns1/svc/mydns"));
        assertFalse(g.matches("root/vol/mydns"));
    }

    /** Issue 8 item 13: a glob of twelve stars against a name of 40 'a' spun a daemon worker forever. */
    @Test
    void pathologicalGlobFailsAtOnce() {
        Glob g = Glob.of("*a*a*a*a*a*a*a*a*a*a*a*a*b");
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertFalse(g.matches("root/svc/" + "a".repeat(40))));
        assertTrue(g.matches("root/svc/" + "a".repeat(40) + "b"));
    }
}
