package om.selector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import om.api.OmException;
import om.api.ObjectPath;
import org.junit.jupiter.api.Test;

/** Random selectors never raise anything but operator errors (OmException, SelectorException). */
class SelectorFuzzTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzADEFLTUZ0123456789"
            + "*?[]!,+.#:<>=~/_-@ ^$(){}\\|é";
    private static final String[] WORDS = {"app", "ip", "task", "fs", "DEFAULT", "env", "nodes", "timeout",
        "monitor", "app#1", "ha", "ns1", "svc", "vol", "cfg", "**", "1m", "true"};

    @Test
    void tenThousandRandomSelectors() {
        Random random = new Random(20260501L);
        SelectorService selector = new SelectorService(Fixture.store());
        int errors = 0;
        for (int i = 0; i < 10_000; i++) {
            String s = randomSelector(random);
            try {
                List<ObjectPath> out = selector.select(s);
                assertEquals(out.stream().distinct().sorted().toList(), out, s);
            } catch (OmException e) {
                errors++;
                if (e.getMessage().contains("\n")) {
                    fail("multi-line error for '" + s + "': " + e.getMessage());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("selector '" + s + "' raised " + e, e);
            }
        }
        // the generator must exercise both outcomes, or the test proves nothing
        if (errors == 0 || errors == 10_000) {
            fail("degenerate fuzz corpus: " + errors + " errors");
        }
    }

    private static String randomSelector(Random r) {
        StringBuilder b = new StringBuilder();
        int len = r.nextInt(24);
        while (b.length() < len) {
            if (r.nextInt(4) == 0) {
                b.append(WORDS[r.nextInt(WORDS.length)]);
            } else {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }
}
