package dev.hypertracker.mcp.charts;

/** Chart labels: 3 significant digits with a unit (1.23M), as the digests write figures for reading. */
final class Numbers {
    private Numbers() {}

    static String compact(double v) {
        double a = Math.abs(v);
        String sign = v < 0 ? "-" : "";
        if (a >= 1e9) return sign + sig(a / 1e9) + "B";
        if (a >= 1e6) return sign + sig(a / 1e6) + "M";
        if (a >= 1e3) return sign + sig(a / 1e3) + "K";
        return sign + String.format(java.util.Locale.ROOT, "%.2f", a);
    }

    private static String sig(double v) {
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }
}
