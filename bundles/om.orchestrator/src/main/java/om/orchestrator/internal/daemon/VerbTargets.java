package om.orchestrator.internal.daemon;

import java.time.Instant;
import java.util.List;
import om.api.OmException;
import om.orchestrator.api.GlobalExpect;

/** The target (global expect) each orchestrated verb asks for (orchestration.md section 6). */
final class VerbTargets {
    private VerbTargets() {
    }

    /**
     * @param destination the nodes of {@code switch --node}
     * @param self        this node, the destination of {@code takeover}
     */
    static GlobalExpect of(String verb, List<String> destination, String self, Instant now) {
        return switch (verb) {
            case "start" -> new GlobalExpect(GlobalExpect.STARTED, List.of(), now);
            case "stop" -> new GlobalExpect(GlobalExpect.STOPPED, List.of(), now);
            case "freeze" -> new GlobalExpect(GlobalExpect.FROZEN, List.of(), now);
            case "thaw", "unfreeze" -> new GlobalExpect(GlobalExpect.UNFROZEN, List.of(), now);
            case "switch" -> new GlobalExpect(GlobalExpect.PLACED_AT, destination, now);
            case "takeover" -> new GlobalExpect(GlobalExpect.PLACED_AT, List.of(self), now);
            case "giveback" -> new GlobalExpect(GlobalExpect.PLACED, List.of(), now);
            case "abort" -> new GlobalExpect(GlobalExpect.ABORTED, List.of(), now);
            default -> throw new OmException("not an orchestrated verb: " + verb);
        };
    }
}
