package om.driver.app.internal;

import java.util.List;
import java.util.Optional;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.LogEntry;
import om.api.status.Status;
import org.osgi.service.component.annotations.Component;

/**
 * app.forking, the default app driver: start and stop commands that return once done; status from the check
 * command's exit code through retcodes, n/a without a check.
 */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=app", ResourceDriver.TYPE + "=forking"})
public final class ForkingAppDriver extends AppDriver {
    public ForkingAppDriver() {
        // no references: everything comes from the ResourceContext of each call
    }

    @Override
    public String type() {
        return "forking";
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        try {
            AppSettings s = AppSettings.from(ctx);
            Optional<List<String>> check = s.command("check");
            return check.isEmpty() ? CheckResult.of(Status.NA) : CheckRunner.check(ctx, s, check.get());
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
    }

    @Override
    public void start(ResourceContext ctx) throws ActionException {
        act(ctx, "start");
    }

    @Override
    public void stop(ResourceContext ctx) throws ActionException {
        act(ctx, "stop");
    }

    private static void act(ResourceContext ctx, String action) throws ActionException {
        AppSettings s = AppSettings.from(ctx);
        Optional<List<String>> command = s.command(action);
        if (command.isPresent()) {
            ActionRunner.run(ctx, s, action, command.get());
        }
    }
}
