package om.api.schedule;

/**
 * One time range of an expression, in local seconds of the day: {@code [begin, end)}, wrapping over midnight when
 * {@code begin >= end} is not a one-second range. {@code interval} in seconds; 0 means the range never allows a run.
 * {@code once}: no {@code @} was written, the interval is the range's length (once per occurrence).
 */
record Range(boolean random, int begin, int end, long interval, boolean once) {
    static final int DAY = 86_400;

    boolean wraps() {
        return end <= begin;
    }

    /** Seconds covered by one occurrence. */
    int length() {
        return wraps() ? DAY - begin + end : end - begin;
    }

    boolean wholeDay() {
        return begin == 0 && end == DAY;
    }

    /**
     * The delay of a {@code ~} range for the occurrence that begins on {@code epochDay}: the same seed and day always
     * give the same delay, so a daemon restart does not move the run; 0 when the interval is shorter than the range
     * (the spec spreads only "once per occurrence" runs).
     */
    int delay(long seed, long epochDay, int index) {
        if (!random || interval < length() || length() <= 1) {
            return 0;
        }
        long h = mix(seed ^ mix(epochDay * 0x9E3779B97F4A7C15L + index));
        return (int) Math.floorMod(h, (long) length());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
