package dev.hypertracker.mcp.digest;

import java.math.BigDecimal;

/**
 * A sum of upstream figures without floating-point drift: the API writes money and sizes with at most a few decimals,
 * so each value is added as whole micro-units in a long, and {@link #value} is the double nearest to the exact total
 * (summing doubles would turn 0.1 + 0.2 into 0.30000000000000004, and a million rows into visible noise). A value
 * with more decimals, or a total past what a long holds, continues exactly in a BigDecimal.
 */
public final class ExactSum {

    private static final double MICROS = 1e6;
    /**
     * Up to 15 significant digits a decimal and its double identify each other; past that, two decimals can share a
     * double, and the value continues in BigDecimal as Double.toString reads it.
     */
    private static final double MAX_SCALED = 1e15;

    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    private long micros;
    private BigDecimal spill;

    /** Adds a value; NaN (unknown) adds nothing. */
    public void add(double v) {
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
    public double value() {
        // a long beyond 2^53 is rounded on its way to a double: then divide in decimal
        if (spill == null && Math.abs(micros) < EXACT_DOUBLE_LIMIT) return micros / MICROS;
        BigDecimal total = BigDecimal.valueOf(micros, 6);
        return (spill == null ? total : spill.add(total)).doubleValue();
    }
}
