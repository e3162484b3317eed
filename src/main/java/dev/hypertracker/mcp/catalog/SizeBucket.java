package dev.hypertracker.mcp.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Position size buckets by position value (USD), as in the API's "Size Bucket Reference". */
public enum SizeBucket {
    B1(1, "<$1k", 0, 1_000),
    B2(2, "$1k-$10k", 1_000, 10_000),
    B3(3, "$10k-$25k", 10_000, 25_000),
    B4(4, "$25k-$50k", 25_000, 50_000),
    B5(5, "$50k-$100k", 50_000, 100_000),
    B6(6, "$100k-$250k", 100_000, 250_000),
    B7(7, "$250k-$500k", 250_000, 500_000),
    B8(8, "$500k-$1m", 500_000, 1_000_000),
    B9(9, "$1m-$2.5m", 1_000_000, 2_500_000),
    B10(10, ">$2.5m", 2_500_000, Double.POSITIVE_INFINITY);

    public static final int MIN_ID = 1;
    public static final int MAX_ID = 10;

    private final int id;
    private final String range;
    /** Inclusive lower bound of the position value in USD. */
    private final double min;
    /** Exclusive upper bound. */
    private final double max;

    SizeBucket(int id, String range, double min, double max) {
        this.id = id;
        this.range = range;
        this.min = min;
        this.max = max;
    }

    public int id() {
        return id;
    }

    public String range() {
        return range;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public String label() {
        return range + " (#" + id + ")";
    }

    public static Optional<SizeBucket> byId(int id) {
        return Arrays.stream(values()).filter(b -> b.id == id).findFirst();
    }

    /** The bucket a position of this USD value falls in. */
    public static SizeBucket forValue(double positionValueUsd) {
        double v = Math.abs(positionValueUsd);
        return Arrays.stream(values())
                .filter(b -> v >= b.min && v < b.max)
                .findFirst()
                .orElse(B10);
    }

    /**
     * Resolves a bucket written in words: its range as in the table in any case and spacing ("$10k-$25k",
     * "10k-25k", "10k to 25k", "<1k", ">2.5m").
     */
    public static Optional<SizeBucket> byRange(String text) {
        String wanted = normalize(text);
        if (wanted.isEmpty()) return Optional.empty();
        return Arrays.stream(values())
                .filter(b -> normalize(b.range).equals(wanted))
                .findFirst();
    }

    private static String normalize(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replace("to", "-").replaceAll("[^a-z0-9.<>-]", "");
    }

    /** "1 <$1k, 2 $1k-$10k, …": the table as used in tool descriptions. */
    public static String compactTable() {
        StringBuilder sb = new StringBuilder();
        for (SizeBucket b : values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(b.id).append(' ').append(b.range);
        }
        return sb.toString();
    }
}
