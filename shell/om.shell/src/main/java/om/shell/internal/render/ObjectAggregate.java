package om.shell.internal.render;

import java.util.List;
import om.api.daemon.ObjectStatus;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/**
 * Object status across instances (status.md section 4) for {@code print status}, which has no daemon dataset to
 * read it from: the rules are those of {@link ObjectStatus}, the daemon's.
 *
 * @param placement optimal, non-optimal or n/a
 */
public record ObjectAggregate(Status avail, Status overall, String placement, String frozen, String provisioned,
                              int upInstances) {

    /** Aggregates the instances of live nodes. */
    public static ObjectAggregate of(List<InstanceStatus> instances, String topology, int flexMin, int flexMax) {
        ObjectStatus o = ObjectStatus.of(instances.stream()
                .map(i -> new ObjectStatus.Instance(i, InstanceJson.candidate(i))).toList(),
                new ObjectStatus.Facts(topology, "no", "nodes order", flexMin, flexMax, flexMin, List.of()));
        return of(o);
    }

    public static ObjectAggregate of(ObjectStatus o) {
        return new ObjectAggregate(o.avail(), o.overall(), o.placement(), o.frozen(), o.provisioned(),
                o.upInstances());
    }

    static Status combine(List<Status> statuses, String topology, int flexMin, int flexMax) {
        return ObjectStatus.of(statuses.stream().map(s -> new ObjectStatus.Instance(withAvail(s), false)).toList(),
                new ObjectStatus.Facts(topology, "no", "nodes order", flexMin, flexMax, flexMin, List.of())).avail();
    }

    private static InstanceStatus withAvail(Status s) {
        return new InstanceStatus("x", "n", "svc", "failover", "no", s, s, Status.NA, "true", false, null, null, null,
                List.of(), java.util.Map.of(), 0);
    }
}
