package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.config.ObjectConfig;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import om.api.cli.OptionSpec;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.Json;

/** {@code om <selector> print config [--eval] [--format json|flat_json]}. */
public final class PrintConfigVerb implements Verb {
    @Override
    public int run(VerbRequest request, Session session) {
        String format = request.option("--format");
        boolean machine = Json.isMachine(format);
        boolean eval = request.has("--eval");
        List<ObjectPath> paths = session.select(request.selector());
        Json json = new Json();
        ObjectNode all = json.object();
        boolean single = paths.size() == 1 && ObjectPath.isValid(request.selector());
        StringBuilder text = new StringBuilder();
        int rc = 0;
        for (ObjectPath p : paths) {
            ObjectConfig cfg;
            try {
                cfg = session.services().store().load(p)
                        .orElseThrow(() -> new OmException(p.canonical() + ": object not found"));
            } catch (OmException e) {
                if (single) {
                    throw e;
                }
                // one broken config must not hide the other objects of the selection (as print status)
                session.error(e.getMessage());
                rc = 1;
                continue;
            }
            if (machine) {
                ObjectNode doc = toJson(json, cfg, eval);
                if (single) {
                    json.print(doc, format, session.out());
                    return 0;
                }
                all.set(p.canonical(), doc);
            } else {
                if (!single) {
                    text.append("# ").append(p.canonical()).append('\n');
                }
                text.append(eval ? session.services().store().render(evaluated(cfg)) : asWritten(session, p, cfg));
                if (!single) {
                    text.append('\n');
                }
            }
        }
        if (machine) {
            json.print(all, format, session.out());
        } else {
            session.out().print(text);
        }
        return rc;
    }

    /** The file itself, comments and layout included; the parsed form if it vanished meanwhile. */
    private static String asWritten(Session session, ObjectPath p, ObjectConfig cfg) {
        try {
            String s = java.nio.file.Files.readString(session.services().store().configFile(p));
            return s.endsWith("\n") ? s : s + "\n";
        } catch (java.io.IOException e) {
            return session.services().store().render(cfg.raw());
        }
    }

    /** The config as this node sees it: one unscoped value per keyword, references evaluated. */
    private static RawConfig evaluated(ObjectConfig cfg) {
        RawConfig out = new RawConfig(List.of());
        for (RawSection s : cfg.raw().sections()) {
            for (RawEntry e : s.entries()) {
                String v = cfg.get(s.name(), e.key()).orElse("");
                out = out.with(s.name(), e.key(), null, v);
            }
        }
        return out;
    }

    private static ObjectNode toJson(Json json, ObjectConfig cfg, boolean eval) {
        ObjectNode doc = json.object();
        for (RawSection s : cfg.raw().sections()) {
            ObjectNode sec = doc.putObject(s.name());
            for (RawEntry e : s.entries()) {
                if (eval) {
                    sec.put(e.key(), cfg.get(s.name(), e.key()).orElse(null));
                } else {
                    sec.put(e.writtenKey(), e.value());
                }
            }
        }
        return doc;
    }

    @Override
    public List<String> words() {
        return List.of("print", "config");
    }

    @Override
    public String summary() {
        return "print the configuration of the selected objects";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.flag("--eval",
                "print the values as evaluated on this node (scopes and references resolved)"), CommonOptions.FORMAT);
    }

    @Override
    public String description() {
        return "Print the configuration file as written.";
    }
}
