package om.shell.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import om.api.Installation;
import om.api.OmException;
import om.api.Quote;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.orchestration.Orchestration;
import om.api.cli.CommandRunner;
import om.api.cli.DaemonControl;
import om.api.daemon.DaemonStatsSource;
import om.api.cli.Invocation;
import om.api.cli.OmVerb;
import om.api.cli.SelectorUse;
import om.api.config.KeywordCatalog;
import om.api.config.ObjectStore;
import om.api.driver.DriverRegistry;
import om.api.node.NodeSettings;
import om.api.select.ObjectSelector;
import om.api.status.StatusService;
import om.log.api.LogHealth;
import om.log.api.LogReader;
import om.shell.internal.verb.ActionVerb;
import om.shell.internal.verb.ClientVerbs;
import om.shell.internal.verb.ConfigDocVerb;
import om.shell.internal.verb.ConfigVerbs;
import om.shell.internal.verb.DaemonVerbs;
import om.shell.internal.verb.HelpVerb;
import om.shell.internal.verb.LogsVerb;
import om.shell.internal.verb.LsVerb;
import om.shell.internal.verb.NodeConfigVerbs;
import om.shell.internal.verb.PrintConfigVerb;
import om.shell.internal.verb.PrintStatusVerb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The om verbs. Every front end (Gogo shell, daemon bridge, embedded client) hands its command line here.
 *
 * <p>The verbs are {@link OmVerb}s: the built-in ones below, plus any other bundle's registered as services
 * (tracked dynamically; a built-in verb keeps its words when an added one claims them too). Each command line is
 * parsed against the verbs known at that moment.
 */
@Component(service = CommandRunner.class)
public final class OmCommandRunner implements CommandRunner {
    /** The environment variable naming the node a client expects (heartbeats-and-daemon.md section 1). */
    static final String NODENAME_VARIABLE = "OM_NODENAME";

    private final Services services;
    private final Map<String, OmVerb> builtin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ObjectSelector selector;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DaemonControl daemon;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(om.log=multiplexer)")
    private volatile ActionLog multiplexer;

