package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import om.api.OmException;
import om.api.Quote;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.api.config.ConfigIssue;
import om.api.config.KeywordCatalog;
import om.api.config.KeywordChange;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import om.api.node.NodeFile;
import om.api.node.NodeSettings;
import om.api.status.Level;
import om.shell.internal.ConsoleLog;
import om.shell.internal.Session;
import om.shell.internal.UsageException;
import om.shell.internal.Verb;
import om.shell.internal.render.Json;

/**
 * The verbs of the node configuration: {@code om cluster ...} on {@code etc/cluster.conf} (the {@code cluster}
 * object) and {@code om node ...} on {@code etc/node.conf}: print config, set, unset, config validate; and the node
 * frozen flag ({@code om node freeze|thaw}). Reads and writes go through the node settings service, the one reader
 * of these files, so that what is written is validated against the same keyword tables the daemon uses.
 */
public final class NodeConfigVerbs {
    /** The node frozen flag (objects-and-config section 2), read by the daemon's monitor and by print status. */
    static final String FROZEN = "frozen";

    private NodeConfigVerbs() {
    }

    /** The words that name a file's verbs: {@code cluster} or {@code node}. */
    private static String noun(NodeFile f) {
        return f == NodeFile.CLUSTER ? "cluster" : "node";
    }

    public static List<Verb> all() {
        return List.of(printConfig(NodeFile.CLUSTER), set(NodeFile.CLUSTER), unset(NodeFile.CLUSTER),
                validate(NodeFile.CLUSTER), doc(NodeFile.CLUSTER), printConfig(NodeFile.NODE), set(NodeFile.NODE),
                unset(NodeFile.NODE), validate(NodeFile.NODE), doc(NodeFile.NODE), freeze(), thaw("thaw"),
                thaw("unfreeze"));
    }

    /** Both files take the same sections: the two verbs print the same tables. */
    public static Verb doc(NodeFile f) {
        return SimpleVerb.of(noun(f) + " config doc", "document the keywords of cluster.conf and node.conf",
                SelectorUse.NONE, List.of(OptionSpec.text("--kw", "<section>.<keyword>",
                        "document one keyword, e.g. hb.timeout or listener.port")), """
                List the sections of cluster.conf and node.conf and their keywords with type, default and meaning
                (the tables validation and defaults use); heartbeats once per type.""",
                NodeConfigVerbs::doc);
    }

    public static Verb printConfig(NodeFile f) {
        return SimpleVerb.of(noun(f) + " print config", "print etc/" + f.fileName() + " as written",
                SelectorUse.NONE, List.of(CommonOptions.FORMAT), """
                Print the file as written, comments included (nothing when it does not exist). With --format, one
                object per section of the keywords as written (with their @scope).""",
                (request, session) -> printConfig(f, request, session));
    }

    public static Verb set(NodeFile f) {
        return SimpleVerb.of(noun(f) + " set", "set keywords in etc/" + f.fileName(), SelectorUse.NONE,
                List.of(OptionSpec.text("--kw", "<section>.<key>[@<scope>]=<value>",
                        "set a keyword, e.g. hb#1.timeout=20s; at least one").repeated()), """
                Change keywords under the config lock; the result is validated against the keyword tables and
                written atomically (mode 0600), or the file is left as it was. The daemon applies the change within
                seconds.""", (request, session) -> change(f, request, session, true));
    }

    public static Verb unset(NodeFile f) {
        return SimpleVerb.of(noun(f) + " unset", "remove keywords from etc/" + f.fileName(), SelectorUse.NONE,
                List.of(OptionSpec.text("--kw", "<section>.<key>[@<scope>]", "remove a keyword; at least one")
                        .repeated()), "", (request, session) -> change(f, request, session, false));
    }

    public static Verb validate(NodeFile f) {
        return SimpleVerb.of(noun(f) + " config validate", "check etc/" + f.fileName(), SelectorUse.NONE,
                List.of(), """
                Check syntax, sections, keywords, values, scopes and references against the keyword tables of
                the cluster and node configuration. Problems are printed as <file>:<line>: <cause>; the exit code
                is 1 when any is an error.""", (request, session) -> validate(f, session));
    }

    public static Verb freeze() {
        return SimpleVerb.of("node freeze", "freeze the node: the daemon starts nothing on it", SelectorUse.NONE,
                List.of(), """
                Create the node frozen flag (var/node/frozen): the orchestrator starts no instance on this node
                until 'om node thaw'. Running instances are not stopped. Nothing changes when already frozen.""",
                NodeConfigVerbs::freeze);
    }

    public static Verb thaw(String word) {
        return SimpleVerb.of("node " + word, word.equals("thaw") ? "thaw the node (undo om node freeze)"
                        : "thaw the node (same as om node thaw)", SelectorUse.NONE, List.of(),
                "Remove the node frozen flag. Nothing changes when the node is not frozen.", NodeConfigVerbs::thaw);
    }

    private static int printConfig(NodeFile f, VerbRequest request, Session session) {
        NodeSettings settings = session.services().requireSettings();
        Path file = settings.file(f);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            text = "";
        } catch (IOException e) {
            throw new OmException("cannot read " + file + ": " + e.getMessage());
        }
        String format = request.option("--format");
        if (!Json.isMachine(format)) {
            // as written, as OpenSVC does: the secret is shown to whoever may read the file (mode 0600)
            session.out().print(text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
            return 0;
        }
        RawConfig raw = session.services().store().parse(file.toString(), text);
        Json json = new Json();
        ObjectNode doc = json.object();
        for (RawSection s : raw.sections()) {
            ObjectNode sec = doc.putObject(s.name());
            for (RawEntry e : s.entries()) {
                sec.put(e.writtenKey(), e.value());
            }
        }
        json.print(doc, format, session.out());
        return 0;
    }

