package om.selector.internal.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Optional;
import om.api.ObjectPath;
import om.selector.internal.parse.SelectorParser;
import org.junit.jupiter.api.Test;

/** Ordering, deduplication and the universe, independent of any store. */
class EvaluatorTest {
    private static ObjectPath p(String s) {
        return ObjectPath.parse(s);
    }

    @Test
    void unsortedOrDuplicatedUniverseIsSortedByCanonicalPathAndDeduplicated() {
        List<ObjectPath> universe = List.of(p("vol/b"), p("ns1/svc/a"), p("b"), p("a"), p("b"), p("cfg/z"));
        List<ObjectPath> out = new Evaluator(x -> Optional.empty()).select(SelectorParser.parse("**"), universe);
        assertEquals(List.of(p("a"), p("b"), p("cfg/z"), p("ns1/svc/a"), p("vol/b")), out);
    }

    @Test
    void sortedUniverseIsUsedAsIs() {
        List<ObjectPath> universe = List.of(p("a"), p("b"));
        assertSame(universe, Evaluator.sortedUnique(universe));
    }

    @Test
    void canonicalNotFqnOrder() {
        // by FQN root/cfg/aa would come first; by canonical form "ab" < "cfg/aa" < "zz"
        List<ObjectPath> universe = List.of(p("zz"), p("cfg/aa"), p("ab"));
        List<ObjectPath> out = new Evaluator(x -> Optional.empty()).select(SelectorParser.parse("**"), universe);
        assertEquals(List.of(p("ab"), p("cfg/aa"), p("zz")), out);
    }

    @Test
    void filtersNeverMatchWithoutConfigButNegationDoes() {
        List<ObjectPath> universe = List.of(p("a"), p("b"));
        Evaluator e = new Evaluator(x -> Optional.empty());
        assertEquals(List.of(), e.select(SelectorParser.parse("priority>0,app:,monitor_schedule"), universe));
        assertEquals(universe, e.select(SelectorParser.parse("!priority>0"), universe));
    }
}
