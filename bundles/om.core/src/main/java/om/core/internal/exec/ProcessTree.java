package om.core.internal.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Signals a process together with everything it started: its process groups (the child runs in its own
 * session, so its pid is a group id) and, as a fallback for processes that left the group, the descendants
 * seen when the first signal was sent. Never signals the JVM's own process group.
 */
final class ProcessTree {
    enum Signal { TERM, KILL }

    private final ProcessHandle root;
    private final Set<ProcessHandle> known = new LinkedHashSet<>();
    private final Set<Long> groups = new LinkedHashSet<>();
    private final long ownGroup;

    ProcessTree(ProcessHandle root) {
        this(root, false);
    }

    /**
     * @param groupLeader the root was started in its own session, so its pid is the id of the group its
     *                    children stay in even after it exited
     */
    ProcessTree(ProcessHandle root, boolean groupLeader) {
        this.root = root;
        this.ownGroup = processGroup(ProcessHandle.current().pid());
        if (groupLeader && root.pid() != ownGroup) {
            groups.add(root.pid());
        }
    }

    /** Sends the signal to the tree, remembering every member seen so far (orphans lose their parent link). */
    void signal(Signal sig) {
        collect();
        for (long g : groups) {
            if (g > 1 && g != ownGroup) {
                runKill("-" + sig.name(), "--", "-" + g);
            }
        }
        for (ProcessHandle h : known) {
            if (h.isAlive()) {
                if (sig == Signal.TERM) {
                    h.destroy();
                } else {
                    h.destroyForcibly();
                }
            }
        }
    }

    /**
     * Whether any member seen so far, or any member of its groups, still runs. Zombies do not count: orphans
     * wait for init to reap them, which some inits do only now and then.
     */
    boolean alive() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return known.stream().anyMatch(ProcessHandle::isAlive);
        }
        Set<Long> pids = new HashSet<>();
        known.forEach(h -> pids.add(h.pid()));
        try (Stream<Path> entries = Files.list(proc)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
                    .map(ProcessTree::stat)
                    .anyMatch(st -> st != null && st.state() != 'Z'
                            && (pids.contains(st.pid()) || groups.contains(st.group()) && st.group() != ownGroup));
        } catch (IOException | RuntimeException e) {
            return known.stream().anyMatch(ProcessHandle::isAlive);
        }
    }

    private record Stat(long pid, char state, long group) {
    }

    /** pid, state and process group from /proc/<pid>/stat; null when gone. */
    private static Stat stat(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.UTF_8);
            // the command name may hold spaces and parentheses: fields start after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new Stat(Long.parseLong(pid), f[0].charAt(0), Long.parseLong(f[2]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void collect() {
        List<ProcessHandle> now = new ArrayList<>();
        now.add(root);
        root.descendants().forEach(now::add);
        // orphans of an earlier signal are no longer descendants of root: follow them too
        new ArrayList<>(known).forEach(h -> h.descendants().forEach(now::add));
        for (ProcessHandle h : now) {
            known.add(h);
            long g = processGroup(h.pid());
            if (g > 0) {
                groups.add(g);
            }
        }
    }

    /** The process group of pid from /proc, -1 when unknown (gone, or no /proc). */
    static long processGroup(long pid) {
        Stat st = stat(Long.toString(pid));
        return st == null ? -1 : st.group();
    }

    private static boolean runKill(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("kill");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (p.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    p.destroyForcibly();
                    return false;
                }
                try {
                    p.waitFor(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    // an interrupt is no reason to leave a process group running (see ProcessExecutor)
                }
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
