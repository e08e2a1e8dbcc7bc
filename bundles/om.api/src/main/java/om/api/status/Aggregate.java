package om.api.status;

/**
 * Accumulates resource statuses into an instance aggregate, following the table of status.md
 * section 3, including its two internal values (up with standby up, standby up with down).
 * Not thread-safe; one instance per aggregation.
 */
public final class Aggregate {
    private enum Acc { NA, UP, DOWN, WARN, SUP, SDOWN, UP_STAR, SUP_STAR }

    private static final Acc[][] TABLE = {
        //            up            down          warn      stdby up      stdby down
        /* up    */ {Acc.UP,       Acc.WARN,     Acc.WARN, Acc.UP_STAR,  Acc.WARN},
        /* down  */ {Acc.WARN,     Acc.DOWN,     Acc.WARN, Acc.SUP_STAR, Acc.SDOWN},
        /* warn  */ {Acc.WARN,     Acc.WARN,     Acc.WARN, Acc.WARN,     Acc.WARN},
        /* sup   */ {Acc.UP_STAR,  Acc.SUP_STAR, Acc.WARN, Acc.SUP,      Acc.WARN},
        /* sdown */ {Acc.WARN,     Acc.SDOWN,    Acc.WARN, Acc.WARN,     Acc.SDOWN},
        /* up*   */ {Acc.UP_STAR,  Acc.WARN,     Acc.WARN, Acc.UP_STAR,  Acc.WARN},
        /* sup*  */ {Acc.WARN,     Acc.SUP_STAR, Acc.WARN, Acc.SUP_STAR, Acc.WARN},
    };

    private Acc acc = Acc.NA;

    /** Adds one status; n/a and undef never change the aggregate. */
    public Aggregate add(Status s) {
        if (s == Status.NA || s == Status.UNDEF) {
            return this;
        }
        Acc b = switch (s) {
            case UP -> Acc.UP;
            case DOWN -> Acc.DOWN;
            case WARN -> Acc.WARN;
            case STDBY_UP -> Acc.SUP;
            case STDBY_DOWN -> Acc.SDOWN;
            default -> throw new IllegalStateException();
        };
        if (acc == Acc.NA) {
            acc = b;
            return this;
        }
        int col = switch (b) {
            case UP -> 0;
            case DOWN -> 1;
            case WARN -> 2;
            case SUP -> 3;
            default -> 4;
        };
        int row = switch (acc) {
            case UP -> 0;
            case DOWN -> 1;
            case WARN -> 2;
            case SUP -> 3;
            case SDOWN -> 4;
            case UP_STAR -> 5;
            case SUP_STAR -> 6;
            default -> throw new IllegalStateException();
        };
        acc = TABLE[row][col];
        return this;
    }

    /** Combines with another aggregate's visible value (used for up* + sup* = warn). */
    public Status result() {
        return switch (acc) {
            case NA -> Status.NA;
            case UP, UP_STAR -> Status.UP;
            case DOWN -> Status.DOWN;
            case WARN -> Status.WARN;
            case SUP, SUP_STAR -> Status.STDBY_UP;
            case SDOWN -> Status.STDBY_DOWN;
        };
    }

    /** Aggregates a sequence of statuses. */
    public static Status of(Iterable<Status> statuses) {
        Aggregate a = new Aggregate();
        statuses.forEach(a::add);
        return a.result();
    }
}
