package om.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import om.api.daemon.ArbitratorStatus;
import om.api.daemon.DaemonStatus;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;

/**
 * The one codec of the dataset documents of status.md sections 6 and 8, both ways: {@code om daemon status
 * --format json}, {@code om mon --format json}, the node API and the heartbeat messages (whose node data is
 * {@code monitor.nodes.<node>}) all write them here, and the daemon reads peers' node data back here.
 * Decoding is strict about types and lenient about unknown members (a newer peer may add some); a document that
 * does not decode throws {@link IllegalArgumentException} naming the member (e.g.
 * {@code services.status.'ns1/svc/web'.resources.'app#0'.status: expected a string}), never another exception.
 *
 * <p>What the documents carry beyond the spec's samples, all om additions that a reader tolerates missing:
 * <ul>
 *   <li>{@code kind} and {@code priority} of an instance (defaults: the kind of the path, 50);</li>
 *   <li>{@code services.deleted} of node data: canonical path -> deletion time of the objects deleted on the node
 *       (tombstones, so config replication does not bring them back), default empty;</li>
 *   <li>the heartbeat members of the {@code hb#N.rx|tx} threads of the dataset: {@code type}, {@code config},
 *       {@code peers}, {@code last_message}, {@code stats} and {@code dropped} (messages dropped by reason).</li>
 * </ul>
 * What a round trip does not keep: sub-millisecond parts of timestamps (documents carry milliseconds); the
 * {@code running} flag of a resource, which is read back from the instance's {@code running} list (the status
 * service keeps both in step); an instance monitor of node data without an instance status (a monitor travels in
 * its instance's document).
 *
 * <p>Encoding builds Jackson tree nodes directly (no data binding): the daemon writes 1,000 to 10,000 instances
 * per dataset. Thread-safe: no state.
 */
