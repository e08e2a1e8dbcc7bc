package om.core.internal.keywords;

import static om.api.config.KeywordType.BOOL;
import static om.api.config.KeywordType.COMMAND;
import static om.api.config.KeywordType.DURATION;
import static om.api.config.KeywordType.INT;
import static om.api.config.KeywordType.LIST;
import static om.api.config.KeywordType.STRING;

import java.util.ArrayList;
import java.util.List;
import om.api.config.Keyword;

/** Keywords valid in every resource section (objects-and-config section 7), and the subset section table. */
public final class ResourceKeywords {
    /** Actions that have requirements and triggers. */
    public static final List<String> TRIGGER_ACTIONS = List.of("start", "stop", "run", "sync");

    private static final List<Keyword> COMMON = build();

    private static final List<Keyword> SUBSET = List.of(
            Keyword.of("parallel", BOOL, "false", "Act on the resources of this subset in parallel."));

    private ResourceKeywords() {
    }

    public static List<Keyword> common() {
        return COMMON;
    }

    public static List<Keyword> subset() {
        return SUBSET;
    }

    private static List<Keyword> build() {
        List<Keyword> t = new ArrayList<>(List.of(
                Keyword.of("type", STRING, null, "Driver inside the group; defaults per group, required for disk and fs."),
                Keyword.of("disable", BOOL, "false", "Skipped by every action; status n/a; flag D."),
                Keyword.of("optional", BOOL, "false",
                        "Action errors are logged but do not fail the action; excluded from avail; flag O."),
                Keyword.of("monitor", BOOL, "false",
                        "When down and restarts are exhausted, trigger monitor_action; flag M."),
                Keyword.of("restart", INT, "0", "Restarts the daemon tries before giving up."),
                Keyword.of("restart_delay", DURATION, "500ms", "Minimum delay between two restarts of this resource."),
                Keyword.of("standby", BOOL, "false",
                        "Kept up on every instance, active or not; not stopped without --force; flag S."),
                Keyword.of("tags", LIST, null,
                        "Free tags for --tags; noaction = never act (implies optional), nostatus = status n/a."),
                Keyword.of("subset", STRING, null, "Subset name for --subsets and [subset#...] options."),
                Keyword.of("provision", BOOL, "true",
                        "false: provision and unprovision leave this resource's backing alone (it is still started"
                        + " and stopped)."),
                Keyword.of("shared", BOOL, "false", "Provisioning leader only (later).")));
        for (String a : TRIGGER_ACTIONS) {
            t.add(Keyword.of(a + "_requires", LIST, null,
                    "Conditions <rid>(<state>[,<state>]) checked before the " + a + " action on this resource."));
        }
        for (String a : TRIGGER_ACTIONS) {
            t.add(Keyword.of("pre_" + a, COMMAND, null, "Trigger run before " + a + "; a failure is only logged."));
            t.add(Keyword.of("post_" + a, COMMAND, null, "Trigger run after " + a + "; a failure is only logged."));
            t.add(Keyword.of("blocking_pre_" + a, COMMAND, null,
                    "Trigger run before " + a + "; a failure fails the resource action."));
            t.add(Keyword.of("blocking_post_" + a, COMMAND, null,
                    "Trigger run after " + a + "; a failure fails the resource action."));
        }
        t.add(Keyword.of("comment", STRING, null, "Free text."));
        return List.copyOf(t);
    }
}
