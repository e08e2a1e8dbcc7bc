package om.selector.internal;

import java.util.List;
import om.api.Cancellation;
import om.api.OmException;
import om.api.ObjectPath;
import om.api.config.ObjectStore;
import om.api.select.ObjectSelector;
import om.selector.internal.eval.Evaluator;
import om.selector.internal.parse.Or;
import om.selector.internal.parse.SelectorParser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link ObjectSelector} service: parses a selector and evaluates it over the installed objects of the
 * {@link ObjectStore}, reading configurations as the local node. An evaluation stops when the caller's
 * {@link Cancellation} is cancelled and bounds the time of {@code ~} regexes (see Evaluator).
 */
@Component(service = ObjectSelector.class)
public final class SelectorService implements ObjectSelector {
    private final ObjectStore store;

    @Activate
    public SelectorService(@Reference(name = "store") ObjectStore store) {
        this.store = store;
    }

    @Override
    public List<ObjectPath> select(String selector, Cancellation cancel) {
        Or expr = SelectorParser.parse(selector);
        var single = expr.singlePath();
        if (single.isPresent()) {
            ObjectPath path = single.get();
            if (!store.exists(path)) {
                throw new OmException(path.canonical() + ": object not found", 1);
            }
            return List.of(path);
        }
        List<ObjectPath> universe = store.list();
        return new Evaluator(store.batchLoader()).select(expr, universe, cancel);
    }
}
