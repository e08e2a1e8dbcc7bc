package om.shell.internal;

import java.util.ArrayList;
import java.util.List;
import om.api.cli.OmVerb;
import om.api.cli.OptionSpec;

/** The usage text of a verb, generated from its declarations: synopsis, description, option table. */
public final class Usage {
    /** Synopsis lines wrap before this column. */
    static final int WIDTH = 100;
    private static final int OPTION_COLUMN = 24;

    private Usage() {
    }

    public static String of(OmVerb verb) {
        StringBuilder b = new StringBuilder();
        String head = "usage: om " + switch (verb.selector()) {
            case NONE -> "";
            case OPTIONAL -> "[" + verb.selectorName() + "] ";
            case REQUIRED -> verb.selectorName() + " ";
        } + String.join(" ", verb.words());
        if (!verb.arguments().isEmpty()) {
            head += " " + verb.arguments();
        }
        List<String> parts = new ArrayList<>();
        for (OptionSpec o : verb.options()) {
            parts.add("[" + o.synopsis() + "]" + (o.repeatable() ? "..." : ""));
        }
        wrap(b, head, parts);
        String description = verb.description().strip();
        if (!description.isEmpty()) {
            b.append('\n').append(description).append('\n');
        }
        b.append("\noptions:\n");
        for (OptionSpec o : verb.options()) {
            row(b, o.synopsis(), o.help());
        }
        row(b, "-h, " + CommandLineParser.HELP.name(), CommandLineParser.HELP.help());
        return b.toString().stripTrailing();
    }

    private static void wrap(StringBuilder b, String head, List<String> parts) {
        StringBuilder line = new StringBuilder(head);
        String indent = " ".repeat(Math.min(head.length() + 1, 40));
        for (String p : parts) {
            if (line.length() + 1 + p.length() > WIDTH && line.length() > indent.length()) {
                b.append(line).append('\n');
                line = new StringBuilder(indent).append(p);
            } else {
                line.append(' ').append(p);
            }
        }
        b.append(line).append('\n');
    }

    private static void row(StringBuilder b, String left, String help) {
        b.append("  ").append(left);
        int col = 2 + left.length();
        if (col >= OPTION_COLUMN) {
            b.append('\n');
            col = 0;
        }
        b.append(" ".repeat(OPTION_COLUMN - col)).append(help == null ? "" : help).append('\n');
    }
}
