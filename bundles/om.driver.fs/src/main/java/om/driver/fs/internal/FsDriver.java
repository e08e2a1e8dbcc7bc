package om.driver.fs.internal;

import om.api.driver.CommandText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.config.Keyword;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.LogEntry;
import om.api.status.Status;

/**
 * The implementation shared by every {@code fs.<type>} driver: mounts {@code dev} on {@code mnt}, status from
 * the kernel mount table. Each type is a small final DS component naming its {@link FsType}.
 */
public abstract class FsDriver implements ResourceDriver {
    private final FsType fsType;
    private final Devices devices;

    FsDriver(FsType fsType, Devices devices) {
        this.fsType = fsType;
        this.devices = devices;
    }

    @Override
    public final String group() {
        return "fs";
    }

    @Override
    public final String type() {
        return fsType.name();
    }

    @Override
    public final List<Keyword> keywords() {
        return FsKeywords.of(fsType.kind());
    }

    @Override
    public final String label(ResourceContext ctx) {
        String dev = ctx.value("dev").filter(v -> !v.isBlank())
                .orElse(fsType.kind() == FsKind.TMPFS ? "tmpfs" : "");
        return fsType.name() + " " + dev + "@" + ctx.value("mnt").orElse("");
    }

    /** Parents before children: a mount point sorts before every path below it. */
    @Override
    public final String sortKey(ResourceContext ctx) {
        return ctx.value("mnt").map(m -> {
            try {
                return FsSettings.mountPoint(ctx.rid(), m);
            } catch (ActionException e) {
                return m;
            }
        }).orElse(null);
    }

    @Override
    public final CheckResult status(ResourceContext ctx) {
        FsSettings s;
        MountState state;
        try {
            s = FsSettings.from(fsType, ctx);
            state = state(s);
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
        List<LogEntry> log = new ArrayList<>();
        if (state.up()) {
            return s.checkRead() ? checkRead(ctx, s) : CheckResult.of(Status.UP);
        }
        if (state.covered().isPresent()) {
            return CheckResult.of(Status.WARN, LogEntry.warn(s.mnt() + " is covered by "
                    + state.occupant().map(MountEntry::source).orElse("another mount")));
        }
        state.occupant().ifPresent(o -> log.add(LogEntry.info(s.mnt() + " is a mount point of " + o.source()
                + " (" + o.fsType() + ")")));
        if (!state.elsewhere().isEmpty()) {
            log.add(LogEntry.info(s.dev() + " is mounted on " + state.elsewhereText()));
        }
        return new CheckResult(Status.DOWN, log);
    }

    @Override
    public final void start(ResourceContext ctx) throws ActionException {
        FsSettings s = FsSettings.from(fsType, ctx);
        MountState state = state(s);
        if (state.up()) {
            return;
        }
        if (state.occupant().isPresent()) {
            MountEntry o = state.occupant().get();
            throw new ActionException(s.mnt() + " already has " + o.source() + " (" + o.fsType() + ") mounted");
        }
        Duration timeout = ctx.timeout("start");
        if (fsType.kind() != FsKind.TMPFS) {
            String dev = s.requireDev(ctx.rid());
            if (!Files.exists(Path.of(dev))) {
                throw new ActionException(dev + " does not exist");
            }
        }
        if (fsType.e2fsck()) {
            if (state.elsewhere().isEmpty()) {
                Fsck.e2fsck(ctx, s.dev(), timeout);
            } else {
                // e2fsck refuses a mounted filesystem, and the kernel already vouches for it
                ctx.info("skip e2fsck: " + s.dev() + " is mounted on " + state.elsewhereText());
            }
        }
        createMountPoint(ctx, s);
        ctx.act(MountCommand.mount(s), java.util.Map.of(), timeout);
    }

    @Override
    public final void stop(ResourceContext ctx) throws ActionException {
        FsSettings s = FsSettings.from(fsType, ctx);
        MountState state = state(s);
        if (!state.up()) {
            if (state.covered().isPresent()) {
                // umount would take the covering mount away, which is not this resource's
                throw new ActionException("cannot unmount " + s.mnt() + ": covered by "
                        + state.occupant().map(MountEntry::source).orElse("another mount"));
            }
            return;
        }
        Duration timeout = ctx.timeout("stop");
        List<String> argv = MountCommand.umount(s.mnt(), false);
        ctx.info(CommandText.of(argv));
        ExecResult r = ctx.exec(new ExecRequest(argv, null, Map.of(), timeout, true));
        if (r.ok()) {
            return;
        }
        boolean busy = r.stderr().contains("busy");
        if (busy && ctx.options() != null && ctx.options().force()) {
            ctx.warn(s.mnt() + " is busy: detach it lazily (--force)");
            ctx.act(MountCommand.umount(s.mnt(), true), java.util.Map.of(), timeout);
            return;
        }
        throw new ActionException(CommandText.of(argv) + " failed: " + r.reason(timeout)
                + (busy ? "; stop the processes using it, or --force to detach it lazily" : ""));
    }

    @Override
    public final Optional<Boolean> provisioned(ResourceContext ctx) {
        if (fsType.kind() != FsKind.BLOCK) {
            return Optional.empty();
        }
        Optional<String> dev = ctx.value("dev").filter(v -> !v.isBlank());
        // no device yet (its disk is down): only the engine's record can tell
        if (dev.isEmpty() || !Files.exists(Path.of(dev.get()))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Blkid.probe(ctx, dev.get(), ctx.timeout("status")).fsType().isPresent());
        } catch (ActionException e) {
            return Optional.empty();
        }
    }

