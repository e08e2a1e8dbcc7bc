package om.selector.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import om.api.Kind;
import om.api.ObjectPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammar and classification of selectors.md sections 1-2 and the params of section 4.1. */
class SelectorParserTest {

    private static Atom atom(String selector) {
        Or or = SelectorParser.parse(selector);
        assertEquals(1, or.ands().size());
        assertEquals(1, or.ands().get(0).terms().size());
        return or.ands().get(0).terms().get(0).atom();
    }

    @Test
    void commaSplitsFirstThenPlus() {
        Or or = SelectorParser.parse("a+b,c");
        assertEquals(2, or.ands().size());
        assertEquals(2, or.ands().get(0).terms().size());
        assertEquals(1, or.ands().get(1).terms().size());
        assertEquals("a+b,c", or.toString());
        assertEquals("a+b,c", or.text());
    }

    @Test
    void leadingBangsCollapseToOneNegation() {
        for (String s : List.of("!a", "!!a", "!!!a", "!!!!a")) {
            Term t = SelectorParser.parse(s).ands().get(0).terms().get(0);
            assertTrue(t.negated(), s);
            assertEquals(new ExactPath(ObjectPath.parse("a")), t.atom());
        }
        assertFalse(SelectorParser.parse("a").ands().get(0).terms().get(0).negated());
    }

    @Test
    void bangInsideATermIsNotNegation() {
        Term t = SelectorParser.parse("ha[!1]").ands().get(0).terms().get(0);
        assertFalse(t.negated());
        assertInstanceOf(Glob.class, t.atom());
    }

    /** Each row: term | param | operator | value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a<=b        | a    | <= | b
            a>=b        | a    | >= | b
            a<b         | a    | <  | b
            a>b         | a    | >  | b
            a=b         | a    | =  | b
            a~b         | a    | ~  | b
            a:          | a    | :  | ""
            a=<b        | a    | =  | <b
            a=>b        | a    | =  | >b
            a<b=c       | a    | <  | b=c
            a~x:y       | a    | ~  | x:y
            a~^x*[y]?$  | a    | ~  | ^x*[y]?$
            a= b        | a    | =  | " b"
            a=          | a    | =  | ""
            a==         | a    | =  | =
            """)
    void operatorAtTheEarliestPositionTwoCharactersWinning(String term, String param, String op, String value) {
        Filter f = assertInstanceOf(Filter.class, atom(term));
        assertEquals(param, f.param().text());
        assertEquals(op, f.op().symbol());
        assertEquals(value, f.value());
    }

    @Test
    void filterWinsOverGlobAndGlobOverPath() {
        assertInstanceOf(Filter.class, atom("app.timeout~1*"));
        assertInstanceOf(Glob.class, atom("**/x"));
        assertInstanceOf(Glob.class, atom("ns/**"));
        assertInstanceOf(Glob.class, atom("web?"));
        assertInstanceOf(Glob.class, atom("web["));
        assertEquals(new ExactPath(new ObjectPath("ns1", Kind.SVC, "web1")), atom("ns1/svc/web1"));
        assertEquals(new ExactPath(new ObjectPath("root", Kind.CCFG, "cluster")), atom("cluster"));
        assertEquals(new ExactPath(new ObjectPath("ns1", Kind.NSCFG, "namespace")), atom("ns1/"));
    }

    @Test
    void paramSyntaxThatIsAlsoAPathIsAPath() {
        assertInstanceOf(ExactPath.class, atom("nodes"));
        assertInstanceOf(ExactPath.class, atom("app"));
        // a dotted name is a valid path too
        assertInstanceOf(ExactPath.class, atom("app.timeout"));
    }

    @Test
    void paramSyntaxThatIsNotAPathIsAnExistenceKeyword() {
        assertEquals(Param.Scope.HEADER, assertInstanceOf(BareKeyword.class, atom("monitor_schedule")).param().scope());
        assertEquals(Param.Scope.RID_ONLY, assertInstanceOf(BareKeyword.class, atom("app#1")).param().scope());
        assertEquals(Param.Scope.ALL_RESOURCES, assertInstanceOf(BareKeyword.class, atom(".monitor")).param().scope());
        assertEquals(Param.Scope.DEFAULT, assertInstanceOf(BareKeyword.class, atom("DEFAULT.nodes")).param().scope());
        assertEquals(Param.Scope.RID, assertInstanceOf(BareKeyword.class, atom("app#1.timeout")).param().scope());
    }

    /** Each row: param | scope | section | key ("" = null). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            timeout             | HEADER        | DEFAULT  | timeout
            ip                  | HEADER        | DEFAULT  | ip
            DEFAULT.nodes       | DEFAULT       | DEFAULT  | nodes
            env.my_var1         | ENV           | env      | my_var1
            app.timeout         | GROUP         | app      | timeout
            .monitor            | ALL_RESOURCES | ""       | monitor
            app#1.timeout       | RID           | app#1    | timeout
            fs#data.mnt         | RID           | fs#data  | mnt
            app#a.b.timeout     | RID           | app#a.b  | timeout
            app#A_b-c.d.x       | RID           | app#A_b-c.d | x
            app#1               | RID_ONLY      | app#1    |
            task#backup.x.y     | RID           | task#backup.x | y
            """)
    void paramsSplitOnTheLastDot(String text, Param.Scope scope, String section, String key) {
        Param p = Param.parse(text);
        assertEquals(scope, p.scope());
        assertEquals(section, p.section());
        assertEquals(key, p.key());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""
            Timeout
            time-out
            time out
            a.b
            DEFAULT.
            .
            app#1.
            app#.x
            #1.x
            foo#1.x
            foo#1
            app#1@n1.x
            app#1.x@n1
            default.x
            Env.x
            subset#app:g.parallel
            app#1/2.x
            """)
    void malformedParamsAreRejected(String text) {
        assertNull(Param.parse(text), text);
    }

    @Test
    void regexIsCompiledOnceAtParse() {
        Filter f = assertInstanceOf(Filter.class, atom("comment~a\\x2Bb"));
        assertTrue(f.regex().matcher("xa+by").find());
        assertNull(assertInstanceOf(Filter.class, atom("comment=a")).regex());
    }

    @Test
    void singlePathOnlyForOneUnnegatedPathTerm() {
        assertEquals(ObjectPath.parse("web1"), SelectorParser.parse("web1").singlePath().orElseThrow());
        assertTrue(SelectorParser.parse("!web1").singlePath().isEmpty());
        assertTrue(SelectorParser.parse("web1,web2").singlePath().isEmpty());
        assertTrue(SelectorParser.parse("web1+web1").singlePath().isEmpty());
        assertTrue(SelectorParser.parse("web*").singlePath().isEmpty());
        assertTrue(SelectorParser.parse("monitor_schedule").singlePath().isEmpty());
    }

    @Test
    void needsConfigOnlyWithFiltersOrKeywords() {
        assertFalse(SelectorParser.parse("a,b*+!ns1/svc/x").needsConfig());
        assertTrue(SelectorParser.parse("a,b*+!x:").needsConfig());
        assertTrue(SelectorParser.parse("a,monitor_schedule").needsConfig());
    }
}
