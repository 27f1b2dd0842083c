package io.cordon.dashboard.screening;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Households, resolved and overdue households of a round, summed over some compounds, and how many compounds (those
 * with a household today, as the compound table lists them).
 */
public record AreaScreening(long households, long resolved, long overdue, long compounds) {

    public static final AreaScreening NONE = new AreaScreening(0, 0, 0, 0);

    public AreaScreening plus(AreaScreening o) {
        return new AreaScreening(
                households + o.households, resolved + o.resolved, overdue + o.overdue, compounds + o.compounds);
    }

    /** Coverage: resolved ÷ households, in percent with one decimal (half up); 0 where there is no household. */
    public static double coverage(long resolved, long households) {
        if (households == 0) {
            return 0.0;
        }
        return BigDecimal.valueOf(resolved * 100.0 / households)
                .setScale(1, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
