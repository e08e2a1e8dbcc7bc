package om.itests.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The test app of the orchestrator lab tests, seen from outside om: a shell script (in a folder every node of the
 * lab reads, the nodes share the host's file tree) that the objects' {@code app#0} runs as {@code <script> start},
 * {@code stop}, {@code check}, {@code failstart} (journals, then fails) and {@code slowstart} (waits 3 s, then
 * starts). Each start leaves one {@code sleep} process, in its own session, whose pid is in
 * {@code <name>.<node>.pid}; each action appends {@code <node> <action> <epoch ms>} to {@code <name>.journal}
 * once done (a start once the process runs, a stop once it is gone), so the journal's order is the order things
 * happened in. The lab nodes share the host's pid namespace: a pid file's process is alive or not for the test too.
 */
final class AppJournal {
    private static final String SCRIPT = """
            #!/bin/sh
            # the app of the orchestrator lab tests: a pid file per node, a journal per object
            d=$(dirname "$0"); n=$(hostname); o=${OPENSVC_NAME:?}
            j="$d/$o.journal"; p="$d/$o.$n.pid"
            ms() { date +%s%3N; }
            # alive and not a zombie (a killed app is adopted by an init that may reap it seconds later)
            running() { kill -0 "$1" 2>/dev/null && [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]; }
            alive() { [ -s "$p" ] && running "$(cat "$p")"; }
            start() {
              alive && exit 0
              setsid sleep 100000 </dev/null >/dev/null 2>&1 &
              echo $! >"$p.new"
              echo "$n start $(ms)" >>"$j"
              # the pid file shows up once the journal has the start: whoever sees it up finds the line
              mv "$p.new" "$p"
            }
            case "$1" in
            start) start ;;
            slowstart) sleep 3; start ;;
            stop)
              if alive; then
                pid=$(cat "$p"); kill "$pid"
                while running "$pid"; do sleep 0.02; done
              fi
              rm -f "$p"
              echo "$n stop $(ms)" >>"$j" ;;
            check) alive ;;
            failstart) echo "$n failstart $(ms)" >>"$j"; exit 1 ;;
            *) exit 2 ;;
            esac
            """;

    /** One journal line. */
    record Entry(String node, String action, long ms) {
    }

    final Path dir;
    final Path script;
    private final List<String> nodes;

    AppJournal(Path dir, List<String> nodes) throws IOException {
        this.dir = dir;
        this.nodes = nodes;
        Files.createDirectories(dir);
        this.script = dir.resolve("app.sh");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The config of an object whose app is this script ({@code start} may name another action of it). */
    String config(String defaults, String start) {
        return config(nodes, defaults, start);
    }

    String config(List<String> on, String defaults, String start) {
        return "[DEFAULT]\nnodes = " + String.join(" ", on) + "\n" + defaults
                + "\n[app#0]\nscript = " + script + "\nstart = " + start + "\nstop = true\ncheck = true\n";
    }

    List<Entry> entries(String name) throws IOException {
        Path j = dir.resolve(name + ".journal");
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(j)) {
            return out;
        }
        for (String line : Files.readAllLines(j)) {
            String[] w = line.trim().split(" ");
            if (w.length == 3) {
                out.add(new Entry(w[0], w[1], Long.parseLong(w[2])));
            }
        }
        return out;
    }

    /** A line of the test itself (a SIGKILL of the app): the journal's replay then knows the app went down. */
    void note(String name, String node, String action) throws IOException {
        Files.writeString(dir.resolve(name + ".journal"), node + " " + action + " " + System.currentTimeMillis() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The app's pid on node, -1 without a pid file. */
    long pid(String name, String node) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(name + "." + node + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Alive and not a zombie waiting for its adopter (an init that may reap it seconds after a kill). */
    static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the state follows the command's closing parenthesis
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The nodes where the app's process runs now. */
    Set<String> up(String name) {
        Set<String> up = new TreeSet<>();
        for (String n : nodes) {
            long p = pid(name, n);
            if (p > 0 && running(p)) {
                up.add(n);
            }
        }
        return up;
    }

    /**
     * The most instances up at once by the journal: a start adds its node, a stop or a {@code killed} note removes
     * it. Returns that count with the entry where it was reached.
     */
    String mostAtOnce(String name, int allowed) throws IOException {
        Set<String> up = new TreeSet<>();
        for (Entry e : entries(name)) {
            switch (e.action()) {
                case "start" -> up.add(e.node());
                case "stop", "killed" -> up.remove(e.node());
                default -> {
                    // failstart: nothing ran
                }
            }
            if (up.size() > allowed) {
                return "up at once on " + up + " at " + e + " in " + entries(name);
            }
        }
        return null;
    }

    /**
     * Samples the pid files every 25 ms while it runs: the first moment more than {@code allowed} app processes of
     * the object ran at once, null while it never happened.
     */
    final class Sampler implements AutoCloseable {
        private final AtomicReference<String> violation = new AtomicReference<>();
        private final Thread thread;
        private volatile boolean done;

        Sampler(String name, int allowed) {
            thread = new Thread(() -> {
                while (!done) {
                    Set<String> u = up(name);
                    if (u.size() > allowed) {
                        violation.compareAndSet(null, name + " up on " + u + " at " + System.currentTimeMillis());
                    }
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sampler-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        String violation() {
            return violation.get();
        }

        @Override
        public void close() throws InterruptedException {
            done = true;
            thread.join(1000);
        }
    }

    Sampler sampler(String name, int allowed) {
        return new Sampler(name, allowed);
    }
}
