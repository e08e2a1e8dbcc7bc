package om.driver.ip.internal;

import om.api.driver.CommandText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.osgi.service.component.annotations.Component;

/**
 * ip.host: an address on a local interface, managed with iproute2. Start probes that nobody else answers for
 * the address, adds it, then announces it with a gratuitous ARP; stop deletes it. Everything is read from the
 * kernel at each call, so the status follows changes made outside om.
 */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=ip", ResourceDriver.TYPE + "=host"})
public final class IpHostDriver implements ResourceDriver {
    // queries of the kernel tables answer at once; this only bounds a wedged tool
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
    private final Path sysClassNet;

    public IpHostDriver() {
        this(Path.of("/sys/class/net"));
    }

    IpHostDriver(Path sysClassNet) {
        this.sysClassNet = sysClassNet;
    }

    @Override
    public String group() {
        return "ip";
    }

    @Override
    public String type() {
        return "host";
    }

    @Override
    public List<Keyword> keywords() {
        return IpKeywords.all();
    }

    @Override
    public String label(ResourceContext ctx) {
        String dev = ctx.value(IpKeywords.IPDEV).map(String::strip).orElse("?");
        try {
            IpSettings s = IpSettings.from(ctx);
            return s.addr() + "/" + s.effectivePrefix(addresses(ctx, s.dev())) + "@" + dev;
        } catch (ActionException e) {
            String name = ctx.value(IpKeywords.IPNAME).map(String::strip).orElse("?");
            return name + "@" + dev;
        }
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        IpSettings s;
        try {
            s = IpSettings.from(ctx);
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
        List<IfAddr> addrs;
        try {
            addrs = addresses(ctx, s.dev());
        } catch (ActionException e) {
            return CheckResult.of(Status.DOWN, LogEntry.warn(e.getMessage()));
        }
        List<LogEntry> log = new ArrayList<>();
        boolean up = s.configured(addrs).isPresent();
        if (s.checkCarrier()) {
            Optional<String> problem = carrierProblem(s.dev());
            if (problem.isPresent()) {
                log.add(LogEntry.warn(problem.get()));
                up = false;
            }
        }
        return new CheckResult(up ? Status.UP : Status.DOWN, log);
    }

    @Override
    public void start(ResourceContext ctx) throws ActionException {
        IpSettings s = IpSettings.from(ctx);
        LinkInfo link = LinkInfo.read(ctx, s.dev(), QUERY_TIMEOUT);
        if (s.checkCarrier()) {
            Optional<String> problem = carrierProblem(s.dev());
            if (problem.isPresent()) {
                throw new ActionException(problem.get());
            }
        }
        List<IfAddr> all = IfAddr.parse(ctx.query(List.of("ip", "-o", "addr", "show"), QUERY_TIMEOUT));
        if (s.configured(all).isPresent()) {
            return;
        }
        boolean dryRun = ctx.options() != null && ctx.options().dryRun();
        ctx.info("checking availability");
        if (!dryRun && AvailabilityProbe.inUse(ctx, s.address(), link, all)) {
            throw new ActionException("address " + s.addr() + " is already in use");
        }
        List<String> add = new ArrayList<>(List.of("ip", "addr", "add", s.addr() + "/" + s.effectivePrefix(all),
                "dev", s.dev()));
        if (s.alias() && s.v4()) {
            add.addAll(List.of("label", AliasLabel.next(s.dev(), all)));
        }
        if (dryRun) {
            ctx.info(CommandText.of(add));
            return;
        }
        ctx.act(add, java.util.Map.of(), ctx.timeout("start"));
        if (s.v4() && link.arp()) {
            announce(ctx, s);
        }
    }

    /** A link without carrier makes the resource down, but its address is still there to remove. */
    @Override
    public boolean stopNeeded(ResourceContext ctx, Status current) {
        if (current != Status.DOWN) {
            return true;
        }
        try {
            IpSettings s = IpSettings.from(ctx);
            return s.configured(addresses(ctx, s.dev())).isPresent();
        } catch (ActionException e) {
            return false;
        }
    }

    @Override
    public void stop(ResourceContext ctx) throws ActionException {
        IpSettings s = IpSettings.from(ctx);
        Optional<IfAddr> current = s.configured(addresses(ctx, s.dev()));
        if (current.isEmpty()) {
            return;
        }
        // the prefix the kernel holds, which the netmask keyword may no longer match
        List<String> del = List.of("ip", "addr", "del", current.get().cidr(), "dev", s.dev());
        if (ctx.options() != null && ctx.options().dryRun()) {
            ctx.info(CommandText.of(del));
            return;
        }
        ctx.act(del, java.util.Map.of(), ctx.timeout("stop"));
    }

    /** Tells the neighbours the address moved here; they would otherwise keep a stale MAC until it expires. */
    private static void announce(ResourceContext ctx, IpSettings s) {
        List<String> argv = List.of("arping", "-U", "-c", "1", "-I", s.dev(), "-s", s.addr(), s.addr());
        ctx.info(CommandText.of(argv));
        ExecResult r = ctx.probe(argv, java.util.Map.of(), QUERY_TIMEOUT);
        if (!r.ok()) {
            ctx.warn("announce failed: " + r.reason(QUERY_TIMEOUT));
        }
    }

    private Optional<String> carrierProblem(String dev) {
        return switch (LinkInfo.carrier(sysClassNet, dev)) {
            case ABSENT -> Optional.of("interface " + dev + " has no carrier");
            case ADMIN_DOWN -> Optional.of("interface " + dev + " is down");
            case PRESENT, UNKNOWN -> Optional.empty();
        };
    }

    private static List<IfAddr> addresses(ResourceContext ctx, String dev) throws ActionException {
        try {
            return IfAddr.parse(ctx.query(List.of("ip", "-o", "addr", "show", "dev", dev), QUERY_TIMEOUT));
        } catch (ActionException e) {
            throw LinkInfo.notFoundOr(dev, e);
        }
    }
}
