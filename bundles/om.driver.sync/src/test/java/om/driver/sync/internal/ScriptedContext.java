package om.driver.sync.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.config.ObjectConfig;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;
import om.testkit.FakeContext;

/**
 * A {@link FakeContext} whose commands do not run: each one is recorded and answered by a script, so a test
 * sees the exact rsync and ssh lines without a peer to copy to.
 */
final class ScriptedContext implements ResourceContext {
    static final String VERSION = "rsync  version 3.2.7  protocol version 31\nCapabilities:\n"
            + "    64-bit files, socketpairs, symlinks, hardlinks, IPv6, atimes, batchfiles, inplace, append, ACLs,\n"
            + "    xattrs, optional protect-args, iconv, symtimes, prealloc, stop-at, no crtimes\n";

    final FakeContext fake;
    final List<List<String>> argvs = new CopyOnWriteArrayList<>();
    final List<Duration> timeouts = new CopyOnWriteArrayList<>();
    volatile Function<List<String>, ExecResult> script = argv -> ok(argv.contains("--version") ? VERSION : "");

    ScriptedContext(FakeContext fake) {
        this.fake = fake;
    }

    static ExecResult ok(String stdout) {
        return new ExecResult(0, false, stdout, "", Duration.ofMillis(1), null);
    }

    static ExecResult failed(String stderr, int code) {
        return new ExecResult(code, false, "", stderr, Duration.ofMillis(1), null);
    }

    /** The commands run, version probes left out. */
    List<List<String>> commands() {
        return argvs.stream().filter(a -> !a.contains("--version")).toList();
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        argvs.add(request.argv());
        timeouts.add(request.timeout());
        return script.apply(request.argv());
    }

    @Override
    public ObjectPath path() {
        return fake.path();
    }

    @Override
    public String rid() {
        return fake.rid();
    }

    @Override
    public String node() {
        return fake.node();
    }

    @Override
    public ObjectConfig config() {
        return fake.config();
    }

    @Override
    public Path varDir() {
        return fake.varDir();
    }

    @Override
    public Path objectVarDir() {
        return fake.objectVarDir();
    }

    @Override
    public Duration timeout(String action) {
        return fake.timeout(action);
    }

    @Override
    public ActionOptions options() {
        return fake.options();
    }

    @Override
    public void info(String message) {
        fake.info(message);
    }

    @Override
    public void warn(String message) {
        fake.warn(message);
    }

    @Override
    public void error(String message) {
        fake.error(message);
    }
}
