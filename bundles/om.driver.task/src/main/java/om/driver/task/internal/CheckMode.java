package om.driver.task.internal;

import om.api.driver.ActionException;

/** The {@code check} keyword: what the status of a task resource says. */
public enum CheckMode {
    UNSET, LAST_RUN, LAST_RUN_WARN;

    public static CheckMode parse(String value) throws ActionException {
        if (value == null || value.isBlank()) {
            return UNSET;
        }
        return switch (value.strip()) {
            case "last_run" -> LAST_RUN;
            case "last_run_warn" -> LAST_RUN_WARN;
            default -> throw new ActionException("invalid check '" + value.strip()
                    + "': expected last_run or last_run_warn");
        };
    }
}
