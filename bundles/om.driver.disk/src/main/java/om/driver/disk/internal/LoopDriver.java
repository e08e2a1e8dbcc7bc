package om.driver.disk.internal;

import static om.api.config.KeywordType.SIZE;
import static om.api.config.KeywordType.STRING;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import om.api.config.Keyword;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.LogEntry;
import om.api.status.Status;
import org.osgi.service.component.annotations.Component;

/**
 * disk.loop: attaches a file as a loop device and exposes that device to later resources. Up while a loop
 * device is backed by this very file (same inode, same filesystem: see {@link Losetup}); provisioning
 * creates the file sparse, of {@code size}.
 */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=disk", ResourceDriver.TYPE + "=loop"})
public final class LoopDriver implements ResourceDriver {
    private static final List<Keyword> KEYWORDS = List.of(
            Keyword.required("file", STRING, "The file attached as a loop device."),
            Keyword.of("size", SIZE, null,
                    "Size of the file created by provision, like 100m or 2g; the file is sparse."));

    private final LoopUsage usage;

    public LoopDriver() {
        this(new LoopUsage());
    }

    LoopDriver(LoopUsage usage) {
        this.usage = usage;
    }

    @Override
    public String group() {
        return "disk";
    }

    @Override
    public String type() {
        return "loop";
    }

    @Override
    public List<Keyword> keywords() {
        return KEYWORDS;
    }

    @Override
    public String label(ResourceContext ctx) {
        return "loop " + ctx.value("file").orElse("");
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        try {
            String file = ctx.require("file");
            List<String> devs = Losetup.devicesOf(ctx, file, probeTimeout(ctx));
            if (!devs.isEmpty()) {
                return CheckResult.of(Status.UP);
            }
            return Files.exists(Path.of(file)) ? CheckResult.of(Status.DOWN)
                    : CheckResult.of(Status.DOWN, LogEntry.info(file + " does not exist"));
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
    }

    @Override
    public void start(ResourceContext ctx) throws ActionException {
        String file = ctx.require("file");
        Duration timeout = ctx.timeout("start");
        if (!Losetup.devicesOf(ctx, file, timeout).isEmpty()) {
            return;
        }
        if (!Files.isRegularFile(Path.of(file))) {
            throw new ActionException(file + " does not exist or is not a regular file (provision creates it)");
        }
        ctx.act(List.of("losetup", "-f", "--show", file), Lvm.ENV, timeout);
    }

    @Override
    public void stop(ResourceContext ctx) throws ActionException {
        String file = ctx.require("file");
        Duration timeout = ctx.timeout("stop");
        List<String> devs = Losetup.devicesOf(ctx, file, timeout);
        // check them all before detaching any: a failed stop leaves everything as it was
        for (String dev : devs) {
            Optional<String> use = usage.of(dev);
            if (use.isPresent()) {
                throw new ActionException("cannot detach " + dev + ": " + use.get());
            }
        }
        for (String dev : devs) {
            ctx.act(List.of("losetup", "-d", dev), Lvm.ENV, timeout);
        }
    }

    @Override
    public List<String> exposedDevices(ResourceContext ctx) {
        try {
            return Losetup.devicesOf(ctx, ctx.require("file"), probeTimeout(ctx));
        } catch (ActionException e) {
            return List.of();
        }
    }

    @Override
    public Optional<Boolean> provisioned(ResourceContext ctx) {
        return ctx.value("file").filter(f -> !f.isBlank()).map(f -> Files.exists(Path.of(f)));
    }

    @Override
    public void provision(ResourceContext ctx) throws ActionException {
        Path file = Path.of(ctx.require("file"));
        if (Files.exists(file)) {
            ctx.info(file + " already exists");
            return;
        }
        String written = ctx.value("size").filter(s -> !s.isBlank()).orElseThrow(() ->
                new ActionException(file + " does not exist and " + ctx.rid() + ".size is not set"));
        long size = Values.parseSize(written).filter(n -> n > 0).orElseThrow(() ->
                new ActionException(ctx.rid() + ".size: not a size: '" + written + "'"));
        ctx.info("create " + file + " of " + written + " (sparse)");
        if (dryRun(ctx)) {
            return;
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(size);
            }
        } catch (IOException e) {
            throw new ActionException("cannot create " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void unprovision(ResourceContext ctx) throws ActionException {
        String file = ctx.require("file");
        List<String> devs = Losetup.devicesOf(ctx, file, ctx.timeout("unprovision"));
        if (!devs.isEmpty()) {
            throw new ActionException("cannot remove " + file + ": attached to " + String.join(" ", devs));
        }
        if (!Files.exists(Path.of(file))) {
            ctx.info(file + " already removed");
            return;
        }
        ctx.info("remove " + file);
        if (dryRun(ctx)) {
            return;
        }
        try {
            Files.delete(Path.of(file));
        } catch (IOException e) {
            throw new ActionException("cannot remove " + file + ": " + e.getMessage());
        }
    }

    private static boolean dryRun(ResourceContext ctx) {
        return ctx.options() != null && ctx.options().dryRun();
    }

    private static Duration probeTimeout(ResourceContext ctx) {
        return ctx.timeout("status");
    }
}
