package om.selector.internal.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import om.selector.internal.parse.Filter;
import om.selector.internal.parse.Or;
import om.selector.internal.parse.SelectorParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typed comparison of one value (selectors.md section 4.3): the first type both sides parse as decides. */
class ValueMatcherTest {

    private static Filter filter(String text) {
        Or or = SelectorParser.parse(text);
        return (Filter) or.ands().get(0).terms().get(0).atom();
    }

    /** Each row: filter | actual value | list keyword | matches. */
    @ParameterizedTest(name = "{0} on ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            k>1         | 10s        | false | true
            k>1         | 1          | false | false
            k>=1        | 1          | false | true
            k<=1        | 1          | false | true
            k<2         | 10         | false | false
            k=1.0       | 1          | false | true
            k>9         | 10         | false | true
            k<-1        | -2         | false | true
            k>1.5       | 10s        | false | true
            k=1m        | 60         | false | true
            k=1m        | 1m0s       | false | true
            k<1h        | 59m        | false | true
            k=true      | yes        | false | true
            k=true      | 1          | false | true
            k=1         | true       | false | true
            k=no        | False      | false | true
            k=no        | true       | false | false
            k>false     | true       | false | false
            k<true      | false      | false | false
            k>=true     | true       | false | false
            k=abc       | abc        | false | true
            k=abc       | ABC        | false | false
            k>abc       | abd        | false | true
            k<abc       | ab         | false | true
            k>10        | 9a         | false | true
            k=          | ""         | false | true
            k~b         | abc        | false | true
            k~^b        | abc        | false | false
            k~(?i)B     | abc        | false | true
            k=b         | a b c      | true  | true
            k=a b c     | " a   b c" | true  | true
            k=b         | a b c      | false | false
            k~^b$       | a b c      | true  | true
            k>=b        | a b c      | true  | false
            k<b         | a b c      | true  | true
            k=a         | a          | true  | true
            k=x         | a b c      | true  | false
            """)
    void compares(String filter, String actual, boolean list, boolean expected) {
        assertEquals(expected, ValueMatcher.matches(filter(filter), actual, list, Bounds.defaults()));
    }
}
