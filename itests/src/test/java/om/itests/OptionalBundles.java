package om.itests;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import om.api.cli.CommandRunner;
import om.api.cli.Invocation;
import org.ops4j.pax.exam.Option;

/**
 * Issue 8, semantic versioning: om.log and Gogo are optional for om.shell (optional imports, optional DS
 * references). The frameworks of these tests leave one of them out and run the om verbs through the
 * CommandRunner service, as the bridge and the embedded client do.
 */
final class OptionalBundles {
    private OptionalBundles() {
    }

    /** The core set without the named bundles. */
    static Option[] coreWithout(Path root, String... left) {
        List<String> out = Arrays.asList(left);
        List<Option> options = new java.util.ArrayList<>();
        options.add(org.ops4j.pax.exam.CoreOptions.frameworkProperty("om.root").value(root.toString()));
        options.add(org.ops4j.pax.exam.CoreOptions.frameworkProperty("om.nodename").value("n1"));
        for (String b : OmFramework.CORE) {
            if (!out.contains(b)) {
                options.add(OmFramework.bundleFile(b));
            }
        }
        options.add(OmFramework.bundleFile("om.driver.app"));
        options.add(org.ops4j.pax.exam.CoreOptions.junitBundles());
        return options.toArray(new Option[0]);
    }

    record Result(int exit, String out, String err) {
    }

    /** {@code om ARGS} through the service; stdout, stderr and the exit code. */
    static Result run(CommandRunner runner, Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = runner.run(new Invocation(List.of(args), cwd, Map.of(), false, 0,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Creates two objects from files, lists them, starts and reads the status of one. */
    static void lsAndStart(CommandRunner runner, Path root) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Path marker = root.resolve("web1.up");
        Files.writeString(root.resolve("etc/web1.conf"), "[DEFAULT]\nnodes = n1\n\n[app#0]\nstart = /bin/touch "
                + marker + "\nstop = /bin/rm -f " + marker + "\ncheck = /usr/bin/test -e " + marker + "\n");
        Files.writeString(root.resolve("etc/web2.conf"), "[DEFAULT]\nnodes = n1\n");
        Result r = run(runner, root, "*", "ls");
        assertEquals(r.toString(), "web1\nweb2\n", r.out());
        assertEquals(r.toString(), 0, r.exit());
        r = run(runner, root, "web1", "start", "--local");
        assertEquals(r.toString(), 0, r.exit());
        assertEquals(r.toString(), true, Files.exists(marker));
        r = run(runner, root, "web1", "print", "status");
        assertEquals(r.toString(), 0, r.exit());
    }
}
