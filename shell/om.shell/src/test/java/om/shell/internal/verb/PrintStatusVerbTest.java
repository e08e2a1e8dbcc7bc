package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import om.api.ObjectPath;
import om.api.OmException;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import om.api.status.StatusService;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import org.junit.jupiter.api.Test;

class PrintStatusVerbTest {
    private final Fakes.Store store = new Fakes.Store("a1", "a2", "a3");
    private final java.util.List<String> refreshed = new java.util.ArrayList<>();
    private final StatusService status = new StatusService() {
        @Override
        public InstanceStatus get(ObjectPath path) {
            if (path.canonical().equals("a2")) {
                throw new OmException("a2.conf:3: bad\u001b[2J value");
            }
            return Fakes.status(path.canonical(), Status.UP);
        }

        @Override
        public InstanceStatus refresh(ObjectPath path) {
            refreshed.add(path.canonical());
            return get(path);
        }
    };
    private final OmCommandRunner runner = new OmCommandRunner(Fakes.services("n1", store, null, null, status));

    @Test
    void aBrokenObjectOfASelectionIsOneEscapedLineAndTheOthersPrint() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "a1,a2,a3", "print", "status"));
        assertEquals("error: a2.conf:3: bad\\x1b[2J value\n", c.err());
        assertTrue(c.out().startsWith("a1\n"), c.out());
        assertTrue(c.out().contains("\na3\n"), c.out());
    }

    @Test
    void jsonOfOneObjectAndRefresh() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, c, "a1", "print", "status", "--format", "json"));
        assertTrue(c.out().contains("\"avail\" : \"up\""), c.out());
        assertTrue(refreshed.isEmpty());
        assertEquals(0, Fakes.run(runner, new Fakes.Call(), "a1,a3", "print", "status", "--refresh"));
        assertEquals(java.util.List.of("a1", "a3"), refreshed);
    }
}
