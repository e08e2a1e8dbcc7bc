package om.orchestrator.internal.resources;

import java.util.List;
import java.util.Optional;
import om.api.daemon.DaemonStatus;
import om.api.daemon.NodeData;

/** Where the {@code switch} monitor action sends the object: the next node of {@code nodes} able to take it. */
final class SwitchTarget {
    private SwitchTarget() {
    }

    /**
     * The first node of the object's {@code nodes}, other than this one, that is in the cluster view (alive or in
     * its maintenance grace), not announcing maintenance and not frozen: the orchestrator refuses a switch to a
     * dead or frozen node, so proposing one would only delay the fallback.
     */
    static Optional<String> next(List<String> nodes, String self, DaemonStatus view) {
        for (String n : nodes) {
            if (n.equals(self)) {
                continue;
            }
            NodeData d = view.nodes().get(n);
            if (d == null || d.frozen()) {
                continue;
            }
            if (d.monitor() != null && "maintenance".equals(d.monitor().state())) {
                continue;
            }
            return Optional.of(n);
        }
        return Optional.empty();
    }
}
