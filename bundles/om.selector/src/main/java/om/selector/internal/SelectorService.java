package om.selector.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import om.api.Cancellation;
import om.api.OmException;
import om.api.ObjectPath;
import om.api.cluster.ClusterView;
import om.api.config.ObjectStore;
import om.api.daemon.DaemonStatus;
import om.api.daemon.NodeData;
import om.api.select.ObjectSelector;
import om.selector.internal.eval.Evaluator;
import om.selector.internal.parse.Or;
import om.selector.internal.parse.SelectorParser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@link ObjectSelector} service: parses a selector and evaluates it over the installed objects of the
 * {@link ObjectStore}, reading configurations as the local node. An evaluation stops when the caller's
 * {@link Cancellation} is cancelled and bounds the time of {@code ~} regexes (see Evaluator).
 *
 * <p>Inside a daemon the universe also holds every object the cluster view knows from any node's data (its config
 * summary, an instance or the object aggregation), so {@code om '*' ls} and {@code print status} see an object
 * that lives on a peer only. Such an object has no config here: path terms match it, filters never do.
 */
@Component(service = ObjectSelector.class)
public final class SelectorService implements ObjectSelector {
    private final ObjectStore store;
    private final ClusterView cluster;

    /** The cluster's paths of the last snapshot seen: snapshots are immutable, so one per snapshot is enough. */
    private volatile ClusterPaths last;

    private record ClusterPaths(DaemonStatus snapshot, Set<String> canonical) {
    }

    /** @param cluster the daemon's cluster view, null outside a daemon (the universe is then the local files) */
    @Activate
    public SelectorService(@Reference(name = "store") ObjectStore store,
                           @Reference(name = "cluster", cardinality = ReferenceCardinality.OPTIONAL,
                                   policyOption = ReferencePolicyOption.GREEDY) ClusterView cluster) {
        this.store = store;
        this.cluster = cluster;
    }

    SelectorService(ObjectStore store) {
        this(store, null);
    }

    @Override
    public List<ObjectPath> select(String selector, Cancellation cancel) {
        Or expr = SelectorParser.parse(selector);
        var single = expr.singlePath();
        if (single.isPresent()) {
            ObjectPath path = single.get();
            if (!store.exists(path) && !clusterPaths().contains(path.canonical())) {
                throw new OmException(path.canonical() + ": object not found", 1);
            }
            return List.of(path);
        }
        return new Evaluator(store.batchLoader()).select(expr, universe(), cancel);
    }

    /** The local objects, plus those only the cluster's data knows, sorted by canonical path. */
    List<ObjectPath> universe() {
        List<ObjectPath> local = store.list();
        Set<String> remote = clusterPaths();
        if (remote.isEmpty()) {
            return local;
        }
        Set<String> known = new HashSet<>(local.size() * 2);
        local.forEach(p -> known.add(p.canonical()));
        List<ObjectPath> extra = new ArrayList<>();
        for (String c : remote) {
            if (!known.contains(c) && ObjectPath.isValid(c)) {
                extra.add(ObjectPath.parse(c));
            }
        }
        if (extra.isEmpty()) {
            return local;
        }
        List<ObjectPath> all = new ArrayList<>(local.size() + extra.size());
        all.addAll(local);
        all.addAll(extra);
        all.sort(java.util.Comparator.comparing(ObjectPath::canonical));
        return all;
    }

    private Set<String> clusterPaths() {
        if (cluster == null) {
            return Set.of();
        }
        DaemonStatus now = cluster.current();
        if (now == null) {
            return Set.of();
        }
        ClusterPaths seen = last;
        if (seen != null && seen.snapshot() == now) {
            return seen.canonical();
        }
        Set<String> paths = new TreeSet<>(now.objects().keySet());
        for (NodeData nd : now.nodes().values()) {
            paths.addAll(nd.configs().keySet());
            paths.addAll(nd.instances().keySet());
        }
        Set<String> out = Set.copyOf(paths);
        last = new ClusterPaths(now, out);
        return out;
    }
}
