package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The real bin/om against the shell's per-verb options through the daemon (issue 8 items 2, 7, 12, 17): what a verb
 * does not declare is refused before anything happens, a selection is changed object by object, and a client
 * meant for another node is turned away.
 */
@ResourceLock(Serial.HOST)
class VerbOptionsE2EIT {
    private Dist dist;

    @BeforeEach
    void setUp() throws Exception {
        dist = new Dist(Dist.newRoot("verbs"), "vo1");
        for (String name : new String[] {"a1", "a2", "a3"}) {
            dist.writeConf(name, "[DEFAULT]\nnodes = vo1\n\n[app#0]\nstart = /bin/true\nstop = /bin/true\n"
                    + "check = /bin/true\n");
        }
        dist.startDaemon();
    }

    @AfterEach
    void tearDown() throws Exception {
        dist.stopDaemon();
    }

    @Test
    void undeclaredOptionsAreRefusedBeforeActing() throws Exception {
        Dist.Result r = dist.om("a1", "delete", "--rid", "app#0");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: unknown option '--rid' for 'delete'\n", r.err());
        assertTrue(Files.exists(dist.root.resolve("etc/a1.conf")), "a1 not deleted");

        r = dist.om("a1", "start", "--rid", ",");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: invalid value ',' for --rid: expected a comma-separated list without empty items\n",
                r.err());
        r = dist.om("a1", "--time", "bogus", "start");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: invalid value 'bogus' for --time"), r.toString());
        r = dist.om("a1", "--node", "n2", "start");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: unknown option '--node' for 'start'\n", r.err());
        r = dist.om("a1", "logs", "--since", "bogus");
        assertEquals(2, r.exit(), r.toString());
        r = dist.om("ls", "--watch");
        assertEquals("error: unknown option '--watch' for 'ls'\n", r.err());

        r = dist.om();
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("usage: om [<selector>] <verb> [options]"), r.toString());

        r = dist.om("print", "status", "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("usage: om <selector> print status [--refresh] [--format json|flat_json]"),
                r.toString());
    }

    @Test
    void errorLinesDoNotEchoRawInput() throws Exception {
        Dist.Result r = dist.om("a\u001b[2Jb\nc", "delete");
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains("a\\x1b[2Jb\\nc"), r.toString());
        r = dist.om("x".repeat(120 * 1024), "delete");
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().length() < 600, r.toString());
    }

    @Test
    void aSelectionIsChangedObjectByObject() throws Exception {
        // a2's file has an error already: its change fails, a1 and a3 are still changed
        dist.writeConf("a2", "[DEFAULT]\nnodes = vo1\nbogus_keyword = 1\n");
        Dist.Result r = dist.om("a1,a2,a3", "set", "--kw", "env.k=v");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("error: a2: "), r.toString());
        assertTrue(Files.readString(dist.root.resolve("etc/a1.conf")).contains("k = v"));
        assertTrue(Files.readString(dist.root.resolve("etc/a3.conf")).contains("k = v"));
    }

    @Test
    void aClientForAnotherNodeIsRefused() throws Exception {
        Dist other = new Dist(dist.home, dist.root, "vo2");
        Dist.Result r = other.om("a1", "delete");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("error: OM_NODENAME is 'vo2' but this daemon is node 'vo1'\n", r.err());
        assertTrue(Files.exists(dist.root.resolve("etc/a1.conf")), "a1 not deleted");
        assertEquals(0, dist.om("a1", "print", "config").exit());
    }
}
