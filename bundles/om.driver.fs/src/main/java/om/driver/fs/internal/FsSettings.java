package om.driver.fs.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.ResourceContext;

/**
 * The effective keywords of one fs resource.
 *
 * @param mnt the mount point as the mount table writes it: absolute, normalized, symlinks resolved when it exists
 * @param dev the device, bind source or tmpfs name; null when not set
 */
record FsSettings(FsType type, String mnt, String dev, Optional<String> mntOpt, List<String> mkfsOpt,
                  Duration statTimeout, boolean checkRead) {

    static FsSettings from(FsType type, ResourceContext ctx) throws ActionException {
        String mnt = mountPoint(ctx.rid(), ctx.require("mnt"));
        String dev = ctx.value("dev").map(String::strip).filter(v -> !v.isEmpty())
                .orElse(type.kind() == FsKind.TMPFS ? "tmpfs" : null);
        Optional<String> mntOpt = ctx.value("mnt_opt").map(String::strip).filter(v -> !v.isEmpty());
        List<String> mkfsOpt;
        try {
            mkfsOpt = ctx.value("mkfs_opt").map(Values::splitCommand).orElse(List.of());
        } catch (IllegalArgumentException e) {
            throw new ActionException(ctx.rid() + ".mkfs_opt: " + e.getMessage());
        }
        String st = ctx.value("stat_timeout").orElse(FsKeywords.DEFAULT_STAT_TIMEOUT);
        Duration statTimeout = Values.parseDuration(st).orElseThrow(() ->
                new ActionException(ctx.rid() + ".stat_timeout: not a duration: '" + st + "'"));
        boolean checkRead = ctx.value("check_read").map(v -> Values.parseBool(v).orElse(null))
                .orElse(false);
        return new FsSettings(type, mnt, dev, mntOpt, mkfsOpt, statTimeout, checkRead);
    }

    /** The device; a resource of a type that needs one fails without it. */
    String requireDev(String rid) throws ActionException {
        if (dev == null) {
            throw new ActionException(rid + ".dev is not set");
        }
        return dev;
    }

    static String mountPoint(String rid, String written) throws ActionException {
        Path p;
        try {
            p = Path.of(written.strip());
        } catch (java.nio.file.InvalidPathException e) {
            throw new ActionException(rid + ".mnt: invalid path '" + written + "'");
        }
        if (!p.isAbsolute()) {
            throw new ActionException(rid + ".mnt: not an absolute path: '" + written + "'");
        }
        return Devices.realPath(p.toString()).orElse(p.normalize()).toString();
    }
}
