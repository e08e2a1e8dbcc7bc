package om.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuoteTest {
    @Test
    void controlsAreEscaped() {
        assertEquals("'a\\nb\\r\\tc'", Quote.of("a\nb\r\tc"));
        assertEquals("'\\x1b[31mred\\x1b[0m'", Quote.of("\u001b[31mred\u001b[0m"));
        assertEquals("'\\x00\\x07\\x7f\\x9b'", Quote.of("\u0000\u0007\u007f\u009b"));
        assertEquals("'abc\\u202efed'", Quote.of("abc\u202efed"));
        assertEquals("'caf\u00e9 \u65e5\u672c'", Quote.of("caf\u00e9 \u65e5\u672c"));
        assertEquals("null", Quote.escape(null));
    }

    @Test
    void plainTextIsReturnedAsIs() {
        String s = "web1,ns1/svc/*";
        assertSame(s, Quote.escape(s));
        assertEquals("'" + s + "'", Quote.of(s));
    }

    @Test
    void longInputIsShortenedWithItsLength() {
        String q = Quote.of("x".repeat(120 * 1024));
        assertEquals("'" + "x".repeat(Quote.MAX_QUOTED) + "...(122880 characters)'", q);
        assertEquals("x".repeat(Quote.MAX_QUOTED), Quote.of("x".repeat(Quote.MAX_QUOTED)).replace("'", ""));
        // escapes count in the length: a line of newlines stays bounded too
        assertTrue(Quote.line("\n".repeat(10_000), 100).length() < 130);
        // an escape is not cut in half
        assertEquals("a".repeat(79) + "...(80 characters)", Quote.line("a".repeat(79) + "\n", 80));
        // a surrogate pair is not cut in half
        assertEquals("\ud83d\ude00".repeat(40) + "...(120 characters)", Quote.line("\ud83d\ude00".repeat(60), 81));
        String pairs = "\ud83d\ude00".repeat(60);
        assertEquals(pairs.substring(0, 80) + "...(120 characters)", Quote.shorten(pairs, 81));
    }
}
