package om.selector.internal.parse;

import om.api.Quote;

/**
 * What a selector error quotes of the operator's input: the one rule of {@link Quote} (control characters escaped,
 * shortened to {@link Quote#MAX_QUOTED} characters), without the quotes, which the messages place themselves.
 */
public final class Echo {
    private Echo() {
    }

    public static String of(String text) {
        return text == null ? "" : Quote.line(text, Quote.MAX_QUOTED);
    }
}
