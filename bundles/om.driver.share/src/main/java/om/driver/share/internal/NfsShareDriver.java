package om.driver.share.internal;

import om.api.driver.CommandText;
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
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.LogEntry;
import om.api.status.Status;
import om.driver.share.internal.ExportTable.Export;
import org.osgi.service.component.annotations.Component;

/**
 * share.nfs: exports a directory to the clients of the opts keyword with exportfs, one {@code exportfs -o}
 * per client. The kernel export table ({@code exportfs -v}) is the only state: status reads it at each call.
 */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=share", ResourceDriver.TYPE + "=nfs"})
public final class NfsShareDriver implements ResourceDriver {
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    public NfsShareDriver() {
        // no references: everything comes from the ResourceContext of each call
    }

    @Override
    public String group() {
        return "share";
    }

    @Override
    public String type() {
        return "nfs";
    }

    @Override
    public List<Keyword> keywords() {
        return ShareKeywords.all();
    }

    @Override
    public String label(ResourceContext ctx) {
        return "nfs " + ctx.value(ShareKeywords.PATH).map(String::strip).orElse("?");
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        ShareSettings s;
        ExportTable table;
        try {
            s = ShareSettings.from(ctx);
            table = read(ctx);
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
        List<LogEntry> log = new ArrayList<>();
        int good = 0;
        for (ClientEntry entry : s.clients()) {
            Optional<String> problem = problem(s.path(), entry, table);
            if (problem.isEmpty()) {
                good++;
            } else {
                log.add(LogEntry.warn(problem.get()));
            }
        }
        if (good == s.clients().size()) {
            return new CheckResult(Status.UP, log);
        }
        boolean none = s.clients().stream().allMatch(e -> table.find(s.path(), e).isEmpty());
        // nothing exported is plainly down: the entries would only repeat it
        return none ? CheckResult.of(Status.DOWN) : new CheckResult(Status.WARN, log);
    }

    @Override
    public void start(ResourceContext ctx) throws ActionException {
        ShareSettings s = ShareSettings.from(ctx);
        Path dir = Path.of(s.path());
        if (!Files.exists(dir)) {
            throw new ActionException("path " + s.path() + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new ActionException("path " + s.path() + " is not a directory");
        }
        boolean dryRun = ctx.options() != null && ctx.options().dryRun();
        ExportTable before = read(ctx);
        List<ClientEntry> done = new ArrayList<>();
        try {
            for (ClientEntry entry : s.clients()) {
                if (problem(s.path(), entry, before).isEmpty()) {
                    continue;
                }
                List<String> argv = new ArrayList<>(List.of("exportfs"));
                if (!entry.options().isEmpty()) {
                    argv.addAll(List.of("-o", entry.options()));
                }
                argv.add(entry.target(s.path()));
                run(ctx, argv, "start", dryRun);
                done.add(entry);
            }
            if (dryRun) {
                return;
            }
            // exportfs says 0 even when it could not resolve a client and exported nothing
            ExportTable after = read(ctx);
            for (ClientEntry entry : done) {
                Optional<String> problem = problem(s.path(), entry, after);
                if (problem.isPresent()) {
                    throw new ActionException(problem.get());
                }
            }
        } catch (ActionException e) {
            undo(ctx, s.path(), done);
            throw e;
        }
    }

    @Override
    public void stop(ResourceContext ctx) throws ActionException {
        ShareSettings s = ShareSettings.from(ctx);
        boolean dryRun = ctx.options() != null && ctx.options().dryRun();
        ExportTable table = read(ctx);
        ActionException first = null;
        for (ClientEntry entry : s.clients()) {
            if (table.find(s.path(), entry).isEmpty()) {
                continue;
            }
            try {
                run(ctx, List.of("exportfs", "-u", entry.target(s.path())), "stop", dryRun);
            } catch (ActionException e) {
                // unexport the others anyway: a stop leaves as little exported as it can
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Why the entry is not exported as configured, empty when it is. */
    private static Optional<String> problem(String path, ClientEntry entry, ExportTable table) {
        Optional<Export> export = table.find(path, entry);
        if (export.isEmpty()) {
            return Optional.of(entry.target(path) + " is not exported");
        }
        List<String> conflicts = ExportTable.conflicts(entry, export.get());
        return conflicts.isEmpty() ? Optional.empty() : Optional.of(entry.target(path) + " is exported with "
                + String.join(",", export.get().options()) + ", not " + String.join(",", conflicts));
    }

    /** Takes back what a failed start exported, so that nothing stays half exported. */
    private static void undo(ResourceContext ctx, String path, List<ClientEntry> done) {
        for (ClientEntry entry : done) {
            try {
                run(ctx, List.of("exportfs", "-u", entry.target(path)), "start", false);
            } catch (ActionException e) {
                ctx.warn(e.getMessage());
            }
        }
    }

    private static ExportTable read(ResourceContext ctx) throws ActionException {
        return ExportTable.parse(ctx.query(List.of("exportfs", "-v"), QUERY_TIMEOUT));
    }

    private static void run(ResourceContext ctx, List<String> argv, String action, boolean dryRun)
            throws ActionException {
        if (dryRun) {
            ctx.info(CommandText.of(argv));
            return;
        }
        // exportfs explains some silent failures and defaults it assumed on stderr: act logs them as warnings
        ctx.act(argv, Map.of(), ctx.timeout(action));
    }
}
