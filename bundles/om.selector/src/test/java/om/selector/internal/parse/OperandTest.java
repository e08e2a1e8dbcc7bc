package om.selector.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The comparison types a value parses as (selectors.md section 4.3). */
class OperandTest {
    @Test
    void numbers() {
        assertEquals(new BigDecimal("10"), Operand.number("10"));
        assertEquals(new BigDecimal("-1.5"), Operand.number("-1.5"));
        for (String s : new String[] {"", "-", "1.", ".5", "1.2.3", "1e3", "+1", " 1", "10s", "0x1"}) {
            assertNull(Operand.number(s), s);
        }
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(90), Operand.duration("1m30s"));
        assertEquals(Duration.ofSeconds(5), Operand.duration("5"));
        assertNull(Operand.duration("1.5"));
        assertNull(Operand.duration("5x"));
        assertNull(Operand.duration("99999999999999999999999"));
        assertNull(Operand.duration("99999999999999999w"));
    }

    @Test
    void booleans() {
        assertEquals(true, Operand.bool("YES"));
        assertEquals(false, Operand.bool("0"));
        assertNull(Operand.bool("maybe"));
    }

    @Test
    void ofReadsEveryType() {
        Operand o = Operand.of("1");
        assertEquals(BigDecimal.ONE, o.number());
        assertEquals(Duration.ofSeconds(1), o.duration());
        assertEquals(true, o.bool());
        assertEquals("1", o.text());
    }
}
