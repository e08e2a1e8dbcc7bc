package om.selector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import java.util.Arrays;
import java.util.List;
import om.api.Cancellation;
import om.api.OmException;
import om.api.ObjectPath;
import om.api.select.SelectorException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Selector evaluation over the fixture: the examples and rules of selectors.md sections 1-7 and 9. */
class SelectorServiceTest {
    private FakeStore store;
    private SelectorService selector;

    @BeforeEach
    void setUp() {
        store = Fixture.store();
        selector = new SelectorService(store);
    }

    private List<String> sel(String s) {
        return selector.select(s).stream().map(ObjectPath::canonical).toList();
    }

    private static List<String> paths(String spaceSeparated) {
        return spaceSeparated == null || spaceSeparated.isBlank() ? List.of() : Arrays.asList(spaceSeparated.trim().split(" +"));
    }

    /** Each row: selector | expected canonical paths, space separated, in order. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # --- section 9, the manual's examples ---
            *                                  | broken ha1 ha2 ha3 ha4 iponly iptask mon1 mon2 mon3 mon4 mydns ns1/svc/ha6 ns1/svc/webdns ns2/svc/iptask2 ns3/svc/ghost refs
            ns1/svc/ha6,vol/ha5                | ns1/svc/ha6 vol/ha5
            ns1/svc/ha6,ns1/vol/wev1           | ns1/svc/ha6
            *dns,ha*+app.timeout>1             | ha1 ha4 mydns
            ip:+task:                          | iptask ns2/svc/iptask2
            !monitor_schedule+.monitor=true    | mon1 mon3
            # --- grammar: union, intersection, precedence, negation, dedup ---
            ha1,ha2                            | ha1 ha2
            ha*+!ha1                           | ha2 ha3 ha4
            ha1+ha2,mon1                       | mon1
            ha1,ha1,ha*                        | ha1 ha2 ha3 ha4
            mon4,ha2,ha1                       | ha1 ha2 mon4
            !!ha*+!!!ha1+ha*                   | 
            !!ha1+ha*                          | ha2 ha3 ha4
            nope,ha1                           | ha1
            nope+ha1                           | 
            # --- globs and their normalisation ---
            ha?                                | ha1 ha2 ha3 ha4
            ha[12]                             | ha1 ha2
            ha[!1]                             | ha2 ha3 ha4
            ha[2-3]                            | ha2 ha3
            ha[3-2]                            | 
            ha[                                | 
            zz*                                | 
            vol/*                              | vol/ha5
            */ha5                              | vol/ha5
            ns1/**                             | ns1/nscfg/namespace ns1/sec/s1 ns1/svc/ha6 ns1/svc/webdns
            **/ha*                             | ha1 ha2 ha3 ha4 ns1/svc/ha6 vol/ha5
            ns*/svc/*                          | ns1/svc/ha6 ns1/svc/webdns ns2/svc/iptask2 ns3/svc/ghost
            *1/*/*                             | ns1/nscfg/namespace ns1/sec/s1 ns1/svc/ha6 ns1/svc/webdns
            ns1//ha*                           | ns1/svc/ha6
            **/                                | ns1/nscfg/namespace
            root/ccfg/*                        | cluster
            # --- exact paths of every kind ---
            cluster                            | cluster
            ns1/                               | ns1/nscfg/namespace
            root/svc/ha1                       | ha1
            cfg/conf1                          | cfg/conf1
            broken                             | broken
            # a reserved word is not a path but has param syntax: a DEFAULT keyword test
            svc                                | 
            # --- bare keywords are existence tests ---
            monitor_schedule                   | mon2
            !monitor_schedule+mon*             | mon1 mon3 mon4
            app#1                              | ha1 ha2 mon2 mon3 mon4 ns1/svc/ha6 vol/ha5
            .monitor                           | mon1 mon2 mon3 mon4
            DEFAULT.app                        | ha3
            app#a.b.timeout                    | ha4
            # --- existence forms ---
            app:                               | ha1 ha2 ha4 mon2 mon3 mon4 ns1/svc/ha6 vol/ha5
            DEFAULT.app:                       | ha3
            app#1:                             | ha1 ha2 mon2 mon3 mon4 ns1/svc/ha6 vol/ha5
            fs#1:                              | mon1
            ip:                                | iponly iptask ns2/svc/iptask2
            monitor_schedule:                  | mon2
            nodes:                             | mydns
            .monitor:                          | mon1 mon2 mon3 mon4
            app.timeout:                       | ha1 ha2 ha4 ns1/svc/ha6 vol/ha5
            app#a.b.timeout:                   | ha4
            task.command:                      | iptask ns2/svc/iptask2
            env.foo:                           | iptask
            env.x:                             | refs
            lock_timeout:                      | ha3
            # --- numbers ---
            priority<30                        | ha1 ha2
            priority<=20                       | ha1 ha2
            priority<20                        | ha1
            priority>=20+priority<50           | ha2
            priority=10.0                      | ha1
            priority>-1+!priority>49           | ha1 ha2
            # --- durations ---
            app.timeout>1                      | ha1 ha4 ns1/svc/ha6 vol/ha5
            app.timeout>=1m30s                 | ha4
            app.timeout<1m                     | ha1 ha2 ns1/svc/ha6 vol/ha5
            app.timeout=10                     | ha1 ns1/svc/ha6 vol/ha5
            app.timeout=10s                    | ha1 ns1/svc/ha6 vol/ha5
            app#a.b.timeout=120                | ha4
            app#1.timeout<=1                   | ha2
            lock_timeout=5s                    | ha3
            # --- booleans ---
            .monitor=true                      | mon1 mon2 mon3
            .monitor=TRUE                      | mon1 mon2 mon3
            .monitor=yes                       | mon1 mon2 mon3
            .monitor>false                     | 
            .monitor<=true                     | 
            fs.monitor=1                       | mon1
            app#1.monitor=no                   | ha1 ha2 mon4 ns1/svc/ha6 vol/ha5
            # --- strings ---
            orchestrate=ha                     | ha3
            orchestrate=HA                     | 
            comment=hello world                | ha3
            comment=hello                      | 
            comment>hello                      | ha3
            comment<hello                      | mon4
            app=myapp                          | ha3
            app=default+ha*                    | ha1 ha2 ha4
            env.foo=bar                        | iptask
            # --- regex ---
            comment~wor                        | ha3
            comment~^wor                       | 
            comment~(?i)HELLO                  | ha3
            comment~a\\x2Bb                    | mon4
            app.timeout~^1                     | ha1 ha2 ns1/svc/ha6 vol/ha5
            app.timeout~^1$                    | ha2
            # --- list keywords ---
            nodes=n2                           | mydns
            nodes=n1 n2                        | mydns
            nodes~^n2$                         | mydns
            nodes>n1 a                         | mydns
            nodes>=n2                          | 
            monitor_action=crash               | mon2
            monitor_action=freezestop crash    | mon2
            .tags=db                           | ha2
            app.tags=web db                    | ha2
            app.tags~^web db$                  | ha2
            # --- references and defaults ---
            container.start_timeout=5          | refs
            container#1.start_timeout>4s       | refs
            priority=50+!ha*+!mon*+!i*         | cfg/conf1 cluster mydns ns1/nscfg/namespace ns1/sec/s1 ns1/svc/ha6 ns1/svc/webdns ns2/svc/iptask2 refs vol/ha5
            # --- negation and the universe: every kind, broken and not-installed configs ---
            !ip:                               | broken cfg/conf1 cluster ha1 ha2 ha3 ha4 mon1 mon2 mon3 mon4 mydns ns1/nscfg/namespace ns1/sec/s1 ns1/svc/ha6 ns1/svc/webdns ns3/svc/ghost refs vol/ha5
            !priority>0                        | broken ns3/svc/ghost
            !*                                 | cfg/conf1 cluster ns1/nscfg/namespace ns1/sec/s1 vol/ha5
            !nope+cfg/*                        | cfg/conf1
            !comment~.+!*                      | cfg/conf1 cluster ns1/nscfg/namespace ns1/sec/s1 vol/ha5
            """)
    void selects(String selector, String expected) {
        assertEquals(paths(expected), sel(selector));
    }

    @Test
    void starStarIsTheWholeUniverseSortedByCanonicalPath() {
        List<String> all = sel("**");
        assertEquals(store.list().stream().map(ObjectPath::canonical).sorted().toList(), all);
        assertEquals(22, all.size());
        assertEquals(List.of("broken", "cfg/conf1", "cluster"), all.subList(0, 3));
    }

    @Test
    void pathAndGlobSelectorsLoadNoConfig() {
        sel("**");
        sel("ha*,ns1/**,ha1,!vol/*+*");
        sel("nope,ha1");
        assertEquals(0, store.loads());
    }

    @Test
    void pathTermsRunBeforeFiltersSoOnlyTheirSurvivorsAreLoaded() {
        assertEquals(List.of("ha1", "ha4"), sel("app.timeout>1+ha*"));
        assertEquals(4, store.loads());
    }

    @Test
    void eachConfigIsLoadedOncePerSelection() {
        sel("app:,ip:,.monitor=true,!comment:");
        assertEquals(store.list().size(), store.loads());
    }

    @Test
    void singleMissingPathIsObjectNotFoundExit1() {
        OmException e = assertThrows(OmException.class, () -> selector.select("ns1/svc/nope"));
        assertEquals("ns1/svc/nope: object not found", e.getMessage());
        assertEquals(1, e.exitCode());
        assertEquals("web1: object not found",
                assertThrows(OmException.class, () -> selector.select("root/svc/web1")).getMessage());
        // a param that is also a valid path is a path
        assertEquals("nodes: object not found",
                assertThrows(OmException.class, () -> selector.select("nodes")).getMessage());
    }

    @Test
    void missingPathInsideAnExpressionIsAnEmptySet() {
        assertEquals(List.of(), sel("nope+nope"));
        assertEquals(sel("**"), sel("!nope"));
        assertEquals(sel("**"), sel("!!nope,nope"));
    }

    @Test
    void singleExistingPathIsReturned() {
        assertEquals(List.of(ObjectPath.parse("ns1/svc/ha6")), selector.select("ns1/svc/ha6"));
    }

    /** Each row: selector | message after {@code invalid selector '<sel>': }. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                 | empty term
            a,,b               | empty term
            a+                 | empty term
            +a                 | empty term
            ,a                 | empty term
            a,                 | empty term
            !                  | empty term
            !!!                | empty term
            ha1,!              | empty term
            ha1+!!,ha2         | empty term
            Web1               | invalid path 'Web1': uppercase letters are not allowed
            !Web1              | invalid path 'Web1': uppercase letters are not allowed
            ns1/foo/x          | invalid path 'ns1/foo/x': unknown kind 'foo'
            a/b/c/d            | invalid path 'a/b/c/d': too many parts
            ha1,ns1/svc/       | invalid path 'ns1/svc/': empty name
            web#1              | invalid path 'web#1': invalid character '#' in name
            DEFAULT            | invalid path 'DEFAULT': uppercase letters are not allowed
            =x                 | invalid keyword ''
            a!=b               | invalid keyword 'a!'
            Foo=1              | invalid keyword 'Foo'
            app#1=3            | invalid keyword 'app#1'
            foo#1:             | invalid keyword 'foo#1'
            app#:              | invalid keyword 'app#'
            app.Timeout=1      | invalid keyword 'app.Timeout'
            .=1                | invalid keyword '.'
            x.y=1              | invalid keyword 'x.y'
            ha*:               | invalid keyword 'ha*'
            ns1/svc/ha1:       | invalid keyword 'ns1/svc/ha1'
            timeout@n1=1       | invalid keyword 'timeout@n1'
            app:x              | ':' takes no value
            app.timeout::      | ':' takes no value
            comment~(          | bad regex '(': Unclosed group
            comment~[a         | bad regex '[a': Unclosed character class
            """)
    void malformedSelectorsAreExit2WithTheSpecMessage(String selectorText, String reason) {
        SelectorException e = assertThrows(SelectorException.class, () -> selector.select(selectorText));
        assertEquals("invalid selector '" + selectorText + "': " + reason, e.getMessage());
        assertEquals(2, e.exitCode());
    }

    @Test
    void nullSelectorIsAnEmptyTerm() {
        assertEquals("invalid selector '': empty term",
                assertThrows(SelectorException.class, () -> selector.select(null)).getMessage());
    }

    /** Issue 8 item 13: parsing was quadratic on a run of '[' (100,000 characters took 7.7 s). */
    @Test
    void aHundredThousandBracketsParseAtOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            assertEquals(List.of(), sel("[".repeat(100_000)));
            assertEquals(List.of(), sel("ha1+" + "[!".repeat(50_000)));
            SelectorException e = assertThrows(SelectorException.class,
                    () -> selector.select("comment~" + "[".repeat(100_000)));
            assertTrue(e.getMessage().length() < 300, e.getMessage());
        });
    }

    @Test
    void aPathologicalGlobOverALongNameIsPrompt() {
        store.add("a".repeat(40), "[DEFAULT]\n");
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertEquals(List.of(), sel("*a*a*a*a*a*a*a*a*a*a*a*a*b")));
        assertEquals(List.of("a".repeat(40)), sel("*a*a*a*a*a*a*a*a*a*a*a*a*"));
    }

    @Test
    void aBacktrackingRegexIsOneLineExit2() {
        store.add("slow", "[app#2]\nstart = " + "a".repeat(40) + "b\n");
        OmException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(OmException.class, () -> selector.select("app#2.start~(.*a){25}$")));
        assertEquals("regex '(.*a){25}$' took too long", e.getMessage());
        assertEquals(2, e.exitCode());
    }

    @Test
    void aCancelledSelectionStops() {
        Cancellation cancel = new Cancellation();
        cancel.cancel("client disconnected");
        Cancellation.CancelledException e = assertThrows(Cancellation.CancelledException.class,
                () -> selector.select("app:", cancel));
        assertEquals("client disconnected", e.getMessage());
        assertEquals(130, e.exitCode());
    }

    /** Issue 8 item 17: what an error echoes is escaped and shortened. */
    @Test
    void errorsEscapeControlCharactersAndShortenLongInput() {
        SelectorException nl = assertThrows(SelectorException.class, () -> selector.select("ha1,W\neb\u001b]0;t\u0007"));
        assertEquals("invalid selector 'ha1,W\\neb\\x1b]0;t\\x07': invalid path 'W\\neb\\x1b]0;t\\x07': "
                + "uppercase letters are not allowed", nl.getMessage());
        String huge = "Web" + "x".repeat(120_000);
        SelectorException big = assertThrows(SelectorException.class, () -> selector.select(huge));
        assertTrue(big.getMessage().length() < 400, big.getMessage());
        assertTrue(big.getMessage().contains("...(120003 characters)"), big.getMessage());
        SelectorException re = assertThrows(SelectorException.class,
                () -> selector.select("comment~(\r" + "y".repeat(1000)));
        assertFalse(re.getMessage().contains("\r"), re.getMessage());
        assertFalse(re.getMessage().contains("\n"), re.getMessage());
        assertTrue(re.getMessage().length() < 400, re.getMessage());
    }
}
