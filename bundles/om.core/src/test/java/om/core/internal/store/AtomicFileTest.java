package om.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import om.api.io.AtomicFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one atomic write of every bundle (om.api.io.AtomicFile), tested here where its main user lives. */
class AtomicFileTest {
    @TempDir
    Path dir;

    private List<String> names(Path d) throws Exception {
        try (var l = Files.list(d)) {
            return l.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesWithMode0600ByDefaultAndCreatesParents() throws Exception {
        Path f = dir.resolve("a/b/status.json");
        AtomicFile.write(f, "one");
        assertEquals("one", Files.readString(f));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFile.write(f, "two");
        assertEquals("two", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
                "the mode is the rule's, not the old file's");
        AtomicFile.write(f, "three".getBytes(), AtomicFile.PUBLIC);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(List.of("status.json"), names(f.getParent()));
    }

    @Test
    void concurrentWritersOfOneTargetNeverCollide() throws Exception {
        Path f = dir.resolve("x.conf");
        Set<String> errors = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String text = "writer " + i;
            Thread t = new Thread(() -> {
                for (int k = 0; k < 50; k++) {
                    try {
                        AtomicFile.write(f, text);
                    } catch (Exception e) {
                        errors.add(e.toString());
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(Set.of(), errors);
        assertTrue(Files.readString(f).startsWith("writer "));
        assertEquals(List.of("x.conf"), names(dir), "no temporary left, none of a live writer removed");
    }

    @Test
    void temporariesAreRecognisedAndOnlyDeadOnesSwept() throws Exception {
        assertTrue(AtomicFile.isTemporary(".web.conf.123.4.tmp"));
        assertFalse(AtomicFile.isTemporary("web.conf"));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(dir.resolve(".a.json." + dead.pid() + ".1.tmp"), "");
        Files.writeString(dir.resolve(".b.json." + ProcessHandle.current().pid() + ".1.tmp"), "");
        Files.writeString(dir.resolve(".notes.tmp"), "");
        assertEquals(1, AtomicFile.cleanStaleIn(dir));
        assertEquals(List.of(".b.json." + ProcessHandle.current().pid() + ".1.tmp", ".notes.tmp"), names(dir));
    }
}
