package om.orchestrator.internal.daemon;

import om.api.daemon.InstanceMonitor;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.MonitorView;

/**
 * This node's monitor of one of its instances, as the orchestrator owns it: the decision core's view and the id
 * of the orchestration its target belongs to.
 */
record OwnMonitor(MonitorView view, String orchestrationId) {
    static final OwnMonitor IDLE = new OwnMonitor(MonitorView.IDLE_MONITOR, null);

    /** What the daemon showed before (this bundle redeployed), idle when nothing. */
    static OwnMonitor of(InstanceMonitor published) {
        if (published == null) {
            return IDLE;
        }
        return new OwnMonitor(new MonitorView(published.state(), published.stateUpdatedAt(), published.localExpect(),
                Situations.globalExpect(published), published.clearedAt()), published.orchestrationId());
    }

    /** The form published in the node data ({@code is_leader} and {@code local_expect} are the daemon's). */
    InstanceMonitor published(String localExpect, boolean leader) {
        GlobalExpect g = view.globalExpect();
        return new InstanceMonitor(view.state(), g.value(), localExpect, leader, view.stateUpdatedAt(),
                g.updatedAt(), g.destination(), orchestrationId, view.clearedAt());
    }

    OwnMonitor with(MonitorView v) {
        return new OwnMonitor(v, orchestrationId);
    }

    OwnMonitor withId(String id) {
        return new OwnMonitor(view, id);
    }
}
