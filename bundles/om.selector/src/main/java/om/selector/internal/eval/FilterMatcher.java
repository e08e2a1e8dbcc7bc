package om.selector.internal.eval;

import java.util.Optional;
import java.util.Set;
import om.api.config.ConfigException;
import om.api.config.KeywordType;
import om.api.config.ObjectConfig;
import om.selector.internal.parse.Filter;
import om.selector.internal.parse.Op;
import om.selector.internal.parse.Param;

/** Tests filters and existence terms against one object configuration (selectors.md section 4). */
final class FilterMatcher {
    /** List keywords recognised even when the section's keyword table does not say (or is not deployed). */
    private static final Set<String> KNOWN_LISTS = Set.of("nodes", "drpnodes", "tags", "environment");

    private FilterMatcher() {
    }

    static boolean matches(Filter f, ObjectConfig cfg, Bounds bounds) {
        if (f.op() == Op.EXISTS) {
            return exists(f.param(), cfg);
        }
        Param p = f.param();
        return switch (p.scope()) {
            case HEADER, DEFAULT, ENV -> sectionMatches(f, cfg, p.section(), bounds);
            case RID, GROUP, ALL_RESOURCES -> {
                for (String rid : cfg.rids()) {
                    if (p.testsRid(rid) && sectionMatches(f, cfg, rid, bounds)) {
                        yield true;
                    }
                }
                yield false;
            }
            // rejected by the parser: a bare rid has no value to compare
            case RID_ONLY -> false;
        };
    }

    /**
     * The existence table of section 4.3: a group name tests for a resource of the group (winning over the
     * DEFAULT keyword of the same name), a bare rid for that section, anything else for a written key.
     */
    static boolean exists(Param p, ObjectConfig cfg) {
        return switch (p.scope()) {
            case HEADER -> Param.isGroup(p.key()) ? hasGroup(cfg, p.key()) : cfg.isWritten(p.section(), p.key());
            case DEFAULT, ENV -> cfg.isWritten(p.section(), p.key());
            case RID_ONLY -> hasRid(cfg, p);
            case RID, GROUP, ALL_RESOURCES -> {
                for (String rid : cfg.rids()) {
                    if (p.testsRid(rid) && cfg.isWritten(rid, p.key())) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private static boolean hasRid(ObjectConfig cfg, Param p) {
        for (String rid : cfg.rids()) {
            if (p.testsRid(rid)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasGroup(ObjectConfig cfg, String group) {
        for (String rid : cfg.rids()) {
            if (Param.inGroup(rid, group)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sectionMatches(Filter f, ObjectConfig cfg, String section, Bounds bounds) {
        String key = f.param().key();
        Optional<String> value;
        try {
            value = cfg.get(section, key);
        } catch (ConfigException e) {
            // a reference that cannot be evaluated gives no value, so nothing to compare
            return false;
        }
        return value.isPresent() && ValueMatcher.matches(f, value.get(), isList(cfg, section, key), bounds);
    }

    private static boolean isList(ObjectConfig cfg, String section, String key) {
        return KNOWN_LISTS.contains(key)
                || cfg.keyword(section, key).map(k -> k.type() == KeywordType.LIST).orElse(false);
    }
}
