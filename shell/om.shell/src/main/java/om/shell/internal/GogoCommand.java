package om.shell.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import om.api.cli.CommandRunner;
import om.api.cli.Invocation;
import org.apache.felix.service.command.CommandSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo command {@code om:om}: {@code om '*' ls} typed at the {@code g!} prompt runs the same verbs as the
 * bridge. The exit code is left in the session variable {@code om.exit}.
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
        InputStream in = session.getKeyboard();
        Invocation inv = new Invocation(List.of(args), Path.of(System.getProperty("user.dir")), System.getenv(),
                false, 0, in, System.out, System.err);
        int rc = runner.run(inv);
        session.put(EXIT_VARIABLE, rc);
    }
}
