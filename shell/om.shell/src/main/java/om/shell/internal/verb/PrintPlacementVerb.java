package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.cli.OptionSpec;
import om.api.cli.VerbRequest;
import om.api.orchestration.PlacementRow;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.Json;

/**
 * {@code om <path> print placement [--format json|flat_json]}: for each node of the cluster and of the object's
 * scope, as the local daemon's orchestrator sees it now, whether it is a placement candidate, its rank, whether it
 * is a leader and why it is not a candidate. The daemon computes it (the same placement its orchestrator acts on);
 * this verb only renders it.
 */
public final class PrintPlacementVerb implements Verb {
    static final List<String> HEADER = List.of("NODE", "CANDIDATE", "RANK", "LEADER", "WHY");

    @Override
    public int run(VerbRequest request, Session session) {
        String format = request.option("--format");
        boolean machine = Json.isMachine(format);
        List<ObjectPath> paths = session.select(request.selector());
        if (paths.isEmpty()) {
            // the selector of the daemon-less fakes and an empty selection: the object is not installed here
            throw new OmException(request.selector() + ": object not found");
        }
        if (paths.size() > 1) {
            throw new OmException("print placement: one object path, not a selection of " + paths.size()
                    + " objects");
        }
        List<PlacementRow> rows = session.services().requireOrchestration().placement(paths.get(0));
        if (machine) {
            new Json().print(json(rows), format, session.out());
        } else {
            session.out().print(table(rows));
        }
        return 0;
    }

    /** The JSON array of {@code {node, candidate, rank, leader, why}}, in the orchestrator's order. */
    static ArrayNode json(List<PlacementRow> rows) {
        ArrayNode a = new Json().array();
        for (PlacementRow r : rows) {
            ObjectNode o = a.addObject();
            o.put("node", r.node());
            o.put("candidate", r.candidate());
            o.put("rank", r.rank());
            o.put("leader", r.leader());
            ArrayNode why = o.putArray("why");
            r.why().forEach(why::add);
        }
        return a;
    }

    /**
     * The table: one row per node, columns left-aligned on the widest cell, two spaces apart, no trailing blanks.
     * {@code RANK} is {@code -} and {@code WHY} the reasons joined by {@code ", "} for a node that is not a
     * candidate; {@code LEADER} is {@code ^}, the leader mark of {@code om mon}.
     */
    static String table(List<PlacementRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        for (PlacementRow r : rows) {
            cells.add(List.of(om.api.Quote.line(r.node(), 100), r.candidate() ? "yes" : "no",
                    r.candidate() && r.rank() > 0 ? Integer.toString(r.rank()) : "-", r.leader() ? "^" : "",
                    om.api.Quote.line(String.join(", ", r.why()), 300)));
        }
        return om.shell.internal.render.Table.render(cells);
    }

    @Override
    public List<String> words() {
        return List.of("print", "placement");
    }

    @Override
    public String selectorName() {
        return "<path>";
    }

    @Override
    public String summary() {
        return "show which nodes are placement candidates of the object, their rank and why not";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(CommonOptions.FORMAT);
    }

    @Override
    public String description() {
        return """
                Ask the local daemon's orchestrator how it places the object now: one row per node of the
                cluster and of the object's scope, with the columns NODE, CANDIDATE (yes or no), RANK (1 for
                the first candidate in the order of the placement policy, - when not a candidate), LEADER (^ for
                a leader, as in om mon) and WHY (why the node is not a candidate: not in nodes, node frozen,
                instance frozen, not provisioned, start failed, node not idle, dead...). With --format json, an
                array of {node, candidate, rank, leader, why}. Needs the daemon.""";
    }
}
