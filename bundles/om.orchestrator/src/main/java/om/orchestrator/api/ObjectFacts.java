package om.orchestrator.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What of an object's config (and of the node's settings) orchestration reads.
 *
 * @param path        canonical object path ({@code web1}, {@code ns1/svc/web}): the {@code spread} digest uses it
 * @param topology    {@code failover} or {@code flex}
 * @param orchestrate {@code no}, {@code start} or {@code ha}
 * @param placement   the placement policy ({@code nodes order}, {@code load avg}, {@code spread}, {@code score},
 *                    {@code shift}, {@code last start}, {@code none})
 * @param nodes       the object's {@code nodes}, in order: the only possible candidates
 * @param drpnodes    the object's {@code drpnodes}: never candidates
 * @param priority    lower runs first when daemon actions queue ({@code node.max_parallel})
 * @param stonith     fence a dead peer before taking over from it ({@code [stonith#<node>]})
 * @param readyPeriod {@code node.ready_period}: how long a leader stays {@code ready} before it starts
 * @param disable     {@code disable = true}: every verb succeeds and does nothing
 */
public record ObjectFacts(String path, String topology, String orchestrate, String placement, List<String> nodes,
                          List<String> drpnodes, int flexMin, int flexMax, int flexTarget, int priority,
                          boolean stonith, Duration readyPeriod, boolean disable) {
    public static final String FAILOVER = "failover";
    public static final String FLEX = "flex";

    public ObjectFacts {
        Objects.requireNonNull(path, "path");
        topology = topology == null ? FAILOVER : topology;
        orchestrate = orchestrate == null ? "no" : orchestrate;
        placement = placement == null ? "nodes order" : placement;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        drpnodes = drpnodes == null ? List.of() : List.copyOf(drpnodes);
        readyPeriod = readyPeriod == null ? Duration.ofSeconds(5) : readyPeriod;
    }

    public boolean flex() {
        return FLEX.equals(topology);
    }

    /** How many leaders placement elects: 1 for failover, {@code flex_target} for flex. */
    public int leaderCount() {
        return flex() ? Math.max(0, flexTarget) : 1;
    }
}
