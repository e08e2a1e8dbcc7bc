package om.shell.internal.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import om.api.daemon.InstanceMonitor;
import om.api.status.InstanceStatus;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;

/** The instance document of status.md section 6, rendered from the typed records. */
public final class InstanceJson {
    private InstanceJson() {
    }

    public static String time(Instant t) {
        return om.api.json.Json.time(t);
    }

    /**
     * Whether the instance alone can be a placement leader (orchestration.md section 4: not frozen, avail not n/a,
     * fully provisioned), for documents made without the daemon's monitor.
     */
    public static boolean candidate(InstanceStatus st) {
        String prov = st.provisioned();
        return !st.frozen() && st.avail() != Status.NA && !"false".equals(prov) && !"mixed".equals(prov);
    }

    /** The instance document without a daemon monitor; {@code withIdentity} adds path, node and the aggregate. */
    public static ObjectNode of(Json json, InstanceStatus st, ObjectAggregate object, boolean withIdentity) {
        return of(json, st, InstanceMonitor.idle(candidate(st)), object, withIdentity);
    }

    /** The instance document with its monitor; {@code withIdentity} adds path, node and the object aggregate. */
    public static ObjectNode of(Json json, InstanceStatus st, InstanceMonitor monitor, ObjectAggregate object,
                                boolean withIdentity) {
        ObjectNode o = json.object();
        if (withIdentity) {
            o.put("path", st.path());
            o.put("node", st.node());
        }
        o.put("kind", st.kind());
        o.put("topology", st.topology());
        o.put("orchestrate", st.orchestrate());
        o.put("avail", st.avail().word());
        o.put("overall", st.overall().word());
        o.put("optional", st.optional().word());
        o.put("provisioned", st.provisioned());
        o.put("frozen", st.frozen());
        o.put("frozen_at", time(st.frozenAt()));
        o.put("updated_at", time(st.updatedAt()));
        o.put("last_started_at", time(st.lastStartedAt()));
        o.put("priority", st.priority());
        ArrayNode running = o.putArray("running");
        st.running().forEach(running::add);
        ObjectNode resources = o.putObject("resources");
        for (ResourceStatus r : st.resources().values()) {
            resource(resources.putObject(r.rid()), r);
        }
        InstanceMonitor m = monitor == null ? InstanceMonitor.idle(candidate(st)) : monitor;
        ObjectNode mon = o.putObject("monitor");
        mon.put("state", m.state());
        mon.put("global_expect", m.globalExpect());
        mon.put("local_expect", m.localExpect());
        mon.put("is_leader", m.isLeader());
        mon.put("state_updated_at", time(m.stateUpdatedAt()));
        if (withIdentity && object != null) {
            ObjectNode ob = o.putObject("object");
            ob.put("avail", object.avail().word());
            ob.put("overall", object.overall().word());
            ob.put("placement", object.placement());
            ob.put("frozen", object.frozen());
            ob.put("provisioned", object.provisioned());
            ob.put("up_instances", object.upInstances());
        }
        return o;
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
        ArrayNode tags = n.putArray("tags");
        r.tags().forEach(tags::add);
        ArrayNode log = n.putArray("log");
        for (LogEntry e : r.log()) {
            ObjectNode l = log.addObject();
            l.put("level", e.level().name().toLowerCase(java.util.Locale.ROOT));
            l.put("message", e.message());
        }
    }
}
