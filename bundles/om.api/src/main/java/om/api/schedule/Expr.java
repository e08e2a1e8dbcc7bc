package om.api.schedule;

import java.util.List;

/** One expression of a schedule: its ranges on the dates its rule allows; an exclusion forbids what it allows. */
record Expr(boolean exclusion, List<Range> ranges, DateRule dates) {
}
