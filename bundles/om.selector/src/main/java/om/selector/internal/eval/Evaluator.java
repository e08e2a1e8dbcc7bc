package om.selector.internal.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import om.api.Cancellation;
import om.api.ObjectPath;
import om.api.config.ObjectConfig;
import om.selector.internal.parse.And;
import om.selector.internal.parse.Atom;
import om.selector.internal.parse.BareKeyword;
import om.selector.internal.parse.ExactPath;
import om.selector.internal.parse.Filter;
import om.selector.internal.parse.Glob;
import om.selector.internal.parse.Or;
import om.selector.internal.parse.Term;

/**
 * Evaluates a parsed selector over a universe of objects (selectors.md sections 4-6).
 *
 * <p>Each object is tested once against the whole expression, so the cost is linear in the universe. Within a
 * {@code +} part the terms that need only the path run first, so configurations are loaded only for objects
 * the path terms leave in; a pure path/glob selector never loads one. {@code !t} on an object is "not t", which
 * over the universe is exactly universe − matches(t).
 *
 * <p>An evaluation is bounded ({@link Bounds}): it stops at the next object once its {@link Cancellation} is
 * cancelled, and {@code ~} regexes run against a clock.
 */
public final class Evaluator {
    private static final int PARALLEL_THRESHOLD = 2000;

    private final Function<ObjectPath, Optional<ObjectConfig>> loader;

    /** @param loader the configuration of an object as the evaluating node (may throw on a broken file) */
    public Evaluator(Function<ObjectPath, Optional<ObjectConfig>> loader) {
        this.loader = loader;
    }

    /** The selected objects of {@code universe}, sorted by canonical path, without duplicates. */
    public List<ObjectPath> select(Or expr, List<ObjectPath> universe) {
        return select(expr, universe, Cancellation.NONE);
    }

    /**
     * {@link #select(Or, List)} that stops with {@link Cancellation.CancelledException} once {@code cancel} is
     * cancelled.
     */
    public List<ObjectPath> select(Or expr, List<ObjectPath> universe, Cancellation cancel) {
        return select(expr, universe, new Bounds(cancel));
    }

    List<ObjectPath> select(Or expr, List<ObjectPath> universe, Bounds bounds) {
        bounds.check();
        Term[][] parts = cheapFirst(expr);
        List<ObjectPath> sorted = sortedUnique(universe);
        if (sorted.size() < PARALLEL_THRESHOLD || !needsConfig(parts)) {
            return selectRange(parts, sorted, 0, sorted.size(), bounds);
        }
        // filters read a config per object: spread large universes over the cores, in order-preserving chunks
        int chunks = Math.max(2, Runtime.getRuntime().availableProcessors() * 4);
        int size = (sorted.size() + chunks - 1) / chunks;
        List<List<ObjectPath>> results;
        try {
            results = java.util.stream.IntStream.range(0, chunks).parallel()
                    .mapToObj(i -> selectRange(parts, sorted, Math.min(i * size, sorted.size()),
                            Math.min((i + 1) * size, sorted.size()), bounds))
                    .toList();
        } catch (RuntimeException e) {
            // the first chunk's failure, as thrown, whatever the fork/join machinery made of it
            throw bounds.fail(e);
        }
        List<ObjectPath> out = new ArrayList<>();
        results.forEach(out::addAll);
        return out;
    }

    private List<ObjectPath> selectRange(Term[][] parts, List<ObjectPath> sorted, int from, int to, Bounds bounds) {
        Candidate candidate = new Candidate(loader);
        List<ObjectPath> out = new ArrayList<>();
        try {
            for (int i = from; i < to; i++) {
                // a client that went away, or a failure in another chunk, stops the evaluation here
                bounds.check();
                ObjectPath path = sorted.get(i);
                candidate.reset(path);
                if (anyPart(parts, candidate, bounds)) {
                    out.add(path);
                }
            }
        } catch (RuntimeException e) {
            throw bounds.fail(e);
        }
        return out;
    }

    private static boolean needsConfig(Term[][] parts) {
        for (Term[] terms : parts) {
            for (Term t : terms) {
                if (t.atom().needsConfig()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Term[][] cheapFirst(Or expr) {
        Term[][] parts = new Term[expr.ands().size()][];
        for (int i = 0; i < parts.length; i++) {
            And and = expr.ands().get(i);
            // intersection is commutative: path-only terms first saves loading configs they exclude
            parts[i] = and.terms().stream()
                    .sorted(Comparator.comparing((Term t) -> t.atom().needsConfig()))
                    .toArray(Term[]::new);
        }
        return parts;
    }

    private static boolean anyPart(Term[][] parts, Candidate c, Bounds bounds) {
        for (Term[] terms : parts) {
            if (allTerms(terms, c, bounds)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allTerms(Term[] terms, Candidate c, Bounds bounds) {
        for (Term t : terms) {
            if (matches(t.atom(), c, bounds) == t.negated()) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Atom atom, Candidate c, Bounds bounds) {
        // Java 17: no pattern switch yet; the sealed Atom keeps this chain exhaustive by review
        if (atom instanceof ExactPath p) {
            return p.path().equals(c.path());
        }
        if (atom instanceof Glob g) {
            return g.matches(c.fqn());
        }
        ObjectConfig cfg = c.config();
        if (cfg == null) {
            return false;
        }
        if (atom instanceof Filter f) {
            return FilterMatcher.matches(f, cfg, bounds);
        }
        return FilterMatcher.exists(((BareKeyword) atom).param(), cfg);
    }

    /** The store promises a sorted list; checking is linear, sorting again only if the promise is broken. */
    static List<ObjectPath> sortedUnique(List<ObjectPath> universe) {
        String prev = null;
        boolean ok = true;
        for (ObjectPath p : universe) {
            String cur = p.canonical();
            if (prev != null && prev.compareTo(cur) >= 0) {
                ok = false;
                break;
            }
            prev = cur;
        }
        if (ok) {
            return universe;
        }
        return universe.stream().distinct().sorted(Comparator.comparing(ObjectPath::canonical)).toList();
    }
}
