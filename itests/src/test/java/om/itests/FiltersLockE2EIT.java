package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Resource filters (--rid, --tags, --subsets, their intersection, the empty match) through a daemon, and the
 * per-object lock between two embedded bin/om processes.
 */
@ResourceLock(Serial.HOST)
class FiltersLockE2EIT {
    private static final Cleanup CLEANUP = new Cleanup();
    private static Dist dist;
    private static Path mnt;

    @BeforeAll
    static void objects() throws Exception {
        dist = new Dist(Dist.newRoot("flt"), "flt1");
        mnt = Host.scratch("flt").resolve("m");
        CLEANUP.mountsUnder(mnt.getParent());
        dist.writeConf("flt", "[DEFAULT]\nnodes = flt1\n\n"
                + "[app#a]\nstart = /bin/true\nstop = /bin/true\ntags = a b\n\n"
                + "[app#b]\nstart = /bin/true\nstop = /bin/true\ntags = a\nsubset = s1\n\n"
                + "[app#c]\nstart = /bin/true\nstop = /bin/true\ntags = c\nsubset = s2\n\n"
                + "[app#d]\nstart = /bin/true\nstop = /bin/true\nsubset = s1\n\n"
                + "[fs#0]\ntype = tmpfs\ndev = tmpfs\nmnt = " + mnt + "\ntags = c\n");
        dist.startDaemon();
        CLEANUP.daemon(dist);
    }

    @AfterAll
    static void clean() throws Exception {
        dist.stopDaemon();
        CLEANUP.run();
    }

    private static final Pattern RID = Pattern.compile("^flt1\\.flt\\.(\\S+#\\S+)\\s");

    /** The rids the action touched, in the order they first appear in the action log on the console. */
    private static List<String> acted(String... filter) throws Exception {
        String[] args = new String[3 + filter.length];
        args[0] = "flt";
        args[1] = "start";
        args[2] = "--local";
        System.arraycopy(filter, 0, args, 3, filter.length);
        Dist.Result r = dist.om(args);
        assertEquals(0, r.exit(), List.of(filter) + "\n" + r);
        Set<String> rids = new LinkedHashSet<>();
        for (String line : (r.out() + r.err()).lines().toList()) {
            Matcher m = RID.matcher(line);
            if (m.find()) {
                rids.add(m.group(1));
            }
        }
        return List.copyOf(rids);
    }

    @Test
    void ridTakesRidsGroupsGlobsAndMixes() throws Exception {
        assertEquals(List.of("app#a"), acted("--rid", "app#a"));
        assertEquals(List.of("fs#0"), acted("--rid", "fs"));
        assertEquals(List.of("fs#0", "app#a"), acted("--rid", "app#a,fs"));
        // inside a group: resources without a subset, then by subset, then by rid (orchestration.md 9)
        assertEquals(List.of("app#a", "app#b", "app#d", "app#c"), acted("--rid", "app#*"));
        assertEquals(List.of("app#b", "app#c"), acted("--rid", "app#b,app#c"));
    }

    @Test
    void tagsAndBindsTighterThanOr() throws Exception {
        assertEquals(List.of("fs#0", "app#a", "app#c"), acted("--tags", "a+b,c"));
        assertEquals(List.of("app#a", "app#b"), acted("--tags", "a"));
    }

    @Test
    void subsets() throws Exception {
        assertEquals(List.of("app#b", "app#d"), acted("--subsets", "s1"));
        assertEquals(List.of("app#b", "app#d", "app#c"), acted("--subsets", "s1,s2"));
    }

    @Test
    void filtersIntersect() throws Exception {
        assertEquals(List.of("app#c"), acted("--rid", "app", "--tags", "c"));
        assertEquals(List.of("app#b"), acted("--subsets", "s1", "--tags", "a"));
        assertEquals(List.of("app#c"), acted("--rid", "app#b,app#c", "--subsets", "s2"));
    }

    @Test
    void emptyMatchIsAnErrorLine() throws Exception {
        Dist.Result r = dist.om("flt", "start", "--local", "--rid", "fs", "--tags", "a");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("error: no resource match the given --rid, --subsets and --tags specifiers\n", r.err());
        r = dist.om("flt", "stop", "--local", "--rid", "nope#1");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("error: no resource match the given --rid, --subsets and --tags specifiers\n", r.err());
    }

    @Test
    void aSecondActionTimesOutOnTheLockNamingTheHolder() throws Exception {
        Dist lk = new Dist(Dist.newRoot("lk"), "lk1"); // no daemon: two embedded processes
        // 6 s rather than 3: the second process starts only once the first holds the lock, and its own JVM start
        // (about 3 s on a busy 2-core machine) plus --waitlock 1s must end before the first releases it
        lk.writeConf("lk", "[DEFAULT]\nnodes = lk1\n\n[app#0]\nstart = /bin/sleep 6\nstop = /bin/true\n");
        Path out1 = lk.root.resolve("first.out");
        Process first = lk.spawnOm(out1, "lk", "start", "--local");
        try {
            Path lock = lk.root.resolve("var/svc/lk/lock.generic");
            String holder = first.pid() + " start";
            long end = System.currentTimeMillis() + 30000;
            while (!(Files.exists(lock) && Files.readString(lock).startsWith(holder))
                    && System.currentTimeMillis() < end && first.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(Files.readString(lock).startsWith(holder), "first holds the lock: " + Files.readString(lock)
                    + "\n" + Files.readString(out1));

            Dist.Result second = lk.om("lk", "start", "--local", "--waitlock", "1s");
            assertEquals(1, second.exit(), second.toString());
            assertEquals("error: lk: timed out waiting for lock (held by start, pid " + first.pid() + ")\n",
                    second.err(), second.toString());

            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, first.exitValue(), Files.readString(out1));
            assertTrue(Files.readString(out1).contains("start done in"), Files.readString(out1));
            // the lock file names the action's own session, the one of its log lines and brackets
            String[] owner = Files.readString(lock).trim().split(" ");
            String log = Files.readString(lk.root.resolve("log/lk.log"));
            assertTrue(owner.length == 3 && log.contains("sid:" + owner[2] + " ")
                    && log.lines().anyMatch(l -> l.contains("sid:" + owner[2] + " ") && l.endsWith("| do start --local"
                    + " (origin user)")), String.join(" ", owner) + "\n" + log);
        } finally {
            first.destroy();
        }
    }
}
