package om.driver.app.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The final argv of an app command: the command wrapped, outermost first, by setsid (new session), prlimit
 * (limits, set while still privileged), setpriv (user and group) and a tiny sh setting the umask. Every wrapper
 * execs the next, so the pid of the whole chain is the pid of the command. The command itself is never parsed
 * by a shell: the sh wrapper passes it as {@code "$0" "$@"}.
 *
 * @param command    the command and its arguments
 * @param user       user to switch to, null to stay
 * @param group      group to switch to (the user's primary group when only a user is asked), null to stay
 * @param umask      octal umask, null to inherit
 * @param limits     resource limits
 * @param newSession start in a new session and process group (detached services)
 */
public record CommandLine(List<String> command, String user, String group, String umask, ResourceLimits limits,
                          boolean newSession) {
    public static final String SETSID = "/usr/bin/setsid";
    public static final String PRLIMIT = "/usr/bin/prlimit";
    public static final String SETPRIV = "/usr/bin/setpriv";
    public static final String SH = "/bin/sh";

    public CommandLine {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        limits = limits == null ? ResourceLimits.none() : limits;
        // the umask is the only value placed inside a shell script: keep it to octal digits
        if (umask != null && !umask.matches("[0-7]{1,4}")) {
            throw new IllegalArgumentException("invalid umask '" + umask + "'");
        }
    }

    public static CommandLine of(List<String> command) {
        return new CommandLine(command, null, null, null, ResourceLimits.none(), false);
    }

    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        if (newSession) {
            argv.add(SETSID);
        }
        if (!limits.isEmpty()) {
            argv.add(PRLIMIT);
            argv.addAll(limits.options());
            argv.add("--");
        }
        if (user != null || group != null) {
            argv.add(SETPRIV);
            if (user != null) {
                argv.add("--reuid=" + user);
            }
            if (group != null) {
                argv.add("--regid=" + group);
            }
            // setpriv insists on a supplementary groups policy once a gid changes
            argv.add(user != null ? "--init-groups" : "--keep-groups");
            argv.add("--");
        }
        if (umask != null) {
            argv.add(SH);
            argv.add("-c");
            argv.add("umask " + umask + " && exec \"$0\" \"$@\"");
        }
        argv.addAll(command);
        return List.copyOf(argv);
    }
}
