package om.selector.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Normalisation (selectors.md section 3) and shell-style matching of globs. */
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

    /** Each row: normalised glob | fqn | matches. */
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
            root/svc/[ab]1 | root/svc/a1      | true
            root/svc/[ab]1 | root/svc/c1      | false
            root/svc/[a-c]1 | root/svc/b1     | true
            root/svc/[!a]1 | root/svc/a1      | false
            root/svc/[!a]1 | root/svc/b1      | true
            root/svc/[]]   | root/svc/]       | true
            root/svc/[!]]  | root/svc/x       | true
            root/svc/[a-]  | root/svc/-       | true
            root/svc/[c-a] | root/svc/b       | false
            root/svc/[!c-a] | root/svc/b      | true
            root/svc/web[  | root/svc/web[    | true
            root/svc/web[1 | root/svc/web1    | false
            root/svc/a.b   | root/svc/axb     | false
            root/svc/a.b   | root/svc/a.b     | true
            root/svc/a+(b) | root/svc/a+(b)   | true
            root/svc/a\\d  | root/svc/a\\d    | true
            root/svc/WEB*  | root/svc/web1    | false
            root/svc/é*    | root/svc/é1      | true
            """)
    void shellStyleMatching(String glob, String fqn, boolean matches) {
        assertEquals(matches, GlobCompiler.compile(glob).matcher(fqn).matches());
    }

    @Test
    void globOfNormalisesThenCompiles() {
        Glob g = Glob.of("*dns");
        assertEquals("root/svc/*dns", g.normalised());
        assertTrue(g.matches("root/svc/mydns"));
        assertFalse(g.matches("ns1/svc/mydns"));
        assertFalse(g.matches("root/vol/mydns"));
    }
}
