package om.selector.internal.eval;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import om.api.Cancellation;
import om.api.OmException;
import om.selector.internal.parse.Echo;

/**
 * What bounds one selector evaluation: the caller's {@link Cancellation} (a client that went away) and the time
 * {@code ~} regexes may take. java.util.regex backtracks, so {@code (.*a){25}$} on a value of 40 {@code a} would
 * run for ages; the value is therefore handed to the matcher through a {@link CharSequence} whose
 * {@code charAt} looks at the clock and the cancellation every few hundred reads and aborts the match. A regex
 * gets {@link #PER_MATCH} per value and all the regex matches of an evaluation together {@link #TOTAL}
 * (README "Selectors"); running out is the one-line error {@code regex '<re>' took too long}, exit 2 like any
 * bad selector.
 *
 * <p>Shared by the parallel chunks of an evaluation: the first failure is recorded and stops the other chunks at
 * their next object.
 */
final class Bounds {
    static final Duration PER_MATCH = Duration.ofMillis(100);
    static final Duration TOTAL = Duration.ofSeconds(2);
    /** Reads of the value between two looks at the clock: a read costs nanoseconds, a clock read tens of them. */
    private static final int CHECK_EVERY = 256;

    private final Cancellation cancel;
    private final long perMatchNanos;
    private final long totalNanos;
    private final AtomicLong spentNanos = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    Bounds(Cancellation cancel, Duration perMatch, Duration total) {
        this.cancel = cancel == null ? Cancellation.NONE : cancel;
        this.perMatchNanos = perMatch.toNanos();
        this.totalNanos = total.toNanos();
    }

    Bounds(Cancellation cancel) {
        this(cancel, PER_MATCH, TOTAL);
    }

    /** No cancellation, default time bounds: for callers testing one value. */
    static Bounds defaults() {
        return new Bounds(Cancellation.NONE);
    }

    /** Throws when the caller cancelled or another chunk of the evaluation failed; called once per object. */
    void check() {
        RuntimeException f = failure.get();
        if (f != null) {
            throw f;
        }
        cancel.check();
    }

    /** Records the first failure of a chunk and returns the one to rethrow (the first). */
    RuntimeException fail(RuntimeException e) {
        failure.compareAndSet(null, e);
        return failure.get();
    }

    /** {@code regex.matcher(value).find()}, within the time left. */
    boolean find(Pattern regex, String value) {
        long start = System.nanoTime();
        long left = totalNanos - spentNanos.get();
        if (left <= 0) {
            throw tooLong(regex);
        }
        Bounded text = new Bounded(value, start + Math.min(perMatchNanos, left));
        try {
            return regex.matcher(text).find();
        } catch (Expired e) {
            throw tooLong(regex);
        } catch (StackOverflowError e) {
            // a long value can exhaust the stack of the recursive matcher: as fatal to the match as the clock
            throw new OmException("regex '" + Echo.of(regex.pattern()) + "' is too complex for a value", 2);
        } finally {
            spentNanos.addAndGet(System.nanoTime() - start);
        }
    }

    private static OmException tooLong(Pattern regex) {
        return new OmException("regex '" + Echo.of(regex.pattern()) + "' took too long", 2);
    }

    /** The value as the matcher reads it, with the clock and the cancellation looked at while it reads. */
    private final class Bounded implements CharSequence {
        private final String value;
        private final long deadline;
        private int reads;

        Bounded(String value, long deadline) {
            this.value = value;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if (++reads % CHECK_EVERY == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new Expired();
                }
                cancel.check();
            }
            return value.charAt(index);
        }

        @Override
        public int length() {
            return value.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return value.subSequence(start, end);
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** The deadline of one match passed; never leaves this class. */
    private static final class Expired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Expired() {
            super(null, null, false, false);
        }
    }
}
