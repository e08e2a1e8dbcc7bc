package om.api.daemon;

import java.util.List;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/**
 * An object's status across its instances (status.md section 4), with the config facts {@code om mon} shows.
 *
 * @param placement   {@code optimal}, {@code non-optimal} (a placement alert) or {@code n/a}
 * @param frozen      {@code frozen}, {@code unfrozen}, {@code mixed} or {@code n/a}
 * @param provisioned {@code true}, {@code false}, {@code mixed} or {@code n/a}
 * @param scope       the object's nodes
 */
public record ObjectStatus(Status avail, Status overall, String placement, String frozen, String provisioned,
                           String topology, String orchestrate, int flexMin, int flexMax, int flexTarget,
                           int upInstances, List<String> scope) {
    public ObjectStatus {
        scope = List.copyOf(scope);
    }

    /** One instance and whether it is a placement leader. */
    public record Instance(InstanceStatus status, boolean leader) {
    }

    /** What of the config the aggregation needs. */
    public record Facts(String topology, String orchestrate, String placementPolicy, int flexMin, int flexMax,
                        int flexTarget, List<String> scope) {
        public Facts {
            scope = List.copyOf(scope);
        }
    }

    /** Aggregates the instances of live nodes. */
    public static ObjectStatus of(List<Instance> instances, Facts facts) {
        List<InstanceStatus> st = instances.stream().map(Instance::status).toList();
        Status avail = combine(st.stream().map(InstanceStatus::avail).toList(), facts);
        Status overall = combine(st.stream().map(InstanceStatus::overall).toList(), facts);
        long frozen = st.stream().filter(InstanceStatus::frozen).count();
        String frozenWord = st.isEmpty() ? "n/a"
                : frozen == st.size() ? "frozen" : frozen == 0 ? "unfrozen" : "mixed";
        int up = (int) st.stream().filter(i -> i.avail() == Status.UP).count();
        return new ObjectStatus(avail, overall, placement(instances, facts.placementPolicy()), frozenWord,
                provisioned(st), facts.topology(), facts.orchestrate(), facts.flexMin(), facts.flexMax(),
                facts.flexTarget(), up, facts.scope());
    }

    private static String provisioned(List<InstanceStatus> st) {
        List<String> known = st.stream().map(InstanceStatus::provisioned).filter(s -> !"n/a".equals(s)).toList();
        if (known.isEmpty()) {
            // no instance, or only instances with nothing to provision (cfg objects, no resources)
            return "n/a";
        }
        if (known.stream().allMatch("true"::equals)) {
            return "true";
        }
        return known.stream().allMatch("false"::equals) ? "false" : "mixed";
    }

    /** status.md section 4: the placement alert. */
    static String placement(List<Instance> instances, String policy) {
        boolean anyUp = instances.stream()
                .anyMatch(i -> i.status().avail() == Status.UP || i.status().avail() == Status.WARN);
        if (instances.size() < 2 || !anyUp) {
            return "n/a";
        }
        if ("none".equals(policy)) {
            return "optimal";
        }
        for (Instance i : instances) {
            Status a = i.status().avail();
            if (i.leader() ? a != Status.UP && a != Status.NA : a == Status.UP) {
                return "non-optimal";
            }
        }
        return "optimal";
    }

    static Status combine(List<Status> statuses, Facts facts) {
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
        if ("flex".equals(facts.topology())) {
            return up >= facts.flexMin() && up <= facts.flexMax() ? Status.UP : Status.WARN;
        }
        return up == 1 ? Status.UP : Status.WARN;
    }
}
