package om.shell.internal.verb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.config.ConfigIssue;
import om.api.config.ObjectStore;
import om.api.config.RawConfig;
import om.api.config.RawSection;
import om.api.Quote;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.UsageException;
import om.shell.internal.Verb;

/** The verbs that read or change configuration files: config validate, create, set, unset, delete. */
public final class ConfigVerbs {
    private ConfigVerbs() {
    }


    /** {@code --kw} as set, unset and create take it: repeatable, one assignment each. */
    private static OptionSpec kw(String form, String help) {
        return OptionSpec.text("--kw", form, help).repeated();
    }

    public static Verb validate() {
        return SimpleVerb.of("config validate", "check the configuration of the selected objects",
                SelectorUse.REQUIRED, List.of(), """
                Check syntax, sections, keywords, values, scopes and references. Problems are printed as
                <file>:<line>: <cause>; the exit code is 1 when any is an error (warnings alone exit 0).""",
                ConfigVerbs::validate);
    }

    public static Verb create() {
        return SimpleVerb.of("create", "create an object from a file and/or keyword assignments",
                SelectorUse.REQUIRED, List.of(
                        OptionSpec.text("--config", "<file>|-", "read the configuration from a file ('-': stdin)"),
                        kw("[<section>.]<key>[@<scope>]=<value>", "set a keyword (section DEFAULT when none is given)"),
                        OptionSpec.flag("--force", "replace an existing object")), """
                Install a new object configuration.""", ConfigVerbs::create).onPath();
    }

    public static Verb set() {
        return SimpleVerb.of("set", "set keywords in the configuration of the selected objects",
                SelectorUse.REQUIRED, List.of(kw("[<section>.]<key>[@<scope>]=<value>",
                        "set a keyword (section DEFAULT when none is given); at least one")), """
                Change keywords; the file is validated and written atomically. Each selected object is changed on
                its own: a failure is reported for that object and the others are still changed (exit 1).""",
                ConfigVerbs::set);
    }

    public static Verb unset() {
        return SimpleVerb.of("unset", "remove keywords from the configuration of the selected objects",
                SelectorUse.REQUIRED, List.of(kw("[<section>.]<key>[@<scope>]", "remove a keyword; at least one")),
                "", ConfigVerbs::unset);
    }

    public static Verb delete() {
        return SimpleVerb.of("delete", "delete the selected objects' configuration and state", SelectorUse.REQUIRED,
                List.of(), """
                Remove the configuration file and the var directory of each selected object. Resources are
                not stopped: stop the object first.""", ConfigVerbs::delete);
    }

    private static int validate(VerbRequest request, Session session) {
        List<ObjectPath> paths = selectForAction(request, session, "config validate");
        boolean errors = false;
        for (ObjectPath p : paths) {
            for (ConfigIssue issue : session.services().store().validate(p)) {
                boolean warning = issue.message().startsWith("warning: ");
                errors |= !warning;
                if (warning) {
                    session.warning(new ConfigIssue(issue.file(), issue.line(), issue.message().substring(9))
                            .toString());
                } else {
                    session.error(issue.toString());
                }
            }
        }
        return errors ? 1 : 0;
    }

    private static int create(VerbRequest request, Session session) {
        ObjectPath path = exactPath(request, "create");
        ObjectStore store = session.services().store();
        if (store.exists(path) && !request.has("--force")) {
            throw new OmException(path.canonical() + ": already exists (use --force to replace it)");
        }
        RawConfig raw = new RawConfig(List.of());
        String source = request.option("--config");
        if (source != null) {
            String text = readSource(source, session);
            raw = store.parse(source, text);
            if (raw.section("DEFAULT").isPresent()) {
                // a file keeps its comments and layout; --kw assignments are then applied line by line
                failOnErrors(store.validate(path, text));
                store.install(path, text);
                List<String> kws = request.all("--kw");
                if (!kws.isEmpty()) {
                    store.change(path, kws.stream().map(k -> Assignment.parse(k, true).change()).toList());
                }
                return 0;
            }
        }
        for (String kw : request.all("--kw")) {
            raw = Assignment.parse(kw, true).applyTo(raw);
        }
        // every object has a header, first in the file, even when only resources were given or --kw named a
        // resource keyword before a header one
        List<RawSection> sections = new java.util.ArrayList<>();
        sections.add(raw.section("DEFAULT").orElse(new RawSection("DEFAULT", 0, List.of())));
        raw.sections().stream().filter(s -> !s.name().equals("DEFAULT")).forEach(sections::add);
        raw = new RawConfig(sections);
        failOnErrors(store.validate(path, store.render(raw)));
        store.write(path, raw);
        return 0;
    }

    private static String readSource(String source, Session session) {
        try {
            if (source.equals("-")) {
                return new String(session.invocation().in().readAllBytes(), StandardCharsets.UTF_8);
            }
            Path file = session.invocation().cwd().resolve(source);
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new OmException("cannot read " + source + ": no such file");
        } catch (IOException e) {
            throw new OmException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static int set(VerbRequest request, Session session) {
        return change(request, session, "set", true);
    }

    private static int unset(VerbRequest request, Session session) {
        return change(request, session, "unset", false);
    }

    private static int change(VerbRequest request, Session session, String verb, boolean needsValue) {
        List<String> kws = request.all("--kw");
        if (kws.isEmpty()) {
            throw new UsageException(verb + " needs at least one --kw");
        }
        List<Assignment> assignments = kws.stream().map(k -> Assignment.parse(k, needsValue)).toList();
        List<om.api.config.KeywordChange> changes = assignments.stream().map(Assignment::change).toList();
        // only the changed lines are rewritten: the operator's comments and layout stay
        return eachObject(selectForAction(request, session, verb), session,
                p -> session.services().store().change(p, changes));
    }

    private static int delete(VerbRequest request, Session session) {
        return eachObject(selectForAction(request, session, "delete"), session,
                p -> session.services().store().delete(p));
    }

    /**
     * Applies a change to each object on its own: one failure is one error line naming the object, and the other
     * objects are still changed (exit 1 when any failed). A single object fails as the command's error.
     */
    static int eachObject(List<ObjectPath> paths, Session session, java.util.function.Consumer<ObjectPath> change) {
        int rc = 0;
        for (ObjectPath p : paths) {
            try {
                change.accept(p);
            } catch (RuntimeException e) {
                if (paths.size() == 1) {
                    throw e;
                }
                String m = e instanceof OmException ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                session.error(m != null && m.startsWith(p.canonical() + ":") ? m : p.canonical() + ": " + m);
                rc = 1;
            }
        }
        return rc;
    }

    private static void failOnErrors(List<ConfigIssue> issues) {
        for (ConfigIssue i : issues) {
            if (!i.message().startsWith("warning: ")) {
                throw new OmException(i.toString());
            }
        }
    }

    static ObjectPath exactPath(VerbRequest request, String verb) {
        if (request.selector() == null) {
            throw new UsageException(verb + " needs an object path: om <path> " + verb);
        }
        return ObjectPath.parse(request.selector());
    }

    /** The selection of a verb that acts; an empty one is an error naming the selector. */
    static List<ObjectPath> selectForAction(VerbRequest request, Session session, String verb) {
        if (request.selector() == null) {
            throw new UsageException(verb + " needs a selector: om <selector> " + verb);
        }
        List<ObjectPath> paths = session.select(request.selector());
        if (paths.isEmpty()) {
            throw new OmException("no object selected by " + Quote.of(request.selector()));
        }
        return paths;
    }
}
