package om.driver.container.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.driver.ActionException;
import om.api.status.Status;
import om.testkit.FakeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real containers: podman with runc and the local busybox image (see import-busybox.sh). */
class PodmanDriverTest {
    static final String IMAGE = "localhost/busybox:1";
    // what works on this kind of machine: runc, no network, explicit low limits (crun fails on rlimits)
    static final String RUN_ARGS = "--network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024";
    static final String LIMITS = "--ulimit nofile=1024:1024 --ulimit nproc=1024:1024";

    private final PodmanDriver driver = new PodmanDriver();
    private final String prefix = "omtest-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();

    @TempDir
    Path var;

    @BeforeAll
    static void importImage() throws Exception {
        Path script = Path.of(PodmanDriverTest.class.getResource("/import-busybox.sh").toURI());
        Result r = sh("/bin/sh", script.toString(), IMAGE);
        assertEquals(0, r.code, "import-busybox.sh failed (podman, runc and busybox-static installed?): " + r.out);
    }

    @AfterEach
    void removeContainers() throws Exception {
        // dependents first: a container whose namespace another one joined cannot go before it
        for (int i = created.size() - 1; i >= 0; i--) {
            sh("podman", "rm", "-f", "-t", "0", created.get(i));
        }
    }

    private FakeContext ctx(String index, String... kv) {
        String name = prefix + "-" + index;
        created.add(name);
        FakeContext c = FakeContext.builder().path(ObjectPath.parse("ctest")).rid("container#" + index)
                .varDir(var.resolve(index)).keywords(ContainerKeywords.all()).defaultTimeout(Duration.ofSeconds(30))
                .values(kv).build();
        c.set("image", IMAGE).set("name", name).set("runtime", "runc").set("start_timeout", "60s");
        return c;
    }

    @Test
    void startShowsInPodmanPsThenStopRemovesIt() throws Exception {
        FakeContext c = ctx("0", "command", "/bin/sleep 300", "run_args", RUN_ARGS, "rm", "true");
        String name = c.value("name").orElseThrow();
        assertEquals(Status.DOWN, driver.status(c).status());

        driver.start(c);
        assertEquals(Status.UP, driver.status(c).status());
        assertTrue(ps().contains(name), "podman ps lists " + name);
        assertTrue(c.lines("info").contains("podman --runtime runc run -d --name " + name + " --init --rm"
                + " --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 " + IMAGE + " /bin/sleep 300"),
                c.log().toString());

        driver.stop(c);
        assertEquals(Status.DOWN, driver.status(c).status());
        assertFalse(ps().contains(name));
        assertTrue(c.lines("info").contains("podman --runtime runc stop -t 10 " + name), c.log().toString());
        assertEquals(1, sh("podman", "container", "exists", name).code, "rm = true removes the container");
    }

    @Test
    void aStoppedContainerHoldingTheNameIsReplaced() throws Exception {
        FakeContext c = ctx("0", "command", "/bin/sleep 300", "run_args", RUN_ARGS, "stop_timeout", "2s");
        String name = c.value("name").orElseThrow();
        assertEquals(0, sh("podman", "--runtime", "runc", "create", "--name", name, IMAGE, "/bin/true").code);
        assertEquals(Status.DOWN, driver.status(c).status());

        driver.start(c);
        assertTrue(c.lines("info").contains("podman --runtime runc rm " + name), c.log().toString());
        assertEquals(Status.UP, driver.status(c).status());

        driver.stop(c);
        assertEquals(Status.DOWN, driver.status(c).status());
        assertEquals(0, sh("podman", "container", "exists", name).code, "rm = false keeps the stopped container");
        driver.start(c);
        assertEquals(Status.UP, driver.status(c).status());
    }

    @Test
    void aForegroundContainerRunsToCompletionWithItsOutputLogged() throws Exception {
        FakeContext c = ctx("0", "command", "/bin/sh -c 'echo hello $FOO from $(hostname)'", "detach", "false",
                "environment", "FOO=bar", "hostname", "h1", "run_args", RUN_ARGS);
        driver.start(c);
        assertTrue(c.lines("info").contains("hello bar from h1"), c.log().toString());
        assertEquals(Status.DOWN, driver.status(c).status());
    }

    @Test
    void netnsJoinsTheNetworkNamespaceOfAnotherContainerResource() throws Exception {
        FakeContext first = ctx("0", "command", "/bin/sleep 300", "run_args", RUN_ARGS);
        FakeContext second = ctx("1", "command", "/bin/sleep 300", "run_args", LIMITS, "netns", "container#0");
        second.section("container#0", "name", first.value("name").orElseThrow());
        driver.start(first);
        driver.start(second);
        assertEquals(Status.UP, driver.status(second).status());
        Result mode = sh("podman", "inspect", "--format", "{{.HostConfig.NetworkMode}}", second.value("name").get());
        assertEquals("container:" + first.value("name").get(), mode.out.strip().replaceAll("container:[0-9a-f]{64}",
                "container:" + first.value("name").get()));
        driver.stop(second);
        driver.stop(first);
        assertEquals(Status.DOWN, driver.status(first).status());
    }

    @Test
    void aCommandThatCannotRunFailsWithOneLineAndLeavesNoContainer() throws Exception {
        // without an init process runc itself execs the command: the run command fails
        FakeContext c = ctx("0", "command", "/nonexistent", "run_args", RUN_ARGS, "init", "false");
        String name = c.value("name").orElseThrow();
        ActionException e = assertThrows(ActionException.class, () -> driver.start(c));
        assertTrue(e.getMessage().startsWith("podman run failed: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(1, sh("podman", "container", "exists", name).code, "the created container is removed");
        assertEquals(Status.DOWN, driver.status(c).status());
    }

    @Test
    void aContainerExitingRightAfterStartFailsTheStartAndIsRemoved() throws Exception {
        // with the init process the run command succeeds, then init fails to exec the command and exits
        FakeContext c = ctx("0", "command", "/nonexistent", "run_args", RUN_ARGS);
        String name = c.value("name").orElseThrow();
        ActionException e = assertThrows(ActionException.class, () -> driver.start(c));
        assertEquals("container " + name + " exited right after start", e.getMessage());
        assertEquals(1, sh("podman", "container", "exists", name).code, "the exited container is removed");
    }

    @Test
    void aMissingImageFailsThePullAndCreatesNothing() throws Exception {
        FakeContext c = ctx("0", "command", "/bin/sleep 300", "run_args", RUN_ARGS, "pull_timeout", "20s");
        c.set("image", "localhost/omtest-missing:1");
        ActionException e = assertThrows(ActionException.class, () -> driver.start(c));
        assertTrue(e.getMessage().startsWith("pull localhost/omtest-missing:1 "), e.getMessage());
        assertTrue(c.lines("info").contains("podman --runtime runc pull localhost/omtest-missing:1"),
                c.log().toString());
        assertEquals(1, sh("podman", "container", "exists", c.value("name").get()).code);
    }

    @Test
    void dryRunOnlyLogsTheRunCommand() throws Exception {
        FakeContext c = ctx("0", "command", "/bin/sleep 300", "run_args", RUN_ARGS);
        c.options(new ActionOptions(false, true, false, List.of(), null, List.of(), null));
        driver.start(c);
        assertTrue(c.lines("info").get(0).startsWith("podman --runtime runc run -d --name "), c.log().toString());
        assertEquals(1, sh("podman", "container", "exists", c.value("name").get()).code);
    }

    private static String ps() throws Exception {
        return sh("podman", "ps", "--format", "{{.Names}}").out;
    }

    record Result(int code, String out) {
    }

    static Result sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
