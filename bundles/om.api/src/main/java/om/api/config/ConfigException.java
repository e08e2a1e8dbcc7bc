package om.api.config;

import java.util.List;
import om.api.OmException;

/** A configuration that cannot be used; the message names the file and line of the first problem. */
public final class ConfigException extends OmException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigIssue> issues;

    public ConfigException(List<ConfigIssue> issues) {
        super(issues.isEmpty() ? "invalid configuration" : issues.get(0).toString(), 1);
        this.issues = List.copyOf(issues);
    }

    public ConfigException(String message) {
        super(message, 1);
        this.issues = List.of();
    }

    public List<ConfigIssue> issues() {
        return issues;
    }
}
