package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import om.api.ObjectPath;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.cli.OptionSpec;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.InstanceJson;
import om.shell.internal.render.Json;
import om.shell.internal.render.ObjectAggregate;
import om.shell.internal.render.StatusTree;

/** {@code om <selector> print status [--refresh] [--format json|flat_json]}. */
public final class PrintStatusVerb implements Verb {
    @Override
    public int run(VerbRequest request, Session session) {
        String format = request.option("--format");
        boolean machine = Json.isMachine(format);
        List<ObjectPath> paths = session.select(request.selector());
        boolean refresh = request.has("--refresh");
        Json json = new Json();
        ObjectNode all = json.object();
        StringBuilder text = new StringBuilder();
        boolean single = paths.size() == 1 && ObjectPath.isValid(request.selector());
        int rc = 0;
        for (ObjectPath p : paths) {
            InstanceStatus st;
            Optional<ObjectConfig> cfg;
            try {
                st = refresh ? session.services().status().refresh(p) : session.services().status().get(p);
                cfg = session.services().store().load(p);
            } catch (om.api.OmException e) {
                if (single) {
                    throw e;
                }
                // one broken config must not hide the other objects of the selection
                session.error(e.getMessage());
                rc = 1;
                continue;
            }
            if (machine) {
                ObjectAggregate agg = ObjectAggregate.of(List.of(st), st.topology(), flexMin(cfg), flexMax(cfg));
                ObjectNode doc = InstanceJson.of(json, st, agg, true);
                if (single) {
                    json.print(doc, format, session.out());
                    return 0;
                }
                all.set(p.canonical(), doc);
            } else {
                if (!single) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(p.canonical()).append('\n');
                }
                text.append(StatusTree.render(st, notices(session, st), parallelSubsets(st, cfg),
                        related(session, cfg)));
            }
        }
        if (machine) {
            json.print(all, format, session.out());
        } else {
            session.out().print(text);
        }
        return rc;
    }

    /** The parents and children of the object with their avail, for the tree's last nodes. */
    private static java.util.Map<String, java.util.Map<String, String>> related(Session session,
                                                                                 Optional<ObjectConfig> cfg) {
        java.util.Map<String, java.util.Map<String, String>> out = new java.util.LinkedHashMap<>();
        for (String kind : List.of("parents", "children")) {
            List<String> names = cfg.map(c -> c.getList("DEFAULT", kind)).orElse(List.of());
            if (names.isEmpty()) {
                continue;
            }
            java.util.Map<String, String> avail = new java.util.LinkedHashMap<>();
            for (String n : names) {
                avail.put(n, availOf(session, n));
            }
            out.put(kind, avail);
        }
        return out;
    }

    private static String availOf(Session session, String name) {
        try {
            ObjectPath p = ObjectPath.parse(name);
            if (!session.services().store().exists(p)) {
                return "n/a";
            }
            return session.services().status().get(p).avail().word();
        } catch (RuntimeException e) {
            return "undef";
        }
    }

    private static int flexMin(Optional<ObjectConfig> cfg) {
        return cfg.flatMap(c -> c.get("DEFAULT", "flex_min")).flatMap(Values::parseInt).map(Long::intValue).orElse(1);
    }

    private static int flexMax(Optional<ObjectConfig> cfg) {
        return cfg.flatMap(c -> c.get("DEFAULT", "flex_max")).flatMap(Values::parseInt).map(Long::intValue)
                .orElse(cfg.map(c -> c.getList("DEFAULT", "nodes").size()).orElse(1));
    }

    static List<String> notices(Session session, InstanceStatus st) {
        List<String> n = new ArrayList<>();
        if (st.frozen()) {
            n.add("frozen");
        }
        if (Files.exists(session.services().installation().var().resolve("node").resolve("frozen"))) {
            n.add("node frozen");
        }
        if ("false".equals(st.provisioned())) {
            n.add("not provisioned");
        } else if ("mixed".equals(st.provisioned())) {
            n.add("part-provisioned");
        }
        if (st.priority() != 50) {
            n.add("p" + st.priority());
        }
        if (!session.services().daemonRunning()) {
            n.add("daemon down");
        }
        return n;
    }

    private static Set<String> parallelSubsets(InstanceStatus st, Optional<ObjectConfig> cfg) {
        Set<String> out = new HashSet<>();
        if (cfg.isEmpty()) {
            return out;
        }
        for (ResourceStatus r : st.resources().values()) {
            if (r.subset() != null) {
                String key = r.group() + ":" + r.subset();
                if (cfg.get().raw().section("subset#" + key).isPresent()
                        && cfg.get().getBool("subset#" + key, "parallel")) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    @Override
    public List<String> words() {
        return List.of("print", "status");
    }

    @Override
    public String summary() {
        return "print the status of the local instances of the selected objects";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.flag("--refresh", "evaluate every resource status now instead of using the cached one"),
                CommonOptions.FORMAT);
    }

    @Override
    public String description() {
        return """
                Print the local instance status as a tree: overall, avail and accessory, one line per resource
                with its flags, status and label.""";
    }
}
