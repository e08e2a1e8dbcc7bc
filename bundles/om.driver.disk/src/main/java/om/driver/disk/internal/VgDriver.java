package om.driver.disk.internal;

import static om.api.config.KeywordType.LIST;
import static om.api.config.KeywordType.STRING;

import java.time.Duration;
import java.util.ArrayList;
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
 * disk.vg: an LVM volume group owned by one node at a time. Ownership is a volume group tag naming the node:
 * start takes it (dropping other nodes' tags) and activates the logical volumes, stop deactivates them and
 * drops the tag. Up while the tag is there.
 */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=disk", ResourceDriver.TYPE + "=vg"})
public final class VgDriver implements ResourceDriver {
    private static final List<Keyword> KEYWORDS = List.of(
            Keyword.required("name", STRING, "The name of the volume group.").withAliases("vgname"),
            Keyword.of("pvs", LIST, null, "The physical volumes provision makes the volume group of."),
            Keyword.of("options", STRING, null, "Extra vgcreate options used by provision, like --zero=y."));

    public VgDriver() {
        // no references: everything comes from the ResourceContext of each call
    }

    @Override
    public String group() {
        return "disk";
    }

    @Override
    public String type() {
        return "vg";
    }

    @Override
    public List<Keyword> keywords() {
        return KEYWORDS;
    }

    @Override
    public String label(ResourceContext ctx) {
        return "vg " + name(ctx).orElse("");
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        try {
            String vg = requireName(ctx);
            Optional<List<String>> tags = Lvm.tags(ctx, vg, ctx.timeout("status"));
            if (tags.isEmpty()) {
                return CheckResult.of(Status.DOWN, LogEntry.info("volume group " + vg + " does not exist"));
            }
            return CheckResult.of(tags.get().contains(ctx.node()) ? Status.UP : Status.DOWN);
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
    }

    @Override
    public void start(ResourceContext ctx) throws ActionException {
        String vg = requireName(ctx);
        Duration timeout = ctx.timeout("start");
        List<String> tags = Lvm.tags(ctx, vg, timeout)
                .orElseThrow(() -> new ActionException("volume group " + vg + " does not exist"));
        for (String other : tags) {
            if (!other.equals(ctx.node())) {
                ctx.act(List.of("vgchange", "--deltag", other, vg), Lvm.ENV, timeout);
            }
        }
        if (!tags.contains(ctx.node())) {
            ctx.act(List.of("vgchange", "--addtag", ctx.node(), vg), Lvm.ENV, timeout);
        }
        try {
            ctx.act(List.of("vgchange", "-a", "y", vg), Lvm.ENV, timeout);
        } catch (ActionException e) {
            // the tag alone would report the group up: give it back so status tells the truth
            dropTag(ctx, vg, timeout);
            throw e;
        }
    }

    @Override
    public void stop(ResourceContext ctx) throws ActionException {
        String vg = requireName(ctx);
        Duration timeout = ctx.timeout("stop");
        Optional<List<String>> tags = Lvm.tags(ctx, vg, timeout);
        if (tags.isEmpty()) {
            return;
        }
        ctx.act(List.of("vgchange", "-a", "n", vg), Lvm.ENV, timeout);
        if (tags.get().contains(ctx.node())) {
            ctx.act(List.of("vgchange", "--deltag", ctx.node(), vg), Lvm.ENV, timeout);
        }
    }

    @Override
    public List<String> exposedDevices(ResourceContext ctx) {
        return name(ctx).map(vg -> Lvm.activeVolumes(ctx, vg, ctx.timeout("status"))).orElse(List.of());
    }

    @Override
    public Optional<Boolean> provisioned(ResourceContext ctx) {
        try {
            return Optional.of(Lvm.tags(ctx, requireName(ctx), ctx.timeout("status")).isPresent());
        } catch (ActionException e) {
            return Optional.empty();
        }
    }

    @Override
    public void provision(ResourceContext ctx) throws ActionException {
        String vg = requireName(ctx);
        Duration timeout = ctx.timeout("provision");
        if (Lvm.tags(ctx, vg, timeout).isPresent()) {
            ctx.info("volume group " + vg + " already exists");
            return;
        }
        List<String> pvs = ctx.list("pvs");
        if (pvs.isEmpty()) {
            throw new ActionException("volume group " + vg + " does not exist and " + ctx.rid() + ".pvs is not set");
        }
        List<String> argv = new ArrayList<>(List.of("vgcreate"));
        try {
            argv.addAll(ctx.value("options").map(Values::splitCommand).orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new ActionException(ctx.rid() + ".options: " + e.getMessage());
        }
        argv.add(vg);
        argv.addAll(pvs);
        ctx.act(argv, Lvm.ENV, timeout);
    }

    @Override
    public void unprovision(ResourceContext ctx) throws ActionException {
        String vg = requireName(ctx);
        Duration timeout = ctx.timeout("unprovision");
        if (Lvm.tags(ctx, vg, timeout).isEmpty()) {
            ctx.info("volume group " + vg + " already removed");
            return;
        }
        ctx.act(List.of("vgremove", "-f", vg), Lvm.ENV, timeout);
        for (String pv : ctx.list("pvs")) {
            ctx.act(List.of("pvremove", pv), Lvm.ENV, timeout);
        }
    }

    private static void dropTag(ResourceContext ctx, String vg, Duration timeout) {
        try {
            ctx.act(List.of("vgchange", "--deltag", ctx.node(), vg), Lvm.ENV, timeout);
        } catch (ActionException e) {
            ctx.warn(e.getMessage());
        }
    }

    private static Optional<String> name(ResourceContext ctx) {
        return ctx.value("name").or(() -> ctx.value("vgname")).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String requireName(ResourceContext ctx) throws ActionException {
        return name(ctx).orElseThrow(() -> new ActionException(ctx.rid() + ".name is not set"));
    }
}
