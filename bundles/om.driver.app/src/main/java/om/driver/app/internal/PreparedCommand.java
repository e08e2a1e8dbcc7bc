package om.driver.app.internal;

import om.api.driver.CommandText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import om.api.driver.ActionException;
import om.api.driver.ResourceContext;

/**
 * An app command ready to run: program found, identity resolved, environment built, argv wrapped.
 *
 * @param command the command as the user wrote it (for the log)
 * @param argv    what is executed
 * @param cwd     working directory, null for the caller's
 * @param env     variables added to the environment
 * @param user    the user it runs as (for the log)
 */
public record PreparedCommand(List<String> command, List<String> argv, Path cwd, Map<String, String> env,
                              String user) {
    public PreparedCommand {
        command = List.copyOf(command);
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    public static PreparedCommand prepare(ResourceContext ctx, AppSettings s, List<String> command,
                                          boolean newSession) throws ActionException {
        if (s.cwd() != null && !Files.isDirectory(s.cwd())) {
            throw new ActionException(s.cwd() + ": no such directory");
        }
        Map<String, String> env = CommandEnv.of(ctx, s);
        Executables.require(command.get(0), s.cwd(), env);
        String group = s.group();
        if (s.user() != null) {
            String primary = Accounts.primaryGid(ctx, s.user());
            group = group != null ? group : primary;
        }
        if (s.group() != null) {
            Accounts.requireGroup(ctx, s.group());
        }
        CommandLine line = new CommandLine(command, s.user(), group, s.umask(), s.limits(), newSession);
        String user = s.user() != null ? s.user() : System.getProperty("user.name");
        return new PreparedCommand(command, line.argv(), s.cwd(), env, user);
    }

    /** {@code exec <command> as user <user>}, the line logged before running, quoted to read back as run. */
    public String execLine() {
        return "exec " + CommandText.of(command) + " as user " + user;
    }
}
