package dev.hypertracker.mcp.digest;

import java.math.BigDecimal;

/**
 * A sum of upstream figures without floating-point drift: the API writes money and sizes with at most a few decimals,
 * so each value is added as whole micro-units in a long, and {@link #value} is the double nearest to the exact total
 * (summing doubles would turn 0.1 + 0.2 into 0.30000000000000004, and a million rows into visible noise). A value
 * with more decimals, or a total past what a long holds, continues exactly in a BigDecimal.
 */
final class ExactSum {

    private static final double MICROS = 1e6;
    /** Past this, value x 10^6 is no longer an exact long. */
    private static final double MAX_SCALED = 9e15;

    private long micros;
    private BigDecimal spill;

    /** Adds a value; NaN (unknown) adds nothing. */
    void add(double v) {
        if (Double.isNaN(v)) return;
        double scaled = v * MICROS;
        long m = Math.round(scaled);
        if (Math.abs(scaled) < MAX_SCALED && m / MICROS == v) {
            long sum = micros + m;
            if (((micros ^ sum) & (m ^ sum)) >= 0) {
                micros = sum;
                return;
            }
        }
        spill = (spill == null ? BigDecimal.ZERO : spill).add(BigDecimal.valueOf(v));
    }

    /** The double nearest to the exact total. */
    double value() {
        if (spill == null) return micros / MICROS;
        return spill.add(BigDecimal.valueOf(micros, 6)).doubleValue();
    }
}
