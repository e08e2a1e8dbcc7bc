package om.daemon.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import om.api.Installation;
import om.api.ObjectPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stamp scan: what it asks the pool for, and what an idle pass leaves unread. */
class LocalObjectsTest {
    @TempDir
    Path root;

    private final LinkedBlockingQueue<Integer> asked = new LinkedBlockingQueue<>();
    private final Evaluations pool = new Evaluations(1, "test-eval", (p, what) -> asked.add(what));

    @AfterEach
    void stop() {
        pool.stop();
    }

    private Integer next() throws InterruptedException {
        return asked.poll(300, TimeUnit.MILLISECONDS);
    }

    /** What the monitor thread does with a worker's result: the entry records what the files were. */
    private static void read(LocalObjects.Entry e, ObjectFacts facts) {
        e.facts = facts;
        e.loadAsked = false;
        e.configStamp = Stamp.of(e.configFile);
        e.instanceRead(new Evaluator.Result(e.path, null, null, null, null, Stamp.of(e.varDir.resolve(Monitor.STATUS)),
                Stamp.of(e.varDir.resolve(Monitor.FROZEN)), Stamp.of(e.varDir.resolve(Monitor.LOCAL_EXPECT)), null,
                false, null));
    }

    private static void writeAtomically(Path f, String text) throws Exception {
        Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anIdleScanTrustsAnOldInstanceFolderAndFollowsEveryWriteInIt() throws Exception {
        Installation inst = Fakes.installation(root, "n1");
        Fakes.Store store = new Fakes.Store(inst);
        store.put("web", "nodes", "n1");
        ObjectPath web = ObjectPath.parse("web");
        Path var = inst.varDir(web);
        Files.createDirectories(var);
        writeAtomically(var.resolve(Monitor.STATUS), "up");
        LocalObjects objects = new LocalObjects(inst, store, pool, Clock.systemUTC());
        pool.start();

        assertEquals(List.of(), objects.scan(store.list()));
        assertEquals(Evaluations.LOAD | Evaluations.REFRESH, next(), "a new object: its config, then its status evaluated");
        LocalObjects.Entry e = objects.get(web);
        read(e, ObjectFacts.of(store.load(web).orElseThrow(), "n1"));
        objects.scan(store.list());
        assertNull(next(), "nothing changed");

        // a folder last written an hour ago is trusted: its files are not compared
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(var, old);
        objects.scan(store.list());
        assertNull(next());
        Files.writeString(var.resolve(Monitor.STATUS), "down");   // in place, no rename: invisible to the folder
        Files.setLastModifiedTime(var, old);
        objects.scan(store.list());
        assertNull(next(), "the files of an unchanged folder are not read");

        // every real write renames or removes: the folder moves
        writeAtomically(var.resolve(Monitor.STATUS), "up again");
        objects.scan(store.list());
        assertEquals(Evaluations.READ, next());
        read(e, e.facts);
        writeAtomically(var.resolve(Monitor.FROZEN), "now");
        objects.scan(store.list());
        assertEquals(Evaluations.READ, next(), "an instance freeze");
        read(e, e.facts);
        Files.delete(var.resolve(Monitor.FROZEN));
        objects.scan(store.list());
        assertEquals(Evaluations.READ, next(), "an instance thaw");
        read(e, e.facts);

        // a config edit in place is seen (the config file is stamped at every pass)
        Files.writeString(inst.configFile(web), "[DEFAULT]\nnodes = n1\ntopology = flex\n");
        objects.scan(store.list());
        assertEquals(Evaluations.LOAD | Evaluations.READ, next());
    }

    @Test
    void aDeletedConfigRemovesItsEntry() throws Exception {
        Installation inst = Fakes.installation(root, "n1");
        Fakes.Store store = new Fakes.Store(inst);
        store.put("a", "nodes", "n1");
        store.put("b", "nodes", "n1");
        LocalObjects objects = new LocalObjects(inst, store, pool, Clock.systemUTC());
        objects.scan(store.list());
        assertEquals(2, objects.size());
        Files.delete(inst.configFile(ObjectPath.parse("a")));
        List<LocalObjects.Entry> gone = objects.scan(store.list());
        assertEquals(List.of("a"), gone.stream().map(g -> g.key).toList());
        assertEquals(1, objects.size());
        assertNull(objects.get("a"));
    }
}
