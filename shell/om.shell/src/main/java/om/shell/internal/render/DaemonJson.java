package om.shell.internal.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;

/**
 * The document of {@code om daemon status --format json} and {@code om mon --format json} (status.md section 8),
 * rendered from the daemon's typed dataset.
 */
public final class DaemonJson {
    private DaemonJson() {
    }

    /** The dataset; {@code extra} members (e.g. {@code log}) are added after the threads. */
    public static ObjectNode of(Json json, DaemonStatus st, Map<String, Object> extra) {
        ObjectNode root = json.object();
        ObjectNode cluster = root.putObject("cluster");
        cluster.put("name", st.cluster().name());
        cluster.put("id", st.cluster().id());
        ArrayNode nodes = cluster.putArray("nodes");
        st.cluster().nodes().forEach(nodes::add);
        cluster.put("quorum", st.cluster().quorum());
        st.threads().forEach((name, t) -> {
            ObjectNode th = thread(root.putObject(name), t);
            if (name.equals("monitor")) {
                ObjectNode nd = th.putObject("nodes");
                st.nodes().forEach((n, data) -> node(json, nd.putObject(n), data));
                ObjectNode services = th.putObject("services");
                st.objects().forEach((p, o) -> object(services.putObject(p), o));
            }
        });
        extra.forEach((k, v) -> root.set(k, json.valueToTree(v)));
        return root;
    }

    private static ObjectNode thread(ObjectNode o, ThreadStatus t) {
        o.put("state", t.state());
        o.put("created", InstanceJson.time(t.created()));
        ArrayNode alerts = o.putArray("alerts");
        t.alerts().forEach(alerts::add);
        return o;
    }

    private static void node(Json json, ObjectNode o, NodeData d) {
        ObjectNode mon = o.putObject("monitor");
        mon.put("state", d.monitor().state());
        mon.put("global_expect", d.monitor().globalExpect());
        mon.put("state_updated_at", InstanceJson.time(d.monitor().stateUpdatedAt()));
        o.put("frozen", d.frozen());
        o.put("frozen_at", InstanceJson.time(d.frozenAt()));
        o.put("updated_at", InstanceJson.time(d.updatedAt()));
        ObjectNode gen = o.putObject("gen");
        d.gen().forEach(gen::put);
        stats(o.putObject("stats"), d.stats());
        o.putObject("arbitrators");
        ObjectNode services = o.putObject("services");
        ObjectNode config = services.putObject("config");
        d.configs().forEach((p, c) -> config(config.putObject(p), c));
        ObjectNode status = services.putObject("status");
        for (Map.Entry<String, InstanceStatus> e : d.instances().entrySet()) {
            InstanceMonitor m = d.monitors().get(e.getKey());
            status.set(e.getKey(), InstanceJson.of(json, e.getValue(), m, null, false));
        }
    }

    private static void stats(ObjectNode o, NodeStats s) {
        if (s.loadKnown()) {
            o.put("load_15m", s.load15m());
        }
        o.put("score", s.score());
        o.put("mem_total_mb", s.memTotalMb());
        o.put("mem_avail_pct", s.memAvailPct());
        o.put("swap_total_mb", s.swapTotalMb());
        o.put("swap_avail_pct", s.swapAvailPct());
    }

    private static void config(ObjectNode o, ObjectConfigSummary c) {
        scope(o.putArray("scope"), c.scope());
        o.put("csum", c.checksum());
        o.put("updated_at", InstanceJson.time(c.mtime()));
    }

    private static void object(ObjectNode o, ObjectStatus s) {
        o.put("avail", s.avail().word());
        o.put("overall", s.overall().word());
        o.put("placement", s.placement());
        o.put("frozen", s.frozen());
        o.put("provisioned", s.provisioned());
        o.put("topology", s.topology());
        o.put("orchestrate", s.orchestrate());
        o.put("flex_min", s.flexMin());
        o.put("flex_max", s.flexMax());
        o.put("flex_target", s.flexTarget());
        o.put("up_instances", s.upInstances());
        scope(o.putArray("scope"), s.scope());
    }

    private static void scope(ArrayNode a, List<String> nodes) {
        nodes.forEach(a::add);
    }
}
