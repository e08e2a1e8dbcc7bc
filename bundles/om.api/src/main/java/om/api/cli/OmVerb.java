package om.api.cli;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One verb of the {@code om} command. The shell's own verbs implement it, and any bundle can add verbs by
 * registering this interface as a service (the shell tracks them dynamically). The shell finds the verb from its
 * {@link #words()}, refuses options it does not {@linkplain #options() declare}, checks their values, prints the
 * usage generated from the declarations for {@code --help} and {@code om help <verb>}, then calls {@link #run}.
 * A verb must not declare an option it does not act on.
 */
@ConsumerType
public interface OmVerb {
    /**
     * The verb words, e.g. {@code [print, status]}. When one verb's words start another's, the longer match wins;
     * when two verbs have the same words, the shell's own verb (or the first registered) is kept.
     */
    List<String> words();

    /** One line for {@code om help}. */
    String summary();

    /** Whether a selector comes before the verb. */
    default SelectorUse selector() {
        return SelectorUse.REQUIRED;
    }

    /** How the usage names the selector: {@code <selector>} or, for verbs on one object, {@code <path>}. */
    default String selectorName() {
        return "<selector>";
    }

    /**
     * The options the verb accepts ({@code --help} is always accepted). An option name should take a value in every
     * verb or in none: the shell skips option values by name while it looks for the verb.
     */
    default List<OptionSpec> options() {
        return List.of();
    }

    /** The words after the verb, in usage (e.g. {@code [<verb>]}); empty when the verb takes no arguments. */
    default String arguments() {
        return "";
    }

    /** Paragraphs of help printed between the synopsis and the option table; may be empty. */
    default String description() {
        return "";
    }

    /**
     * Runs the verb and returns the exit code; throws {@link om.api.OmException} for a one-line error. Long
     * work stops when {@code context.invocation().cancel()} is cancelled.
     */
    int run(VerbRequest request, VerbContext context);
}
