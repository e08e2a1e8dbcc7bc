package om.driver.sync.internal;

import static om.api.config.KeywordType.BOOL;
import static om.api.config.KeywordType.DURATION;
import static om.api.config.KeywordType.INT;
import static om.api.config.KeywordType.LIST;
import static om.api.config.KeywordType.SCHEDULE;
import static om.api.config.KeywordType.STRING;

import java.util.List;
import java.util.Optional;
import om.api.config.Keyword;
import om.api.driver.ResourceContext;

/** The keyword table of sync.rsync: the single source for validation and doc. */
public final class SyncKeywords {
    private static final List<Keyword> TABLE = List.of(
            Keyword.required("src", LIST, "Paths copied to the peers, as rsync reads them: a trailing / copies the"
                    + " content of a directory."),
            Keyword.of("dst", STRING, null, "Path on the peers; the same path as src when unset."),
            Keyword.of("target", LIST, null, "Peer sets copied to: nodes (the other nodes of the object) and/or"
                    + " drpnodes (its disaster recovery nodes).").withCandidates("nodes", "drpnodes"),
            Keyword.of("options", STRING, null, "Extra rsync arguments, split like a command line, added after the"
                    + " default options."),
            Keyword.of("reset_options", BOOL, "false", "Leave out the default options (-HAXpogDtrlvx --stats"
                    + " --delete --force): only options are passed."),
            Keyword.of("bwlimit", INT, null, "Bandwidth limit of each copy, in KiB/s."),
            Keyword.of("timeout", DURATION, null, "I/O timeout of rsync and limit of each copy; the object's"
                    + " sync_timeout, else timeout, when unset."),
            Keyword.of("max_delay", DURATION, null, "Age of the last copy to a peer beyond which the status is warn;"
                    + " the object's sync_max_delay when unset."),
            Keyword.of("schedule", SCHEDULE, null, "When the daemon runs sync all for this resource; the object's"
                    + " sync_schedule when unset."),
            Keyword.of("snap", BOOL, "false", "Send a read-only snapshot of src instead of the live files; not"
                    + " supported yet: a sync with snap = true fails, naming src's filesystem."));

    private SyncKeywords() {
    }

    public static List<Keyword> all() {
        return TABLE;
    }

    /** The value of a keyword, or the table's default when the context did not apply it. */
    public static Optional<String> value(ResourceContext ctx, String key) {
        Optional<String> v = ctx.value(key).filter(s -> !s.isBlank());
        if (v.isPresent()) {
            return v;
        }
        return TABLE.stream().filter(k -> k.answersTo(key)).findFirst().map(Keyword::defaultValue);
    }
}
