package om.core.internal.config;

import java.util.ArrayList;
import java.util.List;
import om.api.config.ConfigException;
import om.api.config.ConfigIssue;

/**
 * The chain of keywords being evaluated through references: detects loops and depth, and builds errors that
 * name the keyword whose read started the chain.
 */
final class Frames {
    /** References nest up to this many levels below the keyword being read. */
    static final int MAX_DEPTH = 10;

    private final List<String> stack = new ArrayList<>();
    private String file;
    private int line;

    void push(String section, String key, EvaluatedConfig config) {
        String name = section + "." + key;
        if (stack.isEmpty()) {
            file = config.file() == null ? config.path().canonical() : config.file().toString();
            line = config.lineOf(section, key);
        }
        if (stack.contains(name)) {
            List<String> chain = new ArrayList<>(stack.subList(stack.indexOf(name), stack.size()));
            chain.add(name);
            throw error("reference loop: " + String.join(" -> ", chain));
        }
        if (stack.size() > MAX_DEPTH) {
            throw error("references nested deeper than " + MAX_DEPTH + " levels");
        }
        stack.add(name);
    }

    void pop() {
        stack.remove(stack.size() - 1);
    }

    /** An error about the keyword being read (or, outside any keyword, about the expanded text). */
    ConfigException error(String cause) {
        String what = stack.isEmpty() ? "" : stack.get(0) + ": ";
        return new ConfigException(List.of(new ConfigIssue(file == null ? "-" : file, line, what + cause)));
    }

    /** An error raised while expanding, possibly outside any keyword ({@link EvaluatedConfig#expand}). */
    ConfigException error(EvaluatedConfig config, String cause) {
        if (file == null) {
            file = config.file() == null ? config.path().canonical() : config.file().toString();
        }
        return error(cause);
    }
}
