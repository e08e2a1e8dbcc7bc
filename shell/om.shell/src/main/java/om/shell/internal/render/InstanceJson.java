package om.shell.internal.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import om.api.daemon.InstanceMonitor;
import om.api.json.DatasetJson;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/**
 * The instance document of status.md section 6 as {@code print status --format json} prints it: the document of
 * {@link DatasetJson}, with {@code path}, {@code node} and the object aggregate around it.
 */
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

    /**
     * The instance document with its monitor (an idle one when null); {@code withIdentity} adds path, node and
     * the object aggregate.
     */
    public static ObjectNode of(Json json, InstanceStatus st, InstanceMonitor monitor, ObjectAggregate object,
                                boolean withIdentity) {
        InstanceMonitor m = monitor == null ? InstanceMonitor.idle(candidate(st)) : monitor;
        ObjectNode doc = DatasetJson.instance(st, m);
        if (!withIdentity) {
            return doc;
        }
        // path and node first, as in the spec's sample
        ObjectNode o = json.object();
        o.put("path", st.path());
        o.put("node", st.node());
        o.setAll(doc);
        if (object != null) {
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
