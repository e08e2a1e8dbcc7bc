package om.shell.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import om.api.Installation;
import om.api.OmException;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.cli.CommandRunner;
import om.api.cli.DaemonControl;
import om.api.cli.Invocation;
import om.api.config.KeywordCatalog;
import om.api.config.ObjectStore;
import om.api.driver.DriverRegistry;
import om.api.select.ObjectSelector;
import om.api.status.StatusService;
import om.log.api.LogHealth;
import om.log.api.LogReader;
import om.shell.internal.verb.ActionVerb;
import om.shell.internal.verb.ConfigDocVerb;
import om.shell.internal.verb.ConfigVerbs;
import om.shell.internal.verb.DaemonVerbs;
import om.shell.internal.verb.HelpVerb;
import om.shell.internal.verb.LogsVerb;
import om.shell.internal.verb.LsVerb;
import om.shell.internal.verb.PrintConfigVerb;
import om.shell.internal.verb.PrintStatusVerb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The om verbs. Every front end (Gogo shell, daemon bridge, embedded client) hands its command line here.
 */
@Component(service = CommandRunner.class)
public final class OmCommandRunner implements CommandRunner {
    private final Services services;
    private final Map<String, Verb> verbs;

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

    @Activate
    public OmCommandRunner(@Reference Installation installation, @Reference ObjectStore store,
                           @Reference StatusService status, @Reference ActionEngine engine,
                           @Reference DriverRegistry drivers) {
        this.services = new Services(installation, store, status, engine, drivers, () -> selector, () -> daemon, () -> multiplexer,
                OmCommandRunner.<LogReader>untyped(() -> logReader),
                OmCommandRunner.<LogHealth>untyped(() -> logHealth), () -> catalog);
        this.verbs = buildVerbs();
    }

    /**
     * A supplier of an optional-import type without naming it: a lambda typed {@code Supplier<LogReader>} would
     * load om.log.api when the component is built, failing it when om.log is absent.
     */
    @SuppressWarnings("unchecked")
    private static <T> Supplier<T> untyped(Supplier<Object> s) {
        return (Supplier<T>) (Supplier<?>) s;
    }

    /** For tests: every service given, selector and daemon fixed. */
    public OmCommandRunner(Services services) {
        this.services = services;
        this.verbs = buildVerbs();
    }

    private static Map<String, Verb> buildVerbs() {
        Map<String, Verb> v = new LinkedHashMap<>();
        v.put("ls", new LsVerb());
        v.put("print status", new PrintStatusVerb());
        v.put("print config", new PrintConfigVerb());
        v.put("config validate", ConfigVerbs.validate());
        v.put("config doc", new ConfigDocVerb());
        v.put("create", ConfigVerbs.create());
        v.put("set", ConfigVerbs.set());
        v.put("unset", ConfigVerbs.unset());
        v.put("delete", ConfigVerbs.delete());
        v.put("start", new ActionVerb("start"));
        v.put("stop", new ActionVerb("stop"));
        v.put("provision", new ActionVerb("provision"));
        v.put("unprovision", new ActionVerb("unprovision"));
        v.put("run", new ActionVerb("run"));
        v.put("logs", new LogsVerb(false));
        v.put("node logs", new LogsVerb(true));
        v.put("mon", DaemonVerbs.mon());
        v.put("daemon status", DaemonVerbs.status());
        v.put("daemon stop", DaemonVerbs.stop());
        v.put("help", new HelpVerb(v));
        return v;
    }

    @Override
    public int run(Invocation invocation) {
        Session session = new Session(invocation, services);
        try {
            Request request = CommandLineParser.parse(invocation.args());
            if ("config".equals(request.selector()) && request.verbString().equals("doc")) {
                // "om config doc": the keyword tables, no object
                request = new Request(null, List.of("config", "doc"), request.options());
            }
            String verbWords = request.verbString();
            // "om help start" and "om start --help": the usage of that verb
            String helpTopic = helpTopic(request, verbWords);
            if (helpTopic != null) {
                invocation.out().println(verbs.get(helpTopic).usage());
                return 0;
            }
            if (verbWords.isEmpty()) {
                // "om <selector>" alone, or "om --help"
                verbWords = request.selector() == null || request.has("--help") ? "help" : "";
                if (verbWords.isEmpty()) {
                    throw new UsageException("missing verb after '" + request.selector() + "' (see 'om help')");
                }
            }
            Verb verb = verbs.get(verbWords);
            if (verb == null) {
                throw new UsageException("unknown verb '" + verbWords + "' (see 'om help')");
            }
            if (request.has("--help")) {
                invocation.out().println(verb.usage());
                return 0;
            }
            return verb.run(request, session);
        } catch (OmException e) {
            invocation.err().println("error: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            // a bug must still give one line, not a stack trace, to the operator
            invocation.err().println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
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
     * The verb whose usage is asked for: {@code om help <verb>}, or {@code --help} after a verb typed without a
     * selector ({@code om print status --help}, whose first word the parser took for a selector).
     */
    private String helpTopic(Request request, String verbWords) {
        if (verbWords.startsWith("help ")) {
            String topic = verbWords.substring(5);
            return verbs.containsKey(topic) ? topic : null;
        }
        if (!request.has("--help") || request.selector() == null) {
            return null;
        }
        String joined = verbWords.isEmpty() ? request.selector() : request.selector() + " " + verbWords;
        if (verbs.containsKey(joined) && !verbs.containsKey(verbWords)) {
            return joined;
        }
        return null;
    }

    /** The verb words known, for completion and help. */
    public List<String> verbNames() {
        return List.copyOf(verbs.keySet());
    }
}
