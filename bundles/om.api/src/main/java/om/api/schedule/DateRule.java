package om.api.schedule;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * The days, weeks and months part of an expression. A date is allowed when one of the day specs, the ISO week and
 * the month allow it. Weekdays, weeks and months are bit sets (bit 1 = monday, week 1, january).
 */
record DateRule(List<Day> days, long weeks, int months) {
    static final int ALL_WEEKDAYS = 0b1111_1110;
    static final long ALL_WEEKS = ((1L << 54) - 1) & ~1L;
    static final int ALL_MONTHS = 0b1_1111_1111_1110;
    static final DateRule ANY = new DateRule(List.of(new Day(ALL_WEEKDAYS, Day.NONE)), ALL_WEEKS, ALL_MONTHS);

    /**
     * One {@code [weekdays][:monthday]}: {@code monthday} is {@link #NONE}, a day of the month (1..31), an ordinal
     * ({@code -1..-5}: the first to fifth such weekday of the month) or {@link #LAST}.
     */
    record Day(int weekdays, int monthday) {
        static final int NONE = 0;
        static final int LAST = -9;

        boolean allows(LocalDate d) {
            int dow = d.getDayOfWeek().getValue();
            if ((weekdays & (1 << dow)) == 0) {
                return false;
            }
            int dom = d.getDayOfMonth();
            if (monthday == NONE) {
                return true;
            }
            if (monthday > 0) {
                return dom == monthday;
            }
            boolean anyWeekday = weekdays == ALL_WEEKDAYS;
            if (monthday == LAST) {
                return anyWeekday ? dom == d.lengthOfMonth() : dom + 7 > d.lengthOfMonth();
            }
            int nth = -monthday;
            return anyWeekday ? dom == nth : (dom - 1) / 7 + 1 == nth;
        }
    }

    boolean any() {
        return this.equals(ANY);
    }

    boolean allows(LocalDate d) {
        if ((months & (1 << d.getMonthValue())) == 0) {
            return false;
        }
        if (weeks != ALL_WEEKS && (weeks & (1L << d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))) == 0) {
            return false;
        }
        for (Day day : days) {
            if (day.allows(d)) {
                return true;
            }
        }
        return false;
    }
}