public final class DatasetJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DatasetJson() {
    }

    /**
     * The instance document of section 6, without {@code path}, {@code node} and {@code object}; without
     * {@code monitor} when {@code monitor} is null.
     */
    public static ObjectNode instance(InstanceStatus status, InstanceMonitor monitor) {
        ObjectNode o = NODES.objectNode();
        o.put("kind", status.kind());
        o.put("topology", status.topology());
        o.put("orchestrate", status.orchestrate());
        o.put("avail", status.avail().word());
        o.put("overall", status.overall().word());
        o.put("optional", status.optional().word());
        o.put("provisioned", status.provisioned());
        o.put("frozen", status.frozen());
        o.put("frozen_at", Json.time(status.frozenAt()));
        o.put("updated_at", Json.time(status.updatedAt()));
        o.put("last_started_at", Json.time(status.lastStartedAt()));
        o.put("priority", status.priority());
        strings(o.putArray("running"), status.running());
        ObjectNode resources = o.putObject("resources");
        for (ResourceStatus r : status.resources().values()) {
            resource(resources.putObject(r.rid()), r);
        }
        if (monitor != null) {
            o.set("monitor", monitor(monitor));
        }
        return o;
    }

    /** The {@code monitor} member of an instance document (section 6), also the data of its update event. */
    public static ObjectNode monitor(InstanceMonitor monitor) {
        ObjectNode mon = NODES.objectNode();
        mon.put("state", monitor.state());
        mon.put("global_expect", monitor.globalExpect());
        mon.put("local_expect", monitor.localExpect());
        mon.put("is_leader", monitor.isLeader());
        mon.put("state_updated_at", Json.time(monitor.stateUpdatedAt()));
        mon.put("global_expect_updated_at", Json.time(monitor.globalExpectUpdatedAt()));
        strings(mon.putObject("global_expect_options").putArray("destination"), monitor.destination());
        mon.put("orchestration_id", monitor.orchestrationId());
        mon.put("cleared_at", Json.time(monitor.clearedAt()));
        return mon;
    }

    /** An object of {@code monitor.services} (section 8), also the data of its update event. */
    public static ObjectNode objectStatus(ObjectStatus status) {
        ObjectNode o = NODES.objectNode();
        object(o, status);
        return o;
    }

    /** An object's entry of {@code services.config} in node data ({@code scope}, {@code csum}, {@code updated_at}). */
    public static ObjectNode config(ObjectConfigSummary c) {
        ObjectNode co = NODES.objectNode();
        strings(co.putArray("scope"), c.scope());
        co.put("csum", c.checksum());
        co.put("updated_at", Json.time(c.mtime()));
        return co;
    }

    /** The {@code stats} member of node data (an unknown load left out). */
    public static ObjectNode nodeStats(NodeStats s) {
        ObjectNode o = NODES.objectNode();
        stats(o, s);
        return o;
    }

    /** A heartbeat thread's members of the dataset ({@code type}, {@code config}, {@code peers}...), named. */
    public static ObjectNode heartbeat(HeartbeatStatus hb) {
        ObjectNode o = NODES.objectNode();
        o.put("name", hb.name());
        heartbeat(o, hb);
        return o;
    }

    /**
     * One node's data, {@code monitor.nodes.<node>} of section 8; {@code services.deleted} is an om addition
     * (canonical path -> deletion time).
     */
    public static ObjectNode nodeData(NodeData data) {
        ObjectNode o = NODES.objectNode();
        NodeMonitor m = data.monitor();
        ObjectNode mon = o.putObject("monitor");
        mon.put("state", m.state());
        mon.put("global_expect", m.globalExpect());
        mon.put("state_updated_at", Json.time(m.stateUpdatedAt()));
        o.put("frozen", data.frozen());
        o.put("frozen_at", Json.time(data.frozenAt()));
        o.put("updated_at", Json.time(data.updatedAt()));
        ObjectNode gen = o.putObject("gen");
        data.gen().forEach(gen::put);
        stats(o.putObject("stats"), data.stats());
        ObjectNode arbitrators = o.putObject("arbitrators");
        for (Map.Entry<String, ArbitratorStatus> e : data.arbitrators().entrySet()) {
            ObjectNode a = arbitrators.putObject(e.getKey());
            a.put("name", e.getValue().name());
            a.put("status", e.getValue().status());
        }
        ObjectNode services = o.putObject("services");
        ObjectNode config = services.putObject("config");
        for (Map.Entry<String, ObjectConfigSummary> e : data.configs().entrySet()) {
            config.set(e.getKey(), config(e.getValue()));
        }
        ObjectNode status = services.putObject("status");
        Map<String, InstanceMonitor> monitors = data.monitors();
        for (Map.Entry<String, InstanceStatus> e : data.instances().entrySet()) {
            status.set(e.getKey(), instance(e.getValue(), monitors.get(e.getKey())));
        }
        ObjectNode deleted = services.putObject("deleted");
        data.deleted().forEach((path, at) -> deleted.put(path, Json.time(at)));
        return o;
    }

    /**
     * Reads node data back ({@code node} and {@code path} of its instances are taken from the keys).
     *
     * @throws IllegalArgumentException when the document does not decode
     */
    public static NodeData nodeData(String node, JsonNode doc) {
        return DatasetDecoder.nodeData(node, doc);
    }

    /**
     * Reads one instance document back (its {@code monitor} member is read by {@link #instanceMonitor}).
     *
     * @throws IllegalArgumentException when the document does not decode
     */
    public static InstanceStatus instanceStatus(String node, String path, JsonNode doc) {
        return DatasetDecoder.instanceStatus(node, path, doc, DatasetDecoder.At.ROOT);
    }

    /**
     * Reads the monitor member of an instance document, null when absent.
     *
     * @throws IllegalArgumentException when the member does not decode
     */
    public static InstanceMonitor instanceMonitor(JsonNode doc) {
        return DatasetDecoder.instanceMonitor(doc, DatasetDecoder.At.ROOT);
    }

    /**
     * The whole dataset of section 8: {@code cluster}, then one member per daemon thread (sorted); the
     * {@code monitor} thread carries {@code nodes} and {@code services}, the {@code listener} thread its
     * {@code config} ({@code addr}, {@code port}) when known; a heartbeat thread carries its
     * {@link HeartbeatStatus} members after {@code state}, {@code created} and {@code alerts}.
     */
    public static ObjectNode daemonStatus(DaemonStatus status) {
        ObjectNode root = NODES.objectNode();
        ObjectNode cluster = root.putObject("cluster");
        cluster.put("name", status.cluster().name());
        cluster.put("id", status.cluster().id());
        strings(cluster.putArray("nodes"), status.cluster().nodes());
        cluster.put("quorum", status.cluster().quorum());
        Map<String, HeartbeatStatus> heartbeats = status.heartbeats();
        for (Map.Entry<String, ThreadStatus> e : status.threads().entrySet()) {
            String name = e.getKey();
            ObjectNode th = thread(root.putObject(name), e.getValue());
            if (name.equals("monitor")) {
                ObjectNode nodes = th.putObject("nodes");
                status.nodes().forEach((n, data) -> nodes.set(n, nodeData(data)));
                ObjectNode services = th.putObject("services");
                status.objects().forEach((p, os) -> object(services.putObject(p), os));
            }
            if (name.equals("listener") && status.listener() != null) {
                ObjectNode config = th.putObject("config");
                config.put("addr", status.listener().addr());
                config.put("port", status.listener().port());
            }
            HeartbeatStatus hb = heartbeats.get(name);
            if (hb != null) {
                heartbeat(th, hb);
            }
        }
        // a heartbeat whose thread is not (or no longer) listed still shows its figures
        heartbeats.forEach((name, hb) -> {
            if (!status.threads().containsKey(name)) {
                heartbeat(root.putObject(name), hb);
            }
        });
        return root;
    }

    private static ObjectNode thread(ObjectNode o, ThreadStatus t) {
        o.put("state", t.state());
        o.put("created", Json.time(t.created()));
        strings(o.putArray("alerts"), t.alerts());
        return o;
    }

    private static void heartbeat(ObjectNode o, HeartbeatStatus hb) {
        o.put("type", hb.type());
        ObjectNode config = o.putObject("config");
        config.put("addr", hb.addr());
        config.put("port", hb.port());
        config.put("interval", hb.interval());
        config.put("timeout", hb.timeout());
        ObjectNode peers = o.putObject("peers");
        for (Map.Entry<String, HeartbeatStatus.Peer> e : hb.peers().entrySet()) {
            ObjectNode p = peers.putObject(e.getKey());
            p.put("beating", e.getValue().beating());
            p.put("last", Json.time(e.getValue().last()));
        }
        o.put("last_message", hb.lastMessage());
        HeartbeatStatus.Stats s = hb.stats() == null ? HeartbeatStatus.Stats.NONE : hb.stats();
        ObjectNode stats = o.putObject("stats");
        stats.put("messages", s.messages());
        stats.put("bytes", s.bytes());
        stats.put("errors", s.errors());
        ObjectNode dropped = o.putObject("dropped");
        hb.dropped().forEach(dropped::put);
    }

    private static void stats(ObjectNode o, NodeStats s) {
        // an unknown load is left out rather than written as NaN, which is not JSON
        if (s.loadKnown() && !Double.isInfinite(s.load15m())) {
            o.put("load_15m", s.load15m());
        }
        o.put("score", s.score());
        o.put("mem_total_mb", s.memTotalMb());
        o.put("mem_avail_pct", s.memAvailPct());
        o.put("swap_total_mb", s.swapTotalMb());
        o.put("swap_avail_pct", s.swapAvailPct());
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
        strings(o.putArray("scope"), s.scope());
    }

    private static void resource(ObjectNode n, ResourceStatus r) {
        n.put("type", r.type());
        n.put("label", r.label());
        n.put("status", r.status().word());
        n.put("provisioned", r.provisioned());
        n.put("monitor", r.monitor());
        n.put("disable", r.disable());
        n.put("optional", r.optional());
        n.put("standby", r.standby());
        n.put("encap", r.encap());
        n.put("stopped", r.stopped());
        n.put("restart", r.restart());
        n.put("restart_remaining", r.restartRemaining());
        n.put("subset", r.subset());
        strings(n.putArray("tags"), r.tags());
        ArrayNode log = n.putArray("log");
        for (LogEntry e : r.log()) {
            ObjectNode l = log.addObject();
            l.put("level", e.level().name().toLowerCase(Locale.ROOT));
            l.put("message", e.message());
        }
    }

    private static void strings(ArrayNode a, List<String> values) {
        for (String v : values) {
            a.add(v);
        }
    }
}
