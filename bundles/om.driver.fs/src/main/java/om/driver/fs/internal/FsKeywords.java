package om.driver.fs.internal;

import static om.api.config.KeywordType.BOOL;
import static om.api.config.KeywordType.DURATION;
import static om.api.config.KeywordType.STRING;

import java.util.ArrayList;
import java.util.List;
import om.api.config.Keyword;

/** The keyword tables of the fs drivers: the single source for validation and {@code config doc}. */
final class FsKeywords {
    static final String DEFAULT_STAT_TIMEOUT = "5s";

    private static final Keyword MNT = Keyword.required("mnt", STRING,
            "The mount point, an absolute path; created when missing. fs resources mount in mount point order, "
                    + "so a parent mounts before its children.");
    private static final Keyword MNT_OPT = Keyword.of("mnt_opt", STRING, null,
            "Options passed to mount with -o, like rw,noatime.");
    private static final Keyword STAT_TIMEOUT = Keyword.of("stat_timeout", DURATION, DEFAULT_STAT_TIMEOUT,
            "How long the read of the mount point done by check_read may take before the status turns to warn.");
    private static final Keyword CHECK_READ = Keyword.of("check_read", BOOL, "false",
            "Whether the status reads the mounted directory, turning to warn when it fails or hangs past "
                    + "stat_timeout.");
    private static final Keyword MKFS_OPT = Keyword.of("mkfs_opt", STRING, null,
            "Options passed to mkfs.<type> when provision makes the filesystem, like -L data -m 0.");

    private FsKeywords() {
    }

    static List<Keyword> of(FsKind kind) {
        List<Keyword> out = new ArrayList<>();
        out.add(MNT);
        out.add(switch (kind) {
            case BLOCK -> Keyword.required("dev", STRING,
                    "The block device or image file holding the filesystem, like {disk#0.exposed_devs[0]}.");
            case BIND -> Keyword.required("dev", STRING, "The directory mounted again on mnt.");
            case TMPFS -> Keyword.of("dev", STRING, "tmpfs", "The source name shown by the mount table.");
        });
        out.add(MNT_OPT);
        if (kind == FsKind.BLOCK) {
            out.add(MKFS_OPT);
        }
        out.add(STAT_TIMEOUT);
        out.add(CHECK_READ);
        return List.copyOf(out);
    }
}
