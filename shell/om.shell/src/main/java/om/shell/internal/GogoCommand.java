package om.shell.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import om.api.cli.CommandRunner;
import om.api.cli.Invocation;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Process;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo command {@code om:om}: {@code om '*' ls} typed at the {@code g!} prompt runs the same verbs as the
 * bridge. The exit code is left in the session variable {@code om.exit} and reported as the Gogo process status.
 */
@Component(service = GogoCommand.class, property = {"osgi.command.scope=om", "osgi.command.function=om"})
public final class GogoCommand {
    public static final String EXIT_VARIABLE = "om.exit";
    private final CommandRunner runner;

    @Activate
    public GogoCommand(@Reference CommandRunner runner) {
        this.runner = runner;
    }

    public void om(CommandSession session, String[] args) {
        // the session's own streams, not System.out: actions log from other threads, which Gogo's per-thread
        // redirection of System.out would send to the daemon's console
        Process process = Process.Utils.current();
        InputStream in = process != null ? process.in() : session.getKeyboard();
        PrintStream out = process != null ? process.out() : session.getConsole();
        PrintStream err = process != null ? process.err() : System.err;
        boolean tty = process != null && process.isTty(1);
        Invocation inv = new Invocation(List.of(args), session.currentDir() != null ? session.currentDir()
                : java.nio.file.Path.of(System.getProperty("user.dir")), System.getenv(), tty, 0, in, out, err);
        int rc = runner.run(inv);
        session.put(EXIT_VARIABLE, rc);
        if (rc != 0 && process != null) {
            process.error(rc);
        }
    }
}
