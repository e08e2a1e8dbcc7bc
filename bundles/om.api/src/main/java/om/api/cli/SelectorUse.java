package om.api.cli;

/** Whether a verb is typed after a selector: {@code om <selector> start}, {@code om [<selector>] ls}, {@code om daemon stop}. */
public enum SelectorUse {
    /** A node verb: a selector before it is an error. */
    NONE,
    /** The verb acts on every object without one. */
    OPTIONAL,
    /** The verb needs one; without it the shell says so (exit 2). */
    REQUIRED
}
