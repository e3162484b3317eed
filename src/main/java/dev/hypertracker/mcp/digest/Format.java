package dev.hypertracker.mcp.digest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How numbers, money, addresses and times are written. Structured values are rounded with {@link #round2} only;
 * text rounds money further for reading ("$1.23M").
 */
public final class Format {

    private Format() {}

    /**
     * The one rounding rule of structured content: half-up to 2 decimals (cents for money, hundredths of a percent
     * for shares). Null for NaN or infinity, which JSON cannot carry.
     */
    /** A structured number as it is (structured content is not rounded; the text rounds for reading); null if not finite. */
    static Double unrounded(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public static Double round2(double v) {
        if (!Double.isFinite(v)) return null;
        // beyond 1e13 the scaled value loses cents anyway; round to whole units instead of overflowing
        return Math.abs(v) < 1e13 ? Math.round(v * 100) / 100.0 : Math.rint(v);
    }

    /** part / whole as a percentage rounded to 2 decimals, or null when whole is 0. */
    public static Double pct(double part, double whole) {
        return whole == 0 ? null : round2(part / whole * 100);
    }

    /** Money for reading: 3 significant digits with a unit from $1K up ("$1.23M", "-$45.6K", "$414M"), cents below. */
    public static String money(double v) {
        if (!Double.isFinite(v)) return "n/a";
        double a = Math.abs(v);
        String sign = v < 0 ? "-" : "";
        if (a >= 1e12) return sign + "$" + threeDigits(a / 1e12) + "T";
        if (a >= 1e9) return sign + "$" + threeDigits(a / 1e9) + "B";
        if (a >= 1e6) return sign + "$" + threeDigits(a / 1e6) + "M";
        if (a >= 1e3) return sign + "$" + threeDigits(a / 1e3) + "K";
        return sign + String.format(Locale.ROOT, "$%.2f", a);
    }

    /** 1.23, 12.3, 123 (for values from 1 to 999.x). */
    private static String threeDigits(double v) {
        String pattern = v >= 99.95 ? "%.0f" : v >= 9.995 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** Money with an explicit sign, for PnL and changes: "+$1.20K". */
    public static String signedMoney(double v) {
        return (v > 0 ? "+" : "") + money(v);
    }

    /** "57.2%", or "n/a" for null. */
    public static String percent(Double pct) {
        return pct == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", pct);
    }

    public static String signedPercent(Double pct) {
        return pct == null ? "n/a" : (pct > 0 ? "+" : "") + percent(pct);
    }

    /** "1,234,567". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * Prices (and leverage) keep 6 significant digits rather than cents: a kPEPE price of 0.0000121616 has no cents.
     * Null for NaN or infinity.
     */
    public static Double sig6(double v) {
        return Double.isFinite(v) ? new BigDecimal(v).round(PRICE_PRECISION).doubleValue() : null;
    }

    private static final MathContext PRICE_PRECISION = new MathContext(6);

    /** A price to 6 significant digits without trailing zeros: "61000", "0.0000121616". */
    public static String price(double v) {
        if (!Double.isFinite(v)) return "n/a";
        return new BigDecimal(v).round(PRICE_PRECISION).stripTrailingZeros().toPlainString();
    }

    /** A plain number for text: whole numbers below 1,000 as they are, else money-like ("1.23M", "12.50"). */
    static String number(double v) {
        if (Math.abs(v) < 1000 && v == Math.rint(v)) return Long.toString((long) v);
        return money(v).replace("$", "");
    }

    /** ISO 8601 UTC, as the API writes times. */
    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** ISO 8601 UTC to the minute ("2026-03-15T11:00Z"): times in text, where seconds only cost tokens. */
    public static String isoMinutes(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis)
                .truncatedTo(ChronoUnit.MINUTES)
                .toString()
                .replace(":00Z", "Z");
    }
}
