package om.driver.app.internal;

import java.util.List;
import om.api.config.Keyword;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;

/** What app.forking and app.simple share: the group, the keyword table and the label. */
abstract class AppDriver implements ResourceDriver {
    @Override
    public final String group() {
        return "app";
    }

    @Override
    public final List<Keyword> keywords() {
        return AppKeywords.all();
    }

    @Override
    public final String label(ResourceContext ctx) {
        return AppLabel.of(type(), ctx);
    }
}
