package om.itests.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A lab of the built distribution's {@code bin/om-lab}, with a prefix of its own (so it never touches an operator's
 * lab or another test's): {@link #up} makes it, {@link #close} removes it whatever happened.
 */
public final class Lab implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String prefix;
    public final int size;
    private final Path omLab;
    private final Path root;

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\nout:\n" + out + "err:\n" + err;
        }
    }

    private Lab(int size, Path omLab, String prefix, Path root) {
        this.size = size;
        this.omLab = omLab;
        this.prefix = prefix;
        this.root = root;
    }

    public static Path dist() {
        return Paths.get(System.getProperty("om.dist.dir", "../distribution/target/om")).toAbsolutePath();
    }

    // the namespaces of a test lab: omlt<pid of the test JVM>-<lab number>-hub|nK
    private static final java.util.regex.Pattern OURS =
            java.util.regex.Pattern.compile("omlt(\\d+)-(\\d+)-(hub|n\\d+)");
    private static final java.util.regex.Pattern DECOY =
            java.util.regex.Pattern.compile("omlt(\\d+)-(\\d+)(z-hub|-n1x)");
    private static boolean swept;

    /**
     * Labs of test runs that were killed before their cleanup (their JVM is gone): removed before the first lab of
     * this run, so a crashed run does not leave namespaces and processes for good.
     */
    private static synchronized void sweep(Path base, Path omLab) throws IOException, InterruptedException {
        if (swept) {
            return;
        }
        swept = true;
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String list = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        java.util.Set<String> dead = new java.util.TreeSet<>();
        for (String line : list.split("\n")) {
            String name = line.split(" ")[0];
            java.util.regex.Matcher m = OURS.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                dead.add("omlt" + m.group(1) + "-" + m.group(2));
            }
            // LabE2EIT's look-alike names, of a run killed before it removed them
            m = DECOY.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                new ProcessBuilder("ip", "netns", "del", name).start().waitFor();
            }
        }
        for (String prefix : dead) {
            new Lab(0, omLab, prefix, base.resolve(prefix)).close();
        }
    }

    /**
     * The orchestrator tests' lab: {@code size} nodes with {@code --fast} heartbeats and the test profile's ready
     * period (1 s, read by each daemon at its start), started and formed, every node idle within {@code formed}.
     */
    public static Lab upFormed(int size, Duration formed) throws IOException, InterruptedException {
        Lab lab = up(size, "--fast", "--no-start");
        for (String n : lab.nodes()) {
            Files.writeString(lab.root(n).resolve("etc/node.conf"), "[node]\nready_period = 1s\n");
        }
        lab.start();
        lab.awaitFormed(formed);
        for (String n : lab.nodes()) {
            lab.awaitStatus(n, formed, "idle", s -> nodeState(s, n).equals("idle"));
        }
        return lab;
    }

    /** The instance of {@code name} on {@code node} in a daemon status document (missing when not there). */
    public static JsonNode instance(JsonNode status, String node, String name) {
        return status.path("monitor").path("nodes").path(node).path("services").path("status").path(name);
    }

    /**
     * Writes {@code config} to {@code dir/<name>.conf}, runs {@code om <name> create --config} on n1 and waits,
     * within {@code deadline}, until every daemon of {@code on} shows every instance of it on {@code on}.
     */
    public void createReplicated(Path dir, String name, String config, List<String> on, Duration deadline)
            throws IOException, InterruptedException {
        Path cfg = dir.resolve(name + ".conf");
        Files.writeString(cfg, config);
        Result r = om("n1", name, "create", "--config", cfg.toString());
        if (r.exit() != 0) {
            throw new AssertionError("om " + name + " create on n1: " + r);
        }
        for (String viewer : on) {
            awaitStatus(viewer, deadline, "showing every instance of " + name,
                    s -> on.stream().noneMatch(n -> instance(s, n, name).isMissingNode()));
        }
    }

    /** {@code om-lab up size options...}; on failure the lab is removed and the failure thrown. */
    public static Lab up(int size, String... options) throws IOException, InterruptedException {
        String prefix = "omlt" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        Path base = Paths.get("target", "labs").toAbsolutePath();
        Files.createDirectories(base);
        sweep(base, dist().resolve("bin/om-lab"));
        Lab lab = new Lab(size, dist().resolve("bin/om-lab"), prefix, base.resolve(prefix));
        List<String> args = new ArrayList<>(List.of("up", Integer.toString(size), "--root", lab.root.toString()));
        args.addAll(List.of(options));
        Result r = lab.lab(args, 300);
        if (r.exit() != 0) {
            lab.close();
            throw new IllegalStateException("om-lab up failed: " + r);
        }
        return lab;
    }

    public List<String> nodes() {
        List<String> n = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            n.add("n" + i);
        }
        return n;
    }

    /** The lab root: lab.env, hosts, nodes/. */
    public Path labRoot() {
        return root;
    }

    /** The node's install root (etc/, var/, log/, deploy/ of its own). */
    public Path root(String node) {
        return root.resolve("nodes").resolve(node).resolve("om");
    }

    /** The node's private data folder, its {@code /srv} inside the node, seen from the host. */
    public Path data(String node) {
        return root.resolve("nodes").resolve(node).resolve("data");
    }

    /** The pid of the node's sshd (its pid file, as om-lab status reads it), -1 when it has none. */
    public long sshdPid(String node) {
        try {
            return Long.parseLong(Files.readString(root.resolve("nodes").resolve(node).resolve("sshd.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Stops the node's sshd (its listener: a peer's ssh to it is refused) and waits until it is gone. */
    public void stopSshd(String node) throws InterruptedException {
        long pid = sshdPid(node);
        ProcessHandle h = ProcessHandle.of(pid).orElse(null);
        if (h == null) {
            return;
        }
        h.destroy();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.isAlive() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        if (h.isAlive()) {
            throw new IllegalStateException(node + ": sshd " + pid + " did not stop");
        }
    }

    /** Starts the node's sshd again, inside the node, with the config om-lab wrote (as {@code om-lab up} does). */
    public void startSshd(String node) throws IOException, InterruptedException {
        Path d = root.resolve("nodes").resolve(node);
        Result r = exec(node, "/usr/sbin/sshd", "-f", d.resolve("sshd/sshd_config").toString(), "-E",
                d.resolve("sshd.log").toString());
        if (r.exit() != 0) {
            throw new IllegalStateException(node + ": sshd start failed: " + r);
        }
    }

    /**
     * The local instance document of {@code om <path> print status --format json} on node ({@code --refresh}
     * evaluates it again first), or null when the command fails or prints no document.
     */
    public JsonNode instanceStatus(String node, String path, boolean refresh) throws IOException, InterruptedException {
        Result r = refresh ? om(node, path, "print", "status", "--format", "json", "--refresh")
                : om(node, path, "print", "status", "--format", "json");
        if (r.exit() != 0) {
            return null;
        }
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            return null;
        }
    }

    /** Address of node on net1 or net2 ({@code 10.77.N.K}). */
    public static String addr(String node, int net) {
        return "10.77." + net + "." + node.substring(1);
    }

    /** The cluster.secret om-lab wrote in every node's cluster.conf. */
    public String secret() throws IOException {
        for (String line : Files.readAllLines(root.resolve("lab.env"))) {
            if (line.startsWith("SECRET=")) {
                return line.substring("SECRET=".length()).trim();
            }
        }
        throw new IllegalStateException("no SECRET in " + root.resolve("lab.env"));
    }

    public Result lab(List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(omLab.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OM_LAB_PREFIX", prefix);
        pb.environment().put("OM_LAB_ROOT", root.toString());
        pb.environment().put("NO_COLOR", "1");
        Path out = Files.createTempFile("lab", ".out");
        Path err = Files.createTempFile("lab", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + "s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Result lab(String... args) throws IOException, InterruptedException {
        return lab(Arrays.asList(args), 120);
    }

    private void ok(String... args) throws IOException, InterruptedException {
        Result r = lab(args);
        if (r.exit() != 0) {
            throw new IllegalStateException("om-lab " + String.join(" ", args) + " failed: " + r);
        }
    }

    /** A command inside node (or "hub"). */
    public Result exec(String node, String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("exec", node));
        a.addAll(List.of(args));
        return lab(a, 120);
    }

    /** bin/om of node, inside it. */
    public Result om(String node, String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("om"));
        a.addAll(List.of(args));
        return exec(node, a.toArray(String[]::new));
    }

    public void cut(String node, String... net) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("cut", node));
        a.addAll(List.of(net));
        ok(a.toArray(String[]::new));
    }

    public void heal(String... node) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("heal"));
        a.addAll(List.of(node));
        ok(a.toArray(String[]::new));
    }

    public void kill(String node) throws IOException, InterruptedException {
        ok("kill", node);
    }

    public void start(String... node) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("start"));
        a.addAll(List.of(node));
        ok(a.toArray(String[]::new));
    }

    public void stop(String... node) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("stop"));
        a.addAll(List.of(node));
        ok(a.toArray(String[]::new));
    }

    /** The node's {@code om daemon status --format json}, or null when it does not answer with a document. */
    public JsonNode status(String node) throws IOException, InterruptedException {
        Result r = om(node, "daemon", "status", "--format", "json");
        if (r.exit() != 0) {
            return null;
        }
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            return null;
        }
    }

    /** Polls the node's daemon status until test holds; fails naming what, with the last document, at the deadline. */
    public JsonNode awaitStatus(String node, Duration deadline, String what, Predicate<JsonNode> test)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        JsonNode last;
        do {
            last = status(node);
            if (last != null && test.test(last)) {
                return last;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        throw new AssertionError(node + ": not " + what + " within " + deadline + "; last daemon status:\n" + last);
    }

    /** Polls {@code om mon} on node until test holds on its parsed text; fails with the last text at the deadline. */
    public Mon awaitMon(String node, Duration deadline, String what, Predicate<Mon> test, String... monArgs)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Result last;
        do {
            last = mon(node, monArgs);
            if (last.exit() == 0) {
                Mon m = Mon.parse(last.out());
                if (test.test(m)) {
                    return m;
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        throw new AssertionError(node + ": om mon not " + what + " within " + deadline + "; last:\n" + last);
    }

    public Result mon(String node, String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("mon"));
        a.addAll(List.of(args));
        return om(node, a.toArray(String[]::new));
    }

    /** Waits until every node's dataset holds every node and each sees every peer beating on every heartbeat. */
    public void awaitFormed(Duration deadline) throws IOException, InterruptedException {
        for (String n : nodes()) {
            awaitStatus(n, deadline, "holding every node's data", s -> nodesOf(s).containsAll(nodes()));
        }
    }

    /** Names in monitor.nodes of a daemon status document. */
    public static List<String> nodesOf(JsonNode status) {
        List<String> names = new ArrayList<>();
        status.path("monitor").path("nodes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The node monitor state of node in a status document, "" when absent. */
    public static String nodeState(JsonNode status, String node) {
        return status.path("monitor").path("nodes").path(node).path("monitor").path("state").asText("");
    }

    /** {@code hb#N.rx} per peer: beating or not (only peers listed). */
    public static Map<String, Boolean> beating(JsonNode status, String thread) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        status.path(thread).path("peers").fields().forEachRemaining(e -> m.put(e.getKey(),
                e.getValue().path("beating").asBoolean(false)));
        return m;
    }

    /** {@code dropped.<reason>} of a heartbeat thread, 0 when absent. */
    public static long dropped(JsonNode status, String thread, String reason) {
        return status.path(thread).path("dropped").path(reason).asLong(0);
    }

    /** The classpath of the tools run inside the lab: this package's classes and JeroMQ (with its jnacl). */
    static String toolClasspath() {
        List<String> cp = new ArrayList<>();
        for (String c : List.of(Lab.class.getName(), "org.zeromq.ZMQ", "com.neilalexander.jnacl.NaCl")) {
            try {
                cp.add(Paths.get(Class.forName(c).getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString());
            } catch (ClassNotFoundException | java.net.URISyntaxException | NullPointerException e) {
                // absent: the tools that need it fail and say so
            }
        }
        return String.join(File.pathSeparator, cp);
    }

    /** Runs one of this package's tools ({@code main}) inside node or the hub. */
    public Result tool(String node, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("java", "-cp", toolClasspath(), main.getName()));
        a.addAll(List.of(args));
        return exec(node, a.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result r = lab(List.of("down"), 180);
        if (r.exit() != 0) {
            System.err.println("om-lab down failed: " + r);
        }
    }
}
