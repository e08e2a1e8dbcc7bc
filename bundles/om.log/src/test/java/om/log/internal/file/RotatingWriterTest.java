package om.log.internal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingWriterTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    @TempDir
    Path dir;

    private static byte[] line(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sizeRotationKeepsNewestFirstAndDeletesBeyondKeep() throws Exception {
        Path f = dir.resolve("log/web1.log");
        RotatingWriter w = new RotatingWriter(Clock.system(ZONE));
        // 10-byte lines, 30-byte limit: 3 lines per file
        for (int i = 0; i < 18; i++) {
            w.append(f, line(String.format("line-%04d", i)), 30, 3);
        }
        assertEquals(List.of("line-0015", "line-0016", "line-0017"), Files.readAllLines(f));
        assertEquals(List.of("line-0012", "line-0013", "line-0014"), Files.readAllLines(LogFiles.rotated(f, 1)));
        assertEquals(List.of("line-0006", "line-0007", "line-0008"), Files.readAllLines(LogFiles.rotated(f, 3)));
        assertFalse(Files.exists(LogFiles.rotated(f, 4)));
        assertTrue(Files.exists(LogFiles.lock(f)));
    }

    /** Item 15 of issue 8: logs may hold secrets, so they are as private as the configs, after rotation too. */
    @Test
    void logsAndTheirFoldersArePrivateFromCreationAndAfterRotation() throws Exception {
        Path f = dir.resolve("log/ns1/svc/web1.log");
        Path legacy = dir.resolve("log/old.log");
        Files.createDirectories(legacy.getParent());
        Files.writeString(legacy, "written by an older version\n");
        Files.setPosixFilePermissions(legacy, PosixFilePermissions.fromString("rw-r--r--"));
        RotatingWriter w = new RotatingWriter(Clock.system(ZONE));
        for (int i = 0; i < 5; i++) {
            w.append(f, line(String.format("line-%04d", i)), 30, 3);
        }
        w.append(legacy, line("x".repeat(40)), 30, 3);
        for (Path p : List.of(f, LogFiles.rotated(f, 1), LogFiles.lock(f), legacy, LogFiles.rotated(legacy, 1))) {
            assertEquals("rw-------", mode(p), p.toString());
        }
        assertEquals("rwx------", mode(dir.resolve("log/ns1")));
        assertEquals("rwx------", mode(dir.resolve("log/ns1/svc")));
    }

    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aLineLargerThanTheLimitStillGoesInWhole() throws Exception {
        Path f = dir.resolve("big.log");
        RotatingWriter w = new RotatingWriter(Clock.system(ZONE));
        w.append(f, line("x".repeat(100)), 30, 5);
        w.append(f, line("y".repeat(100)), 30, 5);
        assertEquals(List.of("y".repeat(100)), Files.readAllLines(f));
        assertEquals(List.of("x".repeat(100)), Files.readAllLines(LogFiles.rotated(f, 1)));
    }

    @Test
    void firstWriteAfterLocalMidnightRotates() throws Exception {
        Path f = dir.resolve("node.log");
        ZonedDateTime evening = LocalDateTime.of(2025, 3, 9, 23, 59, 50).atZone(ZONE);
        RotatingWriter w = new RotatingWriter(Clock.fixed(evening.toInstant(), ZONE));
        w.append(f, line("a"), 1 << 20, 5);
        Files.setLastModifiedTime(f, FileTime.from(evening.toInstant()));
        w.append(f, line("b"), 1 << 20, 5);
        Files.setLastModifiedTime(f, FileTime.from(evening.toInstant()));
        assertEquals(List.of("a", "b"), Files.readAllLines(f));

        RotatingWriter after = new RotatingWriter(Clock.fixed(evening.plusSeconds(20).toInstant(), ZONE));
        after.append(f, line("c"), 1 << 20, 5);
        Files.setLastModifiedTime(f, FileTime.from(evening.plusSeconds(20).toInstant()));
        after.append(f, line("d"), 1 << 20, 5);
        assertEquals(List.of("c", "d"), Files.readAllLines(f));
        assertEquals(List.of("a", "b"), Files.readAllLines(LogFiles.rotated(f, 1)));
    }

    @Test
    void twoProcessesNeverInterleavePartialLines() throws Exception {
        Path f = dir.resolve("shared.log");
        int perWriter = 3000;
        List<Process> procs = new ArrayList<>();
        for (String tag : List.of("A", "B")) {
            procs.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), WriterProcess.class.getName(), f.toString(), tag,
                    Integer.toString(perWriter)).inheritIO().start());
        }
        // this JVM writes too, through another writer object, with the same small limit
        RotatingWriter w = new RotatingWriter(Clock.systemDefaultZone());
        for (int i = 0; i < perWriter; i++) {
            w.append(f, line(WriterProcess.line("C", i)), WriterProcess.MAX_SIZE, WriterProcess.KEEP);
        }
        for (Process p : procs) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        Set<String> seen = new HashSet<>();
        List<Path> files = new ArrayList<>(List.of(f));
        for (int i = 1; Files.exists(LogFiles.rotated(f, i)); i++) {
            files.add(LogFiles.rotated(f, i));
        }
        assertTrue(files.size() > 5, "the test must rotate several times, got " + files.size() + " files");
        for (Path p : files) {
            // the limit is checked before each append, so concurrent appenders may pass it by a few lines
            assertTrue(Files.size(p) <= WriterProcess.MAX_SIZE + 3 * 100, p + " is over the limit");
            for (String l : Files.readAllLines(p)) {
                assertTrue(WriterProcess.valid(l), "partial or mixed line in " + p + ": " + l);
                assertTrue(seen.add(l), "duplicate line " + l);
            }
        }
        assertEquals(3 * perWriter, seen.size(), "lines lost");
    }
}
