package om.shell.internal.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import om.api.status.InstanceStatus;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;

/** The instance document of status.md section 6. */
public final class InstanceJson {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private InstanceJson() {
    }

    public static String time(Instant t) {
        return t == null ? null : RFC3339.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The instance document; {@code withIdentity} adds path, node and the object aggregate. */
    public static ObjectNode of(Json json, InstanceStatus st, ObjectAggregate object, boolean withIdentity) {
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
            ObjectNode n = resources.putObject(r.rid());
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
        ObjectNode mon = o.putObject("monitor");
        // no orchestrator yet: the instance monitor is idle and nothing is expected
        mon.put("state", "idle");
        mon.put("global_expect", "none");
        mon.put("local_expect", "none");
        mon.put("is_leader", true);
        mon.putNull("state_updated_at");
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
}
