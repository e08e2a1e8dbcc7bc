package om.driver.app.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** User and group look-ups through getent, so NSS sources (LDAP, sssd) count as well as /etc files. */
public final class Accounts {
    static final String GETENT = "/usr/bin/getent";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Accounts() {
    }

    /** The gid of the primary group of {@code user}. */
    public static String primaryGid(ResourceContext ctx, String user) throws ActionException {
        String[] fields = entry(ctx, "passwd", "user", user).split(":", -1);
        if (fields.length < 4 || fields[3].isEmpty()) {
            throw new ActionException("user " + user + " has no primary group");
        }
        return fields[3];
    }

    /** Fails unless {@code group} exists. */
    public static void requireGroup(ResourceContext ctx, String group) throws ActionException {
        entry(ctx, "group", "group", group);
    }

    private static String entry(ResourceContext ctx, String database, String what, String name)
            throws ActionException {
        ExecResult r = ctx.exec(new ExecRequest(List.of(GETENT, database, name), null, Map.of(), TIMEOUT, false));
        if (r.exitCode() == 2) {
            throw new ActionException(what + " " + name + " does not exist");
        }
        if (!r.ok() || r.stdout() == null || r.stdout().isBlank()) {
            throw new ActionException("cannot look up " + what + " " + name
                    + (r.error() != null ? ": " + r.error() : r.timedOut() ? ": timed out" : ""));
        }
        return r.stdout().strip().lines().findFirst().orElse("");
    }
}
