package om.core.internal.driver;

import java.util.List;
import om.api.config.Keyword;
import om.api.driver.CheckResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.Status;

/** A disk.loop driver that does nothing, for tests overriding one method. */
abstract class FakeDriverBase implements ResourceDriver {
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
        return List.of();
    }

    @Override
    public String label(ResourceContext ctx) {
        return ctx.rid();
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        return CheckResult.of(Status.DOWN);
    }

    @Override
    public void start(ResourceContext ctx) {
    }

    @Override
    public void stop(ResourceContext ctx) {
    }
}
