package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.cli.DaemonControl;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.status.InstanceStatus;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.InstanceJson;
import om.shell.internal.render.Json;
import om.shell.internal.render.MonRender;
import om.shell.internal.render.ObjectAggregate;

/** Verbs that need the daemon: mon, daemon status, daemon stop. */
public final class DaemonVerbs {
    private DaemonVerbs() {
    }


    public static Verb mon() {
        return SimpleVerb.of("mon", "cluster overview from the daemon (threads, nodes, services)", SelectorUse.OPTIONAL,
                List.of(OptionSpec.listOf("--sections", MonRender.SECTIONS, "only these sections"),
                        OptionSpec.flag("--watch", "redraw every second until interrupted (Ctrl-C exits 0)"),
                        OptionSpec.flag("--stats", "the same as --watch, without the resource usage columns for now"),
                        CommonOptions.FORMAT), """
                Print the cluster overview: daemon threads, nodes and the selected services with one marker
                cell per node. The daemon must be running.""", DaemonVerbs::status);
    }

    public static Verb status() {
        return SimpleVerb.of("daemon status", "the daemon dataset (rendered like om mon without --format)",
                SelectorUse.OPTIONAL, List.of(CommonOptions.FORMAT), """
                Print the daemon's dataset; a selector keeps only the selected objects. The daemon must be
                running.""", DaemonVerbs::status);
    }

    public static Verb stop() {
        return SimpleVerb.of("daemon stop", "stop the daemon (objects keep running)", SelectorUse.NONE, List.of(),
                "Stop the local daemon. Objects are not stopped.", DaemonVerbs::stop);
    }

    private static int stop(VerbRequest request, Session session) {
        session.services().requireDaemon().stop();
        session.out().println("daemon stopping");
        return 0;
    }

    private static int status(VerbRequest request, Session session) {
        DaemonControl daemon = session.services().requireDaemon();
        String format = request.option("--format");
        boolean machine = Json.isMachine(format);
        java.util.Set<String> sections = sections(request.option("--sections"));
        boolean watch = request.has("--watch") || request.has("--stats");
        if (!watch) {
            print(request, session, daemon, format, machine, sections);
            return 0;
        }
        // redraw until the caller interrupts (Ctrl-C cancels the invocation: exit 0) or goes away (the stream errors)
        om.api.Cancellation cancel = session.invocation().cancel();
        try {
            while (!cancel.isCancelled() && !session.out().checkError()) {
                session.out().print("\u001b[H\u001b[2J");
                print(request, session, daemon, format, machine, sections);
                session.out().flush();
                for (int i = 0; i < 10 && !cancel.isCancelled(); i++) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static java.util.Set<String> sections(String option) {
        if (option == null) {
            return java.util.Set.copyOf(MonRender.SECTIONS);
        }
        // the declaration checked the names
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String s : option.split(",")) {
            out.add(s.trim());
        }
        return out;
    }

    private static void print(VerbRequest request, Session session, DaemonControl daemon, String format,
                              boolean machine, java.util.Set<String> sections) {
        Json json = new Json();
        ObjectNode data = (ObjectNode) json.valueToTree(daemon.status());
        String node = session.node();
        ObjectNode monitor = data.with("monitor");
        ObjectNode services = monitor.putObject("services");
        ObjectNode nodeData = monitor.with("nodes").with(node);
        ObjectNode nodeServices = nodeData.with("services");
        ObjectNode configs = nodeServices.putObject("config");
        ObjectNode statuses = nodeServices.putObject("status");
        String selector = request.selector() == null ? "**" : request.selector();
        for (ObjectPath p : session.select(selector)) {
            Optional<ObjectConfig> cfg;
            InstanceStatus st;
            try {
                cfg = session.services().store().load(p);
                st = session.services().status().get(p);
            } catch (RuntimeException e) {
                // one broken object must not hide the others
                continue;
            }
            List<String> scope = cfg.map(c -> c.getList("DEFAULT", "nodes")).orElse(List.of(node));
            int flexMin = intValue(cfg, "flex_min", 1);
            int flexMax = intValue(cfg, "flex_max", scope.size());
            ObjectAggregate agg = ObjectAggregate.of(List.of(st), st.topology(), flexMin, flexMax);
            ObjectNode conf = configs.putObject(p.canonical());
            ArrayNode sc = conf.putArray("scope");
            scope.forEach(sc::add);
            conf.put("updated_at", cfg.map(c -> InstanceJson.time(c.mtime())).orElse(null));
            statuses.set(p.canonical(), InstanceJson.of(json, st, agg, false));
            ObjectNode o = services.putObject(p.canonical());
            o.put("avail", agg.avail().word());
            o.put("overall", agg.overall().word());
            o.put("placement", agg.placement());
            o.put("frozen", agg.frozen());
            o.put("provisioned", agg.provisioned());
            o.put("topology", st.topology());
            o.put("orchestrate", st.orchestrate());
            o.put("flex_min", flexMin);
            o.put("flex_max", flexMax);
            o.put("flex_target", intValue(cfg, "flex_target", flexMin));
            o.put("up_instances", agg.upInstances());
            o.set("scope", sc.deepCopy());
        }
        session.services().currentLogHealth().ifPresent(h -> {
            ArrayNode sinks = data.putObject("log").putArray("sinks");
            h.health().forEach(s -> sinks.add(json.valueToTree(s)));
        });
        if (machine) {
            json.print(data, format, session.out());
        } else {
            session.out().print(MonRender.render(data, sections));
        }
    }

    private static int intValue(Optional<ObjectConfig> cfg, String key, int fallback) {
        return cfg.flatMap(c -> c.get("DEFAULT", key)).flatMap(Values::parseInt).map(Long::intValue).orElse(fallback);
    }
}
