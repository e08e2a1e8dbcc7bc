package om.shell.internal.render;

import java.util.List;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/**
 * Object status across instances (status.md section 4).
 *
 * @param placement optimal, non-optimal or n/a
 */
public record ObjectAggregate(Status avail, Status overall, String placement, String frozen, String provisioned,
                              int upInstances) {

    /** Aggregates the instances of live nodes. */
    public static ObjectAggregate of(List<InstanceStatus> instances, String topology, int flexMin, int flexMax) {
        Status avail = combine(instances.stream().map(InstanceStatus::avail).toList(), topology, flexMin, flexMax);
        Status overall = combine(instances.stream().map(InstanceStatus::overall).toList(), topology, flexMin, flexMax);
        long frozen = instances.stream().filter(InstanceStatus::frozen).count();
        String frozenWord = instances.isEmpty() ? "n/a"
                : frozen == instances.size() ? "frozen" : frozen == 0 ? "unfrozen" : "mixed";
        String prov;
        List<String> known = instances.stream().map(InstanceStatus::provisioned).filter(s -> !"n/a".equals(s))
                .toList();
        if (known.isEmpty()) {
            // no instance, or only instances with nothing to provision (cfg objects, no resources)
            prov = "n/a";
        } else if (known.stream().allMatch("true"::equals)) {
            prov = "true";
        } else if (known.stream().allMatch("false"::equals)) {
            prov = "false";
        } else {
            prov = "mixed";
        }
        int up = (int) instances.stream().filter(i -> i.avail() == Status.UP).count();
        // a single instance never raises a placement alert; leaders come with the orchestrator
        String placement = instances.size() < 2 || instances.stream()
                .noneMatch(i -> i.avail() == Status.UP || i.avail() == Status.WARN) ? "n/a" : "optimal";
        return new ObjectAggregate(avail, overall, placement, frozenWord, prov, up);
    }

    static Status combine(List<Status> statuses, String topology, int flexMin, int flexMax) {
        List<Status> live = statuses.stream().filter(s -> s != Status.NA && s != Status.UNDEF).toList();
        if (live.isEmpty()) {
            return Status.NA;
        }
        if (live.contains(Status.WARN)) {
            return Status.WARN;
        }
        long up = live.stream().filter(s -> s == Status.UP).count();
        if (up == 0) {
            return Status.DOWN;
        }
        if ("flex".equals(topology)) {
            return up >= flexMin && up <= flexMax ? Status.UP : Status.WARN;
        }
        return up == 1 ? Status.UP : Status.WARN;
    }
}
