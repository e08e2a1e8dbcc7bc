package om.api.orchestration;

import java.util.List;

/**
 * One node in {@code om <path> print placement}.
 *
 * @param node      the node name
 * @param candidate whether the node is a placement candidate
 * @param rank      1 for the first candidate, 0 when not a candidate
 * @param leader    whether it is a leader (the first candidate, or the first {@code flex_target})
 * @param why       why it is not a candidate ({@code node frozen}, {@code start failed}, {@code not in nodes},
 *                  {@code dead}...), empty for a candidate
 */
public record PlacementRow(String node, boolean candidate, int rank, boolean leader, List<String> why) {
    public PlacementRow {
        why = why == null ? List.of() : List.copyOf(why);
    }
}
