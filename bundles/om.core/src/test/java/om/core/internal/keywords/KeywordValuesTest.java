package om.core.internal.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import om.api.config.Keyword;
import om.api.config.KeywordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordValuesTest {
    private static final Keyword SCHEDULE = Keyword.of("status_schedule", KeywordType.SCHEDULE, "@10m", "doc");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "@10m", "@0", "04:00-06:00", "~00:00-06:00", "00:00-02:00@10m", "* fri", "* :last", "10", "@10",
        "'[\"@10m\", \"!12:00-14:00\"]'", "08:00-18:00@30m mon-fri", "* * 1-26 jan-mar", "* * * *%2+1",
        "23:00-01:00", "''"})
    void schedulesOfTheSpecConvert(String value) {
        assertNull(KeywordValues.check(SCHEDULE, value));
        assertNull(KeywordValues.problem(SCHEDULE, value));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "* fry | a schedule (unknown day 'fry')",
        "25:00 | a schedule (bad time '25:00')",
        "@x | a schedule (bad interval '@x')",
        "'[\"@10m\"' | a schedule (bad list '[\"@10m\"')"})
    void badSchedulesSayWhy(String value, String expected) {
        assertEquals(new KeywordValues.Problem(value, expected), KeywordValues.check(SCHEDULE, value));
        assertEquals(expected, KeywordValues.problem(SCHEDULE, value));
    }

    @Test
    void theDefaultSchedulesConvert() {
        for (Keyword k : DefaultKeywords.table()) {
            if (k.type() == KeywordType.SCHEDULE && k.defaultValue() != null) {
                assertNull(KeywordValues.problem(k, k.defaultValue()), k.name());
            }
        }
    }

    @Test
    void aListNamesTheWordThatIsNoCandidate() {
        Keyword k = new Keyword("actions", KeywordType.LIST, null, "doc", false, false, List.of(),
                List.of("start", "stop"));
        assertEquals(new KeywordValues.Problem("boot", "one of: start, stop"), KeywordValues.check(k, "start boot"));
        assertEquals(new KeywordValues.Problem("2x", "an integer"),
                KeywordValues.check(Keyword.of("n", KeywordType.INT, null, "doc"), "2x"));
    }
}
