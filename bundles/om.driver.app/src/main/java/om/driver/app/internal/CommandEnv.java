package om.driver.app.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import om.api.ObjectPath;
import om.api.driver.ResourceContext;

/** The variables added to the environment of app commands: the user's, then the object identity OpenSVC exports. */
public final class CommandEnv {
    private CommandEnv() {
    }

    public static Map<String, String> of(ResourceContext ctx, AppSettings settings) {
        Map<String, String> env = new LinkedHashMap<>(settings.environment());
        ObjectPath p = ctx.path();
        // set last: scripts rely on these naming the object, a user variable must not fake them
        env.put("OPENSVC_RID", ctx.rid());
        env.put("OPENSVC_NAME", p.name());
        env.put("OPENSVC_NAMESPACE", p.namespace());
        env.put("OPENSVC_KIND", p.kind().word());
        env.put("OPENSVC_PATH", p.canonical());
        return env;
    }
}