    private static int change(NodeFile f, VerbRequest request, Session session, boolean set) {
        String verb = noun(f) + (set ? " set" : " unset");
        List<String> kws = request.all("--kw");
        if (kws.isEmpty()) {
            throw new UsageException(verb + " needs at least one --kw");
        }
        List<KeywordChange> changes = kws.stream().map(k -> assignment(k, set).change()).toList();
        session.services().requireSettings().change(f, changes);
        return 0;
    }

    /** An assignment that names its section: these files have no DEFAULT section to fall back on. */
    private static Assignment assignment(String text, boolean set) {
        Assignment a = Assignment.parse(text, set);
        int dot = text.indexOf('.');
        int eq = text.indexOf('=');
        if (dot < 0 || (eq >= 0 && dot > eq)) {
            throw new UsageException("invalid --kw " + Quote.of(text) + ": expected <section>.<key>[@<scope>]"
                    + (set ? "=<value>" : "") + " (e.g. hb#1.timeout" + (set ? "=20s" : "") + ")");
        }
        return a;
    }

    private static int doc(VerbRequest request, Session session) {
        KeywordCatalog catalog = session.services().requireCatalog();
        String kw = request.option("--kw");
        StringBuilder b = new StringBuilder();
        if (kw == null) {
            for (String section : catalog.nodeSections()) {
                for (String type : types(section)) {
                    b.append('[').append(section).append(']').append(type == null ? "" : " type " + type)
                            .append('\n');
                    catalog.nodeSection(section, type).forEach(k -> ConfigDocVerb.describe(b, section, k));
                    b.append('\n');
                }
            }
            session.out().print(b);
            return 0;
        }
        int dot = kw.lastIndexOf('.');
        if (dot <= 0) {
            throw new UsageException("invalid --kw " + Quote.of(kw) + ": expected <section>.<keyword>");
        }
        String written = kw.substring(0, dot);
        String key = kw.substring(dot + 1);
        // hb, hb#1 and hb#<n> name the same table
        String group = written.contains("#") ? written.substring(0, written.indexOf('#')) : written;
        String section = catalog.nodeSections().stream()
                .filter(s -> s.equals(group) || s.startsWith(group + "#")).findFirst()
                .orElseThrow(() -> new OmException("unknown section " + Quote.of(written) + " (sections: "
                        + String.join(" ", catalog.nodeSections()) + ")"));
        for (String type : types(section)) {
            catalog.nodeSection(section, type).stream().filter(k -> k.answersTo(key)).findFirst().ifPresent(k -> {
                if (type != null) {
                    b.append('[').append(section).append("] type ").append(type).append('\n');
                }
                ConfigDocVerb.describe(b, section, k);
            });
        }
        if (b.length() == 0) {
            throw new OmException("no keyword " + Quote.of(key) + " in section " + Quote.of(section));
        }
        session.out().print(b);
        return 0;
    }

    /** Heartbeat defaults depend on the type: their table is shown once per type. */
    private static List<String> types(String section) {
        return section.startsWith("hb#") ? List.of("unicast", "multicast") : java.util.Collections.singletonList(null);
    }

    private static int validate(NodeFile f, Session session) {
        boolean errors = false;
        for (ConfigIssue issue : session.services().requireSettings().validate(f)) {
            boolean warning = issue.message().startsWith("warning: ");
            errors |= !warning;
            if (warning) {
                session.warning(new ConfigIssue(issue.file(), issue.line(), issue.message().substring(9)).toString());
            } else {
                session.error(issue.toString());
            }
        }
        return errors ? 1 : 0;
    }

    static Path frozenFlag(Session session) {
        return session.services().installation().var().resolve("node").resolve(FROZEN);
    }

    private static int freeze(VerbRequest request, Session session) {
        Path flag = frozenFlag(session);
        boolean created;
        try {
            Files.createDirectories(flag.getParent());
            // created once: its mtime is the time of the freeze, which a second freeze must not move
            Files.createFile(flag);
            created = true;
        } catch (FileAlreadyExistsException e) {
            created = false;
        } catch (IOException e) {
            throw new OmException("cannot freeze the node: " + e.getMessage());
        }
        report(session, "freeze", created ? "now frozen" : "already frozen", created);
        return 0;
    }

    private static int thaw(VerbRequest request, Session session) {
        boolean removed;
        try {
            removed = Files.deleteIfExists(frozenFlag(session));
        } catch (IOException e) {
            throw new OmException("cannot thaw the node: " + e.getMessage());
        }
        report(session, "thaw", removed ? "now unfrozen" : "already unfrozen", removed);
        return 0;
    }

    /** The one console line (as an action's: the node as prefix); a change also goes to log/node.log. */
    private static void report(Session session, String action, String message, boolean changed) {
        LogEvent e = new LogEvent(Instant.now(), Level.INFO, session.node(), null, null, action, message, null, null,
                false, null);
        new ConsoleLog(session.out(), session.err(), false, false).log(e);
        ActionLog log = session.services().multiplexer().get();
        if (changed && log != null) {
            log.log(new LogEvent(e.at(), e.level(), e.node(), null, null, action,
                    "node " + message.toLowerCase(Locale.ROOT).replace("now ", ""), null, null, false, "node"));
        }
    }
}
