package om.driver.share.internal;

import static om.api.config.KeywordType.STRING;

import java.util.List;
import om.api.config.Keyword;

/** The keyword table of share.nfs: the single source for validation and {@code config doc}. */
public final class ShareKeywords {
    public static final String PATH = "path";
    public static final String OPTS = "opts";

    private static final List<Keyword> TABLE = List.of(
            Keyword.required(PATH, STRING, "The directory to export, often the mount point of an fs resource."),
            Keyword.required(OPTS, STRING,
                    "The exports(5) client list: whitespace-separated <client>(<options>) entries such as "
                            + "'client1(ro,fsid=0) *(ro)'. Each entry is exported with exportfs -o <options> "
                            + "<client>:<path>; an entry without client exports to everyone (*)."));

    private ShareKeywords() {
    }

    public static List<Keyword> all() {
        return TABLE;
    }
}
