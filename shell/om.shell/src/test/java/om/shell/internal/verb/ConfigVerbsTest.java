package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import org.junit.jupiter.api.Test;

class ConfigVerbsTest {
    private final Fakes.Store store = new Fakes.Store("a1", "a2", "a3");
    private final OmCommandRunner runner = new OmCommandRunner(Fakes.services(store));

    @Test
    void setOnASelectionReportsEachFailedObjectAndChangesTheOthers() {
        store.failing.add("a2");
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "a1,a2,a3", "set", "--kw", "env.k=v"));
        assertEquals(List.of("a1", "a3"), List.copyOf(store.changed.keySet()));
        assertEquals("error: a2: invalid configuration after the change\n", c.err());
    }

    @Test
    void unsetAndDeleteToo() {
        store.failing.add("a1");
        store.failing.add("a3");
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "**", "unset", "--kw", "env.k"));
        assertEquals(List.of("a2"), List.copyOf(store.changed.keySet()));
        assertEquals(2, c.err().lines().count(), c.err());
        Fakes.Call d = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, d, "**", "delete"));
        assertEquals(List.of("a2"), store.deleted);
        assertEquals("error: a1: invalid configuration after the change\n"
                + "error: a3: invalid configuration after the change\n", d.err());
    }

    @Test
    void aSingleObjectFailsAsTheCommand() {
        store.failing.add("a1");
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "a1", "delete"));
        assertEquals("error: a1: invalid configuration after the change\n", c.err());
        Fakes.Call ok = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, ok, "a2,a3", "set", "--kw", "k=v", "--kw", "app#1.start=/bin/true"));
        assertEquals(2, store.changed.get("a3").size());
    }

    @Test
    void setNeedsAKeywordAndAValidOne() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, c, "a1", "set"));
        assertEquals("error: set needs at least one --kw\n", c.err());
        Fakes.Call d = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, d, "a1", "set", "--kw", "bad key\n=1"));
        assertEquals("error: invalid --kw 'bad key\\n=1': expected [<section>.]<key>[@<scope>]=<value>\n", d.err());
        assertEquals(0, store.changed.size());
    }
}