    @Override
    public final void provision(ResourceContext ctx) throws ActionException {
        if (fsType.kind() != FsKind.BLOCK) {
            return;
        }
        FsSettings s = FsSettings.from(fsType, ctx);
        String dev = existingDev(ctx, s);
        Duration timeout = ctx.timeout("provision");
        Blkid.Probe probe = Blkid.probe(ctx, dev, timeout);
        if (probe.fsType().filter(fsType.name()::equals).isPresent()) {
            ctx.info(dev + " already has a " + fsType.name() + " filesystem");
            return;
        }
        if (!probe.blank()) {
            throw new ActionException(dev + " already holds " + probe.fsType().map(t -> "a " + t + " filesystem")
                    .orElse("a " + probe.ptType().orElse("") + " partition table") + ", not formatting it");
        }
        if (dryRun(ctx)) {
            ctx.info(CommandText.of(MountCommand.mkfs(s, dev)));
            return;
        }
        ctx.act(MountCommand.mkfs(s, dev), java.util.Map.of(), timeout);
    }

    @Override
    public final void unprovision(ResourceContext ctx) throws ActionException {
        if (fsType.kind() != FsKind.BLOCK) {
            return;
        }
        FsSettings s = FsSettings.from(fsType, ctx);
        String dev = existingDev(ctx, s);
        MountState state = state(s);
        if (state.up() || !state.elsewhere().isEmpty()) {
            throw new ActionException("cannot wipe " + dev + ": it is mounted");
        }
        Duration timeout = ctx.timeout("unprovision");
        Blkid.Probe probe = Blkid.probe(ctx, dev, timeout);
        if (probe.fsType().isEmpty()) {
            ctx.info(dev + " holds no filesystem");
            return;
        }
        if (!probe.fsType().get().equals(fsType.name())) {
            throw new ActionException(dev + " holds a " + probe.fsType().get() + " filesystem, not "
                    + fsType.name() + ": not wiping it");
        }
        List<String> argv = List.of("wipefs", "-a", dev);
        if (dryRun(ctx)) {
            ctx.info(CommandText.of(argv));
            return;
        }
        ctx.act(argv, java.util.Map.of(), timeout);
    }

    private MountState state(FsSettings s) throws ActionException {
        try {
            return new MountMatcher(s, MountTable.read(), devices).state();
        } catch (IOException e) {
            throw new ActionException("cannot read " + MountTable.PROC + ": " + e.getMessage());
        }
    }

    private static String existingDev(ResourceContext ctx, FsSettings s) throws ActionException {
        String dev = s.requireDev(ctx.rid());
        if (!Files.exists(Path.of(dev))) {
            throw new ActionException(dev + " does not exist");
        }
        return dev;
    }

    private static void createMountPoint(ResourceContext ctx, FsSettings s) throws ActionException {
        Path mnt = Path.of(s.mnt());
        if (Files.isDirectory(mnt)) {
            return;
        }
        ctx.info("create missing mount point " + mnt);
        try {
            Files.createDirectories(mnt);
        } catch (IOException e) {
            throw new ActionException("cannot create mount point " + mnt + ": " + e.getMessage());
        }
    }

    /** Reads the mounted directory in a child process: a hung filesystem blocks it, not the caller. */
    private static CheckResult checkRead(ResourceContext ctx, FsSettings s) {
        List<String> argv = List.of("ls", "-a", "--", s.mnt());
        ExecResult r = ctx.exec(new ExecRequest(argv, null, Map.of(), s.statTimeout(), false));
        if (r.ok()) {
            return CheckResult.of(Status.UP);
        }
        return CheckResult.of(Status.WARN, LogEntry.warn("read of " + s.mnt() + " failed: "
                + r.reason(s.statTimeout())));
    }

    private static boolean dryRun(ResourceContext ctx) {
        return ctx.options() != null && ctx.options().dryRun();
    }
}
