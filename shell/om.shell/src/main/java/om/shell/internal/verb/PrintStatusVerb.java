package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import om.api.ObjectPath;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectStatus;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.cli.OptionSpec;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.InstanceJson;
import om.shell.internal.render.Json;
import om.shell.internal.render.ObjectAggregate;
import om.shell.internal.render.StatusTree;

/** {@code om <selector> print status [--refresh] [--format json|flat_json]}. */
public final class PrintStatusVerb implements Verb {
    /** One instance to show: its node, status and monitor (idle when no daemon tells otherwise). */
    private record Shown(String node, InstanceStatus status, InstanceMonitor monitor, boolean nodeFrozen) {
    }

    @Override
    public int run(VerbRequest request, Session session) {
        String format = request.option("--format");
        boolean machine = Json.isMachine(format);
        List<ObjectPath> paths = session.select(request.selector());
        boolean refresh = request.has("--refresh");
        // one snapshot of the cluster for the whole command: every object is shown from the same moment
        DaemonStatus cluster = session.services().daemonRunning() ? session.services().requireDaemon().status() : null;
        Json json = new Json();
        ObjectNode all = json.object();
        StringBuilder text = new StringBuilder();
        boolean single = paths.size() == 1 && ObjectPath.isValid(request.selector());
        int rc = 0;
        for (ObjectPath p : paths) {
            List<Shown> shown;
            Optional<ObjectConfig> cfg;
            try {
                cfg = session.services().store().exists(p) ? session.services().store().load(p) : Optional.empty();
                shown = instances(session, cluster, p, refresh);
            } catch (om.api.OmException e) {
                if (single) {
                    throw e;
                }
                // one broken config must not hide the other objects of the selection
                session.error(e.getMessage());
                rc = 1;
                continue;
            }
            if (shown.isEmpty()) {
                if (single) {
                    throw new om.api.OmException(p.canonical() + ": no instance", 1);
                }
                continue;
            }
            if (machine) {
                Shown first = shown.get(0);
                ObjectStatus os = cluster == null ? null : cluster.objects().get(p.canonical());
                ObjectAggregate agg = os != null ? ObjectAggregate.of(os)
                        : ObjectAggregate.of(List.of(first.status()), first.status().topology(), flexMin(cfg),
                                flexMax(cfg));
                ObjectNode doc = cluster == null ? InstanceJson.of(json, first.status(), agg, true)
                        : InstanceJson.of(json, first.status(), first.monitor(), agg, true);
                if (single) {
                    json.print(doc, format, session.out());
                    return 0;
                }
                all.set(p.canonical(), doc);
                continue;
            }
            // one instance: the manual's tree, headed by the path among several objects; several instances:
            // one tree per instance, each headed by <path>@<node>
            boolean byNode = shown.size() > 1 || !shown.get(0).node().equals(session.node());
            for (Shown i : shown) {
                if (byNode || !single) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(p.canonical());
                    if (byNode) {
                        text.append('@').append(i.node());
                    }
                    text.append('\n');
                }
                text.append(StatusTree.render(i.status(), notices(session, i), parallelSubsets(i.status(), cfg),
                        related(session, cluster, cfg)));
            }
        }
        if (machine) {
            json.print(all, format, session.out());
        } else {
            session.out().print(text);
        }
        return rc;
    }

    /**
     * The local instance (from the status service: evaluated again with {@code --refresh}) when the object is
     * installed here, then each peer's instance from the cluster's data, nodes sorted by name.
     */
    private static List<Shown> instances(Session session, DaemonStatus cluster, ObjectPath p, boolean refresh) {
        List<Shown> out = new ArrayList<>();
        String local = session.node();
        String key = p.canonical();
        if (session.services().store().exists(p) || cluster == null) {
            InstanceStatus st = refresh ? session.services().status().refresh(p) : session.services().status().get(p);
            NodeData nd = cluster == null ? null : cluster.nodes().get(local);
            InstanceMonitor mon = nd == null ? null : nd.monitors().get(key);
            st = withSync(st, nd == null ? null : nd.instances().get(key));
            boolean nodeFrozen = nd != null ? nd.frozen()
                    : Files.exists(session.services().installation().var().resolve("node").resolve("frozen"));
            out.add(new Shown(local, st, mon == null ? InstanceMonitor.idle(InstanceJson.candidate(st)) : mon,
                    nodeFrozen));
        }
        if (cluster == null) {
            return out;
        }
        cluster.nodes().forEach((node, nd) -> {
            InstanceStatus st = nd.instances().get(key);
            if (!node.equals(local) && st != null) {
                InstanceMonitor mon = nd.monitors().get(key);
                out.add(new Shown(node, st, mon == null ? InstanceMonitor.idle(false) : mon, nd.frozen()));
            }
        });
        return out;
    }

    static final String SYNC = "sync#i0";

    /**
     * The local instance read here with the {@code sync#i0} accessory the daemon evaluated from its peers' data
     * (config replication is known to the daemon only), counted in overall and optional as an accessory is.
     */
    static InstanceStatus withSync(InstanceStatus st, InstanceStatus daemonView) {
        ResourceStatus sync = daemonView == null ? null : daemonView.resources().get(SYNC);
        if (sync == null || st.resources().containsKey(SYNC)) {
            return st;
        }
        java.util.Map<String, ResourceStatus> resources = new java.util.LinkedHashMap<>();
        boolean placed = false;
        for (java.util.Map.Entry<String, ResourceStatus> e : st.resources().entrySet()) {
            if (!placed && after(e.getValue())) {
                resources.put(SYNC, sync);
                placed = true;
            }
            resources.put(e.getKey(), e.getValue());
        }
        if (!placed) {
            resources.put(SYNC, sync);
        }
        List<om.api.status.Status> overall = new ArrayList<>(List.of(st.overall()));
        overall.add(sync.status());
        List<om.api.status.Status> optional = new ArrayList<>(List.of(st.optional()));
        optional.add(sync.status());
        return new InstanceStatus(st.path(), st.node(), st.kind(), st.topology(), st.orchestrate(), st.avail(),
                om.api.status.Aggregate.of(overall), om.api.status.Aggregate.of(optional), st.provisioned(),
                st.frozen(), st.frozenAt(), st.updatedAt(), st.lastStartedAt(), st.running(), resources,
                st.priority());
    }

    /**
     * Whether a resource of the evaluated status comes after {@code sync#i0} in the tree: a later driver group
     * (task), or a sync resource whose index sorts after {@code i0} (digits sort first, as the resources do).
     */
    private static boolean after(ResourceStatus r) {
        int sync = om.api.driver.DriverRegistry.GROUPS.indexOf("sync");
        int rank = om.api.driver.DriverRegistry.GROUPS.indexOf(r.group());
        if (rank < 0 || rank > sync) {
            return true;
        }
        return rank == sync && r.rid().compareTo(SYNC) > 0;
    }

    /** The parents and children of the object with their avail, for the tree's last nodes. */
    private static java.util.Map<String, java.util.Map<String, String>> related(Session session,
                                                                                 DaemonStatus cluster,
                                                                                 Optional<ObjectConfig> cfg) {
        java.util.Map<String, java.util.Map<String, String>> out = new java.util.LinkedHashMap<>();
        for (String kind : List.of("parents", "children")) {
            List<String> names = cfg.map(c -> c.getList("DEFAULT", kind)).orElse(List.of());
            if (names.isEmpty()) {
                continue;
            }
            java.util.Map<String, String> avail = new java.util.LinkedHashMap<>();
            for (String n : names) {
                avail.put(n, availOf(session, cluster, n));
            }
            out.put(kind, avail);
        }
        return out;
    }

    /** The object avail across nodes when the daemon knows it, else the local instance's. */
    private static String availOf(Session session, DaemonStatus cluster, String name) {
        try {
            ObjectPath p = ObjectPath.parse(name);
            ObjectStatus os = cluster == null ? null : cluster.objects().get(p.canonical());
            if (os != null) {
                return os.avail().word();
            }
            if (!session.services().store().exists(p)) {
                return "n/a";
            }
            return session.services().status().get(p).avail().word();
        } catch (RuntimeException e) {
            return "undef";
        }
    }

    private static int flexMin(Optional<ObjectConfig> cfg) {
        return cfg.flatMap(c -> c.get("DEFAULT", "flex_min")).flatMap(Values::parseInt).map(Long::intValue).orElse(1);
    }

    private static int flexMax(Optional<ObjectConfig> cfg) {
        return cfg.flatMap(c -> c.get("DEFAULT", "flex_max")).flatMap(Values::parseInt).map(Long::intValue)
                .orElse(cfg.map(c -> c.getList("DEFAULT", "nodes").size()).orElse(1));
    }

    /**
     * The notices of the overall line (status.md section 5): frozen, node frozen, provisioning, priority, the
     * monitor state when not idle, the global expect when set, and {@code daemon down} without a daemon.
     */
    private static List<String> notices(Session session, Shown i) {
        InstanceStatus st = i.status();
        List<String> n = new ArrayList<>();
        if (st.frozen()) {
            n.add("frozen");
        }
        if (i.nodeFrozen()) {
            n.add("node frozen");
        }
        if ("false".equals(st.provisioned())) {
            n.add("not provisioned");
        } else if ("mixed".equals(st.provisioned())) {
            n.add("part-provisioned");
        }
        if (st.priority() != 50) {
            n.add("p" + st.priority());
        }
        InstanceMonitor m = i.monitor();
        if (m.state() != null && !m.idle()) {
            n.add(m.state());
        }
        if (m.globalExpect() != null && !"none".equals(m.globalExpect())) {
            n.add(">" + m.globalExpect());
        }
        if (!session.services().daemonRunning()) {
            n.add("daemon down");
        }
        return n;
    }

    private static Set<String> parallelSubsets(InstanceStatus st, Optional<ObjectConfig> cfg) {
        Set<String> out = new HashSet<>();
        if (cfg.isEmpty()) {
            return out;
        }
        for (ResourceStatus r : st.resources().values()) {
            if (r.subset() != null) {
                String key = r.group() + ":" + r.subset();
                if (cfg.get().raw().section("subset#" + key).isPresent()
                        && cfg.get().getBool("subset#" + key, "parallel")) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    @Override
    public List<String> words() {
        return List.of("print", "status");
    }

    @Override
    public String summary() {
        return "print the status of the instances of the selected objects";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.flag("--refresh", "evaluate every resource status now instead of using the cached one"),
                CommonOptions.FORMAT);
    }

    @Override
    public String description() {
        return """
                Print the instance status as a tree: overall, avail and accessory, one line per resource with
                its flags, status and label. With the daemon running, every node's instance is shown, each tree
                headed by <path>@<node>.""";
    }
}
