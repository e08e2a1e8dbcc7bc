package om.api.daemon;

/**
 * A node's figures, refreshed by its monitor every 10 s.
 *
 * @param load15m 15-minute load average, {@link Double#NaN} when unknown
 * @param score   placement score (orchestration.md section 4):
 *                {@code (100/max(load15,1) + 100 + mem_avail_pct + 2×(100 + swap_avail_pct)) / 7}, integer division
 */
public record NodeStats(double load15m, int score, long memTotalMb, int memAvailPct, long swapTotalMb,
                        int swapAvailPct) {
    /** Nothing known (the figures could not be read). */
    public static final NodeStats UNKNOWN = new NodeStats(Double.NaN, 0, 0, 0, 0, 0);

    public boolean loadKnown() {
        return !Double.isNaN(load15m);
    }

    /** The score of the spec's formula; an unknown load counts as 1. */
    public static int score(double load15m, int memAvailPct, int swapAvailPct) {
        double load = Double.isNaN(load15m) ? 1 : Math.max(load15m, 1);
        // floor of the quotient: the integer division of the (truncated) sum by 7
        return (int) Math.floor((100 / load + 100 + memAvailPct + 2 * (100 + swapAvailPct)) / 7);
    }
}
