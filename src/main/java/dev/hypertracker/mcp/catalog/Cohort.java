package dev.hypertracker.mcp.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The 16 HyperTracker cohorts ("segments"). Every wallet is in exactly one SIZE cohort (by perp equity)
 * and one PNL cohort (by all-time perp PnL), so figures must never be summed across the two axes.
 * The authoritative list at runtime is {@code GET /segments}; this copy drives validation and names.
 */
public enum Cohort {
    SHRIMP(16, "Shrimp", Axis.SIZE, 0, 250, "perp equity $0-$250"),
    FISH(1, "Fish", Axis.SIZE, 250, 10_000, "perp equity $250-$10K"),
    DOLPHIN(2, "Dolphin", Axis.SIZE, 10_000, 50_000, "perp equity $10K-$50K"),
    APEX_PREDATOR(3, "Apex Predator", Axis.SIZE, 50_000, 100_000, "perp equity $50K-$100K"),
    SMALL_WHALE(4, "Small Whale", Axis.SIZE, 100_000, 500_000, "perp equity $100K-$500K"),
    WHALE(5, "Whale", Axis.SIZE, 500_000, 1_000_000, "perp equity $500K-$1M"),
    TIDAL_WHALE(6, "Tidal Whale", Axis.SIZE, 1_000_000, 5_000_000, "perp equity $1M-$5M"),
    LEVIATHAN(7, "Leviathan", Axis.SIZE, 5_000_000, Double.POSITIVE_INFINITY, "perp equity $5M+"),
    MONEY_PRINTER(8, "Money Printer", Axis.PNL, 1_000_000, Double.POSITIVE_INFINITY, "all-time perp PnL >= $1M"),
    SMART_MONEY(9, "Smart Money", Axis.PNL, 100_000, 1_000_000, "PnL $100K-$1M"),
    GRINDER(10, "Grinder", Axis.PNL, 10_000, 100_000, "PnL $10K-$100K"),
    HUMBLE_EARNER(11, "Humble Earner", Axis.PNL, 0, 10_000, "PnL $0-$10K"),
    EXIT_LIQUIDITY(12, "Exit Liquidity", Axis.PNL, -10_000, 0, "PnL $0 to -$10K"),
    SEMI_REKT(13, "Semi-Rekt", Axis.PNL, -100_000, -10_000, "PnL -$10K to -$100K"),
    FULL_REKT(14, "Full Rekt", Axis.PNL, -1_000_000, -100_000, "PnL -$100K to -$1M"),
    GIGA_REKT(15, "Giga-Rekt", Axis.PNL, Double.NEGATIVE_INFINITY, -1_000_000, "PnL below -$1M");

    /** Which classification a cohort belongs to; a wallet has exactly one cohort per axis. */
    public enum Axis {
        SIZE,
        PNL
    }

    public static final int MIN_ID = 1;
    public static final int MAX_ID = 16;

    private final int id;
    private final String displayName;
    private final Axis axis;
    /** Inclusive lower bound in USD (perp equity for SIZE, all-time perp PnL for PNL). */
    private final double min;
    /** Exclusive upper bound in USD. */
    private final double max;

    private final String rule;

    Cohort(int id, String displayName, Axis axis, double min, double max, String rule) {
        this.id = id;
        this.displayName = displayName;
        this.axis = axis;
        this.min = min;
        this.max = max;
        this.rule = rule;
    }

    public int id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Axis axis() {
        return axis;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public String rule() {
        return rule;
    }

    /** "Smart Money (#9)": how a cohort is shown to a model, always with its name. */
    public String label() {
        return displayName + " (#" + id + ")";
    }

    /** True for the PnL cohorts that are net profitable (Money Printer .. Humble Earner). */
    public boolean isProfitable() {
        return axis == Axis.PNL && min >= 0;
    }

    /** True for the PnL cohorts that are net losing (Exit Liquidity .. Giga-Rekt). */
    public boolean isRekt() {
        return axis == Axis.PNL && max <= 0;
    }

    public static Optional<Cohort> byId(int id) {
        return Arrays.stream(values()).filter(c -> c.id == id).findFirst();
    }

    /** The label for an id, or "cohort #id" for an id the legend does not know. */
    public static String labelOf(int id) {
        return byId(id).map(Cohort::label).orElse("cohort #" + id);
    }

    /** The size cohort for a perp equity in USD. */
    public static Cohort forEquity(double equityUsd) {
        return Arrays.stream(values())
                .filter(c -> c.axis == Axis.SIZE && equityUsd >= c.min && equityUsd < c.max)
                .findFirst()
                .orElse(SHRIMP);
    }

    /** The PnL cohort for an all-time perp PnL in USD (0 counts as Humble Earner). */
    public static Cohort forPnl(double pnlUsd) {
        return Arrays.stream(values())
                .filter(c -> c.axis == Axis.PNL && pnlUsd >= c.min && pnlUsd < c.max)
                .findFirst()
                .orElseThrow();
    }

    /** Cohorts in id order. */
    public static List<Cohort> inIdOrder() {
        return Arrays.stream(values())
                .sorted((a, b) -> Integer.compare(a.id, b.id))
                .toList();
    }

    /**
     * Resolves a cohort written in words: the exact name in any case, with or without spaces, hyphens or
     * a trailing "s" ("smart money", "SmartMoney", "whales", "giga rekt"). No fuzzy guessing beyond that:
     * "whale" is Whale, not Tidal Whale.
     */
    public static Optional<Cohort> byName(String text) {
        // only plain words: invisible or control characters are never part of a name
        if (text == null || !text.matches("[A-Za-z0-9 _'-]{1,40}")) return Optional.empty();
        String wanted = normalize(text);
        if (wanted.isEmpty()) return Optional.empty();
        for (Cohort c : values()) {
            String name = normalize(c.displayName);
            if (name.equals(wanted)
                    || (name + "s").equals(wanted)
                    || normalize(c.name()).equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The one reading of a cohort written as text, for every place that takes one (tool arguments, prompts,
     * resource URIs): an id ("9") or a name as {@link #byName} reads it.
     */
    public static Optional<Cohort> parse(String idOrName) {
        if (idOrName == null) return Optional.empty();
        return idOrName.matches("\\d{1,2}") ? byId(Integer.parseInt(idOrName)) : byName(idOrName);
    }

    private static String normalize(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** "1 Fish <$10K, …" (size) or "9 Smart Money >=$100K, …" (PnL) in id order: the legend in tool descriptions. */
    public static String compactLegend(Axis axis) {
        return legend(axis, c -> {
            // size cohorts read best by their ceiling, PnL cohorts by their floor
            boolean byFloor = axis == Axis.PNL ? !Double.isInfinite(c.min) : Double.isInfinite(c.max);
            return " " + (byFloor ? ">=" + usd(c.min) : "<" + usd(c.max));
        });
    }

    /** "1 Fish, 2 Dolphin, …" in id order. */
    public static String names(Axis axis) {
        return legend(axis, c -> "");
    }

    private static String legend(Axis axis, java.util.function.Function<Cohort, String> suffix) {
        StringBuilder sb = new StringBuilder();
        for (Cohort c : inIdOrder()) {
            if (c.axis != axis) continue;
            if (sb.length() > 0) sb.append(", ");
            sb.append(c.id).append(' ').append(c.displayName).append(suffix.apply(c));
        }
        return sb.toString();
    }

    private static String usd(double v) {
        double a = Math.abs(v);
        String s = a >= 1_000_000 ? trim(a / 1_000_000) + "M" : a >= 1_000 ? trim(a / 1_000) + "K" : trim(a);
        return (v < 0 ? "-$" : "$") + s;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
