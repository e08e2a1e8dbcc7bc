package om.selector.internal.parse;

/** What a term tests, after its {@code !}s are stripped (selectors.md section 2). */
public sealed interface Atom permits Filter, Glob, ExactPath, BareKeyword {
    /** Whether testing this atom needs the object's configuration (not just its path). */
    boolean needsConfig();
}
