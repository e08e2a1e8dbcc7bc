package om.orchestrator.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import om.api.config.Values;
import om.api.json.Json;
import om.api.status.Status;

/**
 * One golden fixture: a JSON file of {@code src/test/resources/golden} read into the core's inputs, and the text
 * the core's outputs make of it (the {@code .expected} file beside). Fixture members:
 * <ul>
 *   <li>{@code title}, {@code spec}: what the case shows and the rule it comes from (copied to the output);</li>
 *   <li>{@code now}: the clock; {@code object}: {@link ObjectFacts} ({@code ready_period} as {@code 5s};
 *       defaults: priority 50, flex_min 1, flex_max the node count, flex_target flex_min, ready_period 5s);</li>
 *   <li>{@code nodes}: name to {@link NodeView} ({@code alive} defaults to true); an instance's monitor may give
 *       {@code global_expect} as a word ({@code placed@n2}) with {@code global_expect_updated_at};
 *       {@code provisioned} defaults to {@code true};</li>
 *   <li>{@code decide_for}: the nodes whose decisions are printed (default: every live node with an instance);
 *       {@code fenced}: per deciding node, the deaths it already fenced;</li>
 *   <li>{@code related}: the object avail of parents and children ({@code {"db": "up"}});</li>
 *   <li>{@code no_quorum}: the deciding nodes without the quorum ({@link Situation#quorum}), default none;</li>
 *   <li>{@code unheard}: the nodes never heard and not agreed gone ({@link Situation#unheard});</li>
 *   <li>{@code behind}: per deciding node, the peers not known to have seen its state ({@link Situation#behind});</li>
 *   <li>{@code action_result}: {@code {"node", "action", "ok"}}: that node's {@link Orchestrator#afterAction};</li>
 *   <li>{@code clear_on}: a node: {@link Orchestrator#clear} asked there;</li>
 *   <li>{@code requests}: a list of {@code {"node", "verb", "target"}}: {@link Orchestrator#refusal}.</li>
 * </ul>
 */
final class Fixture {
    private static final ObjectMapper MAPPER = Json.mapper().copy().registerModule(new SimpleModule("om-status")
            .addDeserializer(Status.class, new JsonDeserializer<>() {
                @Override
                public Status deserialize(JsonParser p, DeserializationContext c) throws IOException {
                    String w = p.getValueAsString();
                    return Status.fromWord(w).orElseThrow(() -> new IOException("not a status: " + w));
                }
            }));

    final String title;
    final String spec;
    final Instant now;
    final ObjectFacts object;
    final Map<String, NodeView> nodes = new TreeMap<>();
    final List<String> decideFor = new ArrayList<>();
    final Map<String, Map<String, Instant>> fenced = new LinkedHashMap<>();
    final JsonNode actionResult;
    final JsonNode requests;
    final String clearOn;
    final Map<String, Status> related = new TreeMap<>();
    final java.util.Set<String> noQuorum = new java.util.TreeSet<>();
    final Map<String, java.util.Set<String>> behind = new TreeMap<>();
    final java.util.Set<String> unheard = new java.util.TreeSet<>();

