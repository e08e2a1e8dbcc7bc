package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import org.junit.jupiter.api.Test;

class PrintConfigVerbTest {
    private final Fakes.Store store = new Fakes.Store("a1", "a2", "a3");
    private final OmCommandRunner runner = new OmCommandRunner(Fakes.services("n1", store, null, null));

    PrintConfigVerbTest() {
        store.loadable = true;
        store.unreadable.add("a2");
    }

    @Test
    void aBrokenObjectOfASelectionIsOneEscapedLineAndTheOthersPrint() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "a1,a2,a3", "print", "config"));
        assertEquals("error: /nonexistent/etc/a2.conf:1: malformed line, expected 'key = value': \\x1b[2J\n",
                c.err());
        assertTrue(c.out().startsWith("# a1\n"), c.out());
        assertTrue(c.out().contains("# a3\n"), c.out());
    }

    @Test
    void inJsonTheOthersAreKeysOfTheDocument() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "a1,a2,a3", "print", "config", "--format", "json"));
        assertTrue(c.err().startsWith("error: /nonexistent/etc/a2.conf:1: "), c.err());
        assertTrue(c.out().contains("\"a1\"") && c.out().contains("\"a3\"") && !c.out().contains("\"a2\""),
                c.out());
    }

    @Test
    void aSingleBrokenObjectIsAnError() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "a2", "print", "config"));
        assertTrue(c.err().startsWith("error: /nonexistent/etc/a2.conf:1: "), c.err());
        assertEquals("", c.out());
    }
}
