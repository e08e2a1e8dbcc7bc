package om.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * Undoes, whatever om left behind, every OS effect a test may have caused: registered before acting, run in reverse
 * order from @AfterEach/@AfterAll, each step tolerant of the effect being already gone.
 */
final class Cleanup {
    interface Step {
        void run() throws Exception;
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    void add(Step step) {
        steps.push(step);
    }

    /** Lazily unmounts everything at or under dir (deepest first), then removes the directory tree. */
    void mountsUnder(Path dir) {
        add(() -> {
            for (int i = 0; i < 5 && !mounted(dir).isEmpty(); i++) {
                for (String m : mounted(dir)) {
                    Host.sh("umount", "-l", m);
                }
            }
            // never walk into a filesystem still mounted there: it may be a bind of something else
            if (Files.exists(dir) && mounted(dir).isEmpty()) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            // the per-run scratch root goes with its last test directory
            for (Path p = dir.getParent(); p != null && p.getFileName().toString().startsWith("om-e2e-");
                    p = p.getParent()) {
                p.toFile().delete();
            }
        });
    }

    private static java.util.List<String> mounted(Path dir) throws Exception {
        return Host.sh("findmnt", "-rn", "-o", "TARGET").out().lines()
                .filter(t -> t.equals(dir.toString()) || t.startsWith(dir + "/"))
                .sorted(Comparator.reverseOrder()).toList();
    }

    void loopsOf(Path file) {
        add(() -> {
            for (String dev : Host.loopsOf(file)) {
                Host.sh("losetup", "-d", dev);
            }
        });
    }

    void address(String cidr, String dev) {
        add(() -> {
            if (Host.hasAddress(Host.sh("ip", "-o", "addr", "show", "dev", dev).out(), cidr)) {
                Host.sh("ip", "addr", "del", cidr, "dev", dev);
            }
        });
    }

    void export(String clientColonPath) {
        add(() -> Host.sh("exportfs", "-u", clientColonPath));
    }

    void container(String name) {
        add(() -> Host.sh("podman", "rm", "-f", "-t", "0", name));
    }

    void netns(String name) {
        add(() -> Host.sh("ip", "netns", "del", name));
    }

    void daemon(Dist dist) {
        add(() -> dist.om("daemon", "stop"));
    }

    /** Runs every step, newest first; a failing step does not stop the others. */
    void run() {
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (Exception | AssertionError e) {
                System.err.println("cleanup step failed: " + e);
            }
        }
    }
}