    Fixture(Path file) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(Files.readString(file));
        title = root.path("title").asText("");
        spec = root.path("spec").asText("");
        now = Instant.parse(root.path("now").asText());
        ObjectNode o = (ObjectNode) root.get("object");
        int nodeCount = o.path("nodes").size();
        o.putIfAbsent("priority", o.numberNode(50));
        o.putIfAbsent("flex_min", o.numberNode(1));
        o.putIfAbsent("flex_max", o.numberNode(nodeCount));
        o.putIfAbsent("flex_target", o.get("flex_min"));
        String rp = o.path("ready_period").asText("5s");
        o.put("ready_period", Values.parseDuration(rp).orElseThrow().toString());
        object = MAPPER.treeToValue(o, ObjectFacts.class);
        root.path("nodes").fields().forEachRemaining(e -> {
            ObjectNode n = (ObjectNode) e.getValue();
            n.putIfAbsent("alive", n.booleanNode(true));
            if (n.get("instance") instanceof ObjectNode i) {
                i.putIfAbsent("provisioned", i.textNode("true"));
                if (i.get("monitor") instanceof ObjectNode m && m.get("global_expect") != null
                        && m.get("global_expect").isTextual()) {
                    GlobalExpect ge = GlobalExpect.parse(m.get("global_expect").asText(),
                            m.hasNonNull("global_expect_updated_at")
                                    ? Instant.parse(m.get("global_expect_updated_at").asText()) : null);
                    m.remove("global_expect_updated_at");
                    m.set("global_expect", MAPPER.valueToTree(ge));
                }
            }
            try {
                nodes.put(e.getKey(), MAPPER.treeToValue(n, NodeView.class));
            } catch (IOException x) {
                throw new IllegalArgumentException(file + ": node " + e.getKey() + ": " + x.getMessage(), x);
            }
        });
        if (root.get("decide_for") instanceof ArrayNode a) {
            a.forEach(n -> decideFor.add(n.asText()));
        } else {
            nodes.forEach((n, v) -> {
                if (v.alive() && v.instance() != null) {
                    decideFor.add(n);
                }
            });
        }
        root.path("fenced").fields().forEachRemaining(e -> {
            Map<String, Instant> m = new TreeMap<>();
            e.getValue().fields().forEachRemaining(d -> m.put(d.getKey(), Instant.parse(d.getValue().asText())));
            fenced.put(e.getKey(), m);
        });
        root.path("related").fields().forEachRemaining(e -> related.put(e.getKey(),
                Status.fromWord(e.getValue().asText()).orElseThrow()));
        root.path("no_quorum").forEach(n -> noQuorum.add(n.asText()));
        root.path("unheard").forEach(n -> unheard.add(n.asText()));
        root.path("behind").fields().forEachRemaining(e -> {
            java.util.Set<String> peers = new java.util.TreeSet<>();
            e.getValue().forEach(n -> peers.add(n.asText()));
            behind.put(e.getKey(), peers);
        });
        actionResult = root.get("action_result");
        requests = root.get("requests");
        clearOn = root.hasNonNull("clear_on") ? root.get("clear_on").asText() : null;
    }

    Situation situation(String self) {
        return new Situation(object, nodes, self, now, fenced.getOrDefault(self, Map.of()), related,
                !noQuorum.contains(self), behind.getOrDefault(self, java.util.Set.of()), unheard);
    }

    /** The text the core makes of this fixture: what the {@code .expected} file holds. */
    String render() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append('\n');
        if (!spec.isEmpty()) {
            out.append("# ").append(spec).append('\n');
        }
        out.append("placement:\n");
        for (Placement.Row r : Placement.explain(object, nodes)) {
            out.append("  ").append(r.line()).append('\n');
        }
        if (actionResult != null) {
            String node = actionResult.get("node").asText();
            ActionResult r = new ActionResult(actionResult.get("action").asText(), actionResult.get("ok").asBoolean());
            out.append(node).append(" after ").append(r.action()).append(r.ok() ? " ok" : " failed").append(":\n");
            lines(out, Orchestrator.afterAction(situation(node), r));
            return out.toString();
        }
        if (clearOn != null) {
            out.append(clearOn).append(" clear:\n");
            lines(out, Orchestrator.clear(situation(clearOn)));
            return out.toString();
        }
        if (requests != null) {
            for (JsonNode q : requests) {
                String node = q.get("node").asText();
                String verb = q.get("verb").asText();
                GlobalExpect want = GlobalExpect.parse(q.get("target").asText(), now);
                out.append(node).append(' ').append(verb).append(" (").append(want.word()).append("): ")
                        .append(Orchestrator.refusal(situation(node), verb, want).map(m -> "refused: " + m)
                                .orElse("accepted"))
                        .append('\n');
            }
            return out.toString();
        }
        for (String n : decideFor) {
            out.append(n).append(":\n");
            lines(out, Orchestrator.decide(situation(n)));
        }
        return out.toString();
    }

    /** {@code s} after its node applied {@code p} to its own instance and node (an action shows as running). */
    static Situation applied(Situation s, Plan p) {
        NodeView node = s.selfNode();
        InstanceView i = node.instance();
        MonitorView m = i.monitor();
        String state = m.state();
        java.time.Instant at = m.stateUpdatedAt();
        String local = m.localExpect();
        GlobalExpect target = m.globalExpect();
        java.time.Instant cleared = m.clearedAt();
        boolean nodeFrozen = node.frozen();
        Map<String, java.time.Instant> fenced = new TreeMap<>(s.fenced());
        for (Decision d : p.decisions()) {
            if (d instanceof Decision.SetState x) {
                state = x.state();
                at = s.now();
            } else if (d instanceof Decision.SetLocalExpect x) {
                local = x.localExpect();
            } else if (d instanceof Decision.SetGlobalExpect x) {
                target = x.globalExpect();
            } else if (d instanceof Decision.Clear x) {
                cleared = x.at();
            } else if (d instanceof Decision.ThawNode) {
                nodeFrozen = false;
            } else if (d instanceof Decision.Fence x) {
                fenced.put(x.node(), x.diedAt());
            }
        }
        InstanceView i2 = i.withMonitor(new MonitorView(state, at, local, target, cleared));
        Map<String, NodeView> nodes = new TreeMap<>(s.nodes());
        nodes.put(s.self(), new NodeView(node.alive(), node.monitor(), nodeFrozen, node.stats(), i2, node.diedAt()));
        return new Situation(s.object(), nodes, s.self(), s.now(), fenced, s.related(), s.quorum(), s.behind(),
                s.unheard());
    }

    private static void lines(StringBuilder out, Plan p) {
        List<String> l = p.lines();
        if (l.isEmpty()) {
            out.append("  nothing\n");
        }
        l.forEach(x -> out.append("  ").append(x).append('\n'));
    }
}
