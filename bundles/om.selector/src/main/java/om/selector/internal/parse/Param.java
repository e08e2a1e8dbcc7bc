package om.selector.internal.parse;

import java.util.List;
import om.api.driver.DriverRegistry;

/**
 * The left side of a filter (selectors.md section 4.1), already classified.
 *
 * @param text    the param as written
 * @param scope   which sections are tested
 * @param section the section name for DEFAULT/env/rid scopes, the group for GROUP, empty for ALL_RESOURCES
 * @param key     the keyword, or null for a bare rid (only usable with {@code :})
 */
public record Param(String text, Scope scope, String section, String key) {

    /** Which sections a param tests. */
    public enum Scope {
        /** A bare {@code <key>}: {@code [DEFAULT]}, except that a group name means "has a resource" for {@code :}. */
        HEADER,
        DEFAULT,
        ENV,
        /** {@code <rid>.<key>}. */
        RID,
        /** {@code <group>.<key>}: every resource section of the group. */
        GROUP,
        /** {@code .<key>}: every resource section. */
        ALL_RESOURCES,
        /** A bare {@code <rid>}: existence of that section. */
        RID_ONLY
    }

    public static final String DEFAULT_SECTION = "DEFAULT";
    public static final String ENV_SECTION = "env";

    /** The driver groups a section or param may name. */
    static final List<String> GROUPS = DriverRegistry.GROUPS;

    /** Parses a param, or returns null when it is malformed. */
    public static Param parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        int dot = text.lastIndexOf('.');
        if (dot < 0) {
            if (isKey(text)) {
                return new Param(text, Scope.HEADER, DEFAULT_SECTION, text);
            }
            return isRid(text) ? new Param(text, Scope.RID_ONLY, text, null) : null;
        }
        String section = text.substring(0, dot);
        String key = text.substring(dot + 1);
        if (!isKey(key)) {
            return null;
        }
        if (section.isEmpty()) {
            return new Param(text, Scope.ALL_RESOURCES, section, key);
        }
        if (section.equals(DEFAULT_SECTION)) {
            return new Param(text, Scope.DEFAULT, section, key);
        }
        if (section.equals(ENV_SECTION)) {
            return new Param(text, Scope.ENV, section, key);
        }
        if (GROUPS.contains(section)) {
            return new Param(text, Scope.GROUP, section, key);
        }
        return isRid(section) ? new Param(text, Scope.RID, section, key) : null;
    }

    /** {@code [a-z0-9_]+}. */
    static boolean isKey(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** {@code <group>#<index>} with a known driver group and index {@code [A-Za-z0-9_.-]+}. */
    static boolean isRid(String s) {
        int hash = s.indexOf('#');
        if (hash <= 0 || hash == s.length() - 1 || !GROUPS.contains(s.substring(0, hash))) {
            return false;
        }
        for (int i = hash + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a driver group name. */
    public static boolean isGroup(String name) {
        return GROUPS.contains(name);
    }

    /** Whether {@code rid} is a section of driver group {@code group}. */
    public static boolean inGroup(String rid, String group) {
        return rid.length() > group.length() && rid.charAt(group.length()) == '#' && rid.startsWith(group);
    }

    /** Whether {@code rid} is one of the resource sections this param tests (RID, GROUP, ALL_RESOURCES). */
    public boolean testsRid(String rid) {
        return switch (scope) {
            case RID, RID_ONLY -> rid.equals(section);
            case GROUP -> inGroup(rid, section);
            case ALL_RESOURCES -> true;
            case HEADER, DEFAULT, ENV -> false;
        };
    }
}
