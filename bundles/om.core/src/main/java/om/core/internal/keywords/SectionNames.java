package om.core.internal.keywords;

import java.util.regex.Pattern;
import om.api.driver.DriverRegistry;

/** The section naming rules of objects-and-config section 3.2. */
public final class SectionNames {
    public static final String DEFAULT = "DEFAULT";
    public static final String ENV = "env";
    /** The implicit config replication resource; never written in a file. */
    public static final String CONFIG_SYNC_RID = "sync#i0";

    private static final Pattern INDEX = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern GROUP = Pattern.compile("[a-z]+");
    private static final Pattern SUBSET = Pattern.compile("subset#([a-z]+):([A-Za-z0-9_.-]+)");

    /** What a section name denotes. */
    public enum Role { DEFAULT, ENV, SUBSET, RESOURCE, UNKNOWN_GROUP, BARE_GROUP, INVALID }

    private SectionNames() {
    }

    public static Role role(String name) {
        if (DEFAULT.equals(name)) {
            return Role.DEFAULT;
        }
        if (ENV.equals(name)) {
            return Role.ENV;
        }
        if (name.startsWith("subset#")) {
            return SUBSET.matcher(name).matches() && DriverRegistry.GROUPS.contains(group(name.substring(7)))
                    ? Role.SUBSET : Role.INVALID;
        }
        int hash = name.indexOf('#');
        if (hash < 0) {
            return DriverRegistry.GROUPS.contains(name) ? Role.BARE_GROUP : Role.INVALID;
        }
        String group = name.substring(0, hash);
        if (!GROUP.matcher(group).matches() || !INDEX.matcher(name.substring(hash + 1)).matches()) {
            return Role.INVALID;
        }
        return DriverRegistry.GROUPS.contains(group) ? Role.RESOURCE : Role.UNKNOWN_GROUP;
    }

    public static boolean isResource(String name) {
        return role(name) == Role.RESOURCE;
    }

    /** The driver group of a resource or subset name ({@code fs} for {@code fs#1} or {@code fs:g1}). */
    public static String group(String name) {
        int i = name.indexOf('#');
        int j = name.indexOf(':');
        if (i > 0) {
            return name.substring(0, i);
        }
        return j > 0 ? name.substring(0, j) : name;
    }

    /** The part after {@code #}, or the empty string. */
    public static String index(String name) {
        int i = name.indexOf('#');
        return i < 0 ? "" : name.substring(i + 1);
    }
}