    // typed Object: om.log.api is an optional import, and SCR's reflection on this class loads every field type
    @Reference(service = LogReader.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    private volatile Object logReader;

    @Reference(service = LogHealth.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    private volatile Object logHealth;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile KeywordCatalog catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NodeSettings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Orchestration orchestration;

    /** The daemon's {@code om mon --stats} figures. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DaemonStatsSource stats;

    /** Verbs other bundles add (the orchestrator's, later). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<OmVerb> added = List.of();

    @Activate
    public OmCommandRunner(@Reference Installation installation, @Reference ObjectStore store,
                           @Reference StatusService status, @Reference ActionEngine engine,
                           @Reference DriverRegistry drivers) {
        this.services = new Services(installation, store, status, engine, drivers, () -> selector, () -> daemon,
                () -> multiplexer, OmCommandRunner.<LogReader>untyped(() -> logReader),
                OmCommandRunner.<LogHealth>untyped(() -> logHealth), () -> catalog, () -> settings, () -> stats,
                () -> orchestration);
        this.builtin = builtinVerbs();
    }

    /**
     * A supplier of an optional-import type without naming it: a lambda typed {@code Supplier<LogReader>} would
     * load om.log.api when the component is built, failing it when om.log is absent.
     */
    @SuppressWarnings("unchecked")
    private static <T> Supplier<T> untyped(Supplier<Object> s) {
        return (Supplier<T>) (Supplier<?>) s;
    }

    /** For tests: every service given, selector and daemon fixed; {@code added} as if registered. */
    public OmCommandRunner(Services services, List<OmVerb> added) {
        this.services = services;
        this.builtin = builtinVerbs();
        this.added = List.copyOf(added);
    }

    public OmCommandRunner(Services services) {
        this(services, List.of());
    }

    private Map<String, OmVerb> builtinVerbs() {
        List<OmVerb> v = List.of(new LsVerb(), new PrintStatusVerb(), new PrintConfigVerb(), ConfigVerbs.validate(),
                new ConfigDocVerb(), ConfigVerbs.create(), ConfigVerbs.set(), ConfigVerbs.unset(),
                ConfigVerbs.delete(), new ActionVerb("start"), new ActionVerb("stop"), new ActionVerb("provision"),
                new ActionVerb("unprovision"), new ActionVerb("run"), new LogsVerb(false), new LogsVerb(true),
                DaemonVerbs.mon(), DaemonVerbs.status(), ClientVerbs.start(), DaemonVerbs.stop(), ClientVerbs.restart());
        v = new java.util.ArrayList<>(v);
        // after run: the action verbs together in om help
        int at = v.indexOf(v.stream().filter(x -> x.words().equals(List.of("run"))).findFirst().orElseThrow()) + 1;
        v.addAll(at, ActionVerb.syncs());
        v.add(at, new om.shell.internal.verb.SyncTargetVerb());
        v.add(new om.shell.internal.verb.PrintPlacementVerb());
        v.add(om.shell.internal.verb.PrintScheduleVerb.object());
        v.add(om.shell.internal.verb.PrintScheduleVerb.node());
        v.addAll(NodeConfigVerbs.all());
        v.addAll(om.shell.internal.verb.OrchestrateVerb.all());
        v.add(new HelpVerb(this::verbs));
        Map<String, OmVerb> m = new LinkedHashMap<>();
        v.forEach(x -> m.put(String.join(" ", x.words()), x));
        return m;
    }

    /** The verbs known now, by their words joined by a space: the built-in ones first, then the added ones. */
    public Map<String, OmVerb> verbs() {
        Map<String, OmVerb> m = new LinkedHashMap<>(builtin);
        for (OmVerb v : added) {
            m.putIfAbsent(String.join(" ", v.words()), v);
        }
        return m;
    }

    @Override
    public int run(Invocation invocation) {
        Session session = new Session(invocation, services);
        try {
            checkNodename(invocation);
            Map<String, OmVerb> verbs = verbs();
            if (invocation.args().isEmpty()) {
                // "om" alone is a usage error: the overview, on stderr
                invocation.err().print(HelpVerb.overview(verbs));
                return 2;
            }
            CommandLineParser.Parsed parsed = new CommandLineParser(verbs).parse(invocation.args());
            OmVerb verb = parsed.verb();
            if (parsed.request().has(CommandLineParser.HELP.name())) {
                invocation.out().println(Usage.of(verb));
                return 0;
            }
            if (verb.selector() == SelectorUse.REQUIRED && parsed.request().selector() == null) {
                String w = String.join(" ", verb.words());
                throw new UsageException(w + " needs a selector: om " + verb.selectorName() + " " + w);
            }
            return verb.run(parsed.request(), session);
        } catch (OmException e) {
            session.error(e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            // a bug must still give one line, not a stack trace, to the operator
            session.error(e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        } finally {
            // lines queued off a caller's thread are on disk before the command returns
            ActionLog log = multiplexer;
            if (log != null) {
                log.flush();
            }
            invocation.out().flush();
            invocation.err().flush();
        }
    }

    /**
     * Inside a daemon, a client that names another node in OM_NODENAME reached the wrong daemon (several nodes on
     * one host): refuse rather than act on this node's objects.
     */
    private void checkNodename(Invocation invocation) {
        String wanted = invocation.env().get(NODENAME_VARIABLE);
        if (wanted == null || wanted.isEmpty() || !services.daemonRunning()) {
            return;
        }
        String node = services.installation().nodename();
        if (!wanted.equals(node)) {
            throw new OmException(NODENAME_VARIABLE + " is " + Quote.of(wanted) + " but this daemon is node "
                    + Quote.of(node));
        }
    }

    /** The verb words known, for completion and help. */
    public List<String> verbNames() {
        return List.copyOf(verbs().keySet());
    }
}
