package om.shell.internal.verb;

import java.util.List;
import om.api.cli.OptionSpec;

/** Options several verbs declare with the same meaning. */
final class CommonOptions {
    static final OptionSpec FORMAT = OptionSpec.choice("--format", List.of("json", "flat_json"),
            "json: one JSON document; flat_json: one '<key> = <value>' line per value");
    static final OptionSpec COLOR = OptionSpec.choice("--color", List.of("yes", "no", "auto"),
            "colour warnings and errors; auto (default): on a terminal unless NO_COLOR is set");

    private CommonOptions() {
    }
}
