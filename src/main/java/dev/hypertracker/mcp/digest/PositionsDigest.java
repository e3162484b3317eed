package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * list_positions: totals, the largest positions, per coin, per size cohort and per PnL cohort (kept apart: a wallet
 * is in one of each), leverage distribution and open value near liquidation. Totals cover every row read, open and
 * closed alike; near-liquidation looks at open positions only.
 */
final class PositionsDigest implements KindDigest {

    /**
     * This server's own figure, not the vendor's measure: a position is near liquidation when its mark has moved at
     * least this share of the way from entry price to liquidation price. (The vendor's risk endpoint says "within 75%
     * of the liquidation threshold" and does not publish its formula.)
     */
    static final double NEAR_LIQUIDATION_PROGRESS = 0.75;

    /** Upper bounds (inclusive) of the leverage buckets; the last bucket is open-ended. */
    static final double[] LEVERAGE_BOUNDS = {2, 5, 10, 25};

    static final String[] LEVERAGE_LABELS = {"<=2x", "2-5x", "5-10x", "10-25x", ">25x", "unknown"};

    private final int top;
    private final boolean rankByPnlToo;
    private final Object askedStart;
    /** closedSince/closedBefore, or null; rows outside it are scanned but not counted. */
    private final CloseWindow closeWindow;

    private long scannedForCloseWindow;
    /** The newest openTime read (ISO 8601 text of one format compares in time order). */
    private String newestOpenTime;

    private long count, openCount, closedCount, longCount, shortCount, unknownSideCount, unknownStatusCount;
    private final ExactSum unknownSideValue = new ExactSum(),
            longValue = new ExactSum(),
            shortValue = new ExactSum(),
            totalValue = new ExactSum(),
            unrealizedPnl = new ExactSum(),
            funding = new ExactSum();
    private long nearLiquidationCount;
    private final ExactSum nearLiquidationValue = new ExactSum(), openValue = new ExactSum();
    private final long[] leverageCounts = new long[LEVERAGE_LABELS.length];
    private final ExactSum[] leverageValues = new ExactSum[LEVERAGE_LABELS.length];
    private final Tally[] sizeCohorts = new Tally[Cohort.MAX_ID + 1];
    private final Tally[] pnlCohorts = new Tally[Cohort.MAX_ID + 1];
    private long withoutCohort;
    /** Insertion order breaks value ties in the per-coin ranking. */
    private final Map<String, Tally> coins = new LinkedHashMap<>();

    private final TopN<TopPosition> topByValue;
    private final TopN<TopPosition> topByPnl;
    /** Reused for every row: the digest keeps no reference to it. */
    private final PositionRow scratch = new PositionRow();

    PositionsDigest(DigestOptions options) {
        this.top = options.top();
        this.rankByPnlToo = "pnl".equalsIgnoreCase(options.sortBy());
        this.askedStart = options.echo().get("start");
        this.closeWindow = CloseWindow.from(options);
        this.topByValue = new TopN<>(top);
        this.topByPnl = new TopN<>(rankByPnlToo ? top : 0);
        for (int i = 0; i < leverageValues.length; i++) leverageValues[i] = new ExactSum();
    }

    /** Count and long/short value of a group of positions. */
    static final class Tally {
        long count;
        final ExactSum longValue = new ExactSum(),
                shortValue = new ExactSum(),
                unknownSideValue = new ExactSum(),
                total = new ExactSum();

        void add(PositionRow.Side side, double value) {
            count++;
            total.add(value);
            switch (side) {
                case LONG -> longValue.add(value);
                case SHORT -> shortValue.add(value);
                case UNKNOWN -> unknownSideValue.add(value);
            }
        }

        double total() {
            return total.value();
        }
    }

    @Override
    public void accept(JsonNode row) {
        accept(scratch.fill(row));
    }

    /** The streaming path: the row's fields read straight from the parser. */
    void accept(JsonParser parser) {
        accept(scratch.fill(parser));
    }

    private void accept(PositionRow row) {
        if (closeWindow != null) {
            scannedForCloseWindow++;
            if (!closeWindow.admits(row.closeMillis)) return;
        }
        double value = Math.abs(zeroIfNaN(row.positionValue));
        boolean isLong = row.isLong();
        boolean open = row.status == PositionRow.Status.OPEN;
        double pnl = row.unrealizedPnl;

        count++;
        if (row.openTime != null && (newestOpenTime == null || row.openTime.compareTo(newestOpenTime) > 0)) {
            newestOpenTime = row.openTime;
        }
        switch (row.status) {
            case OPEN -> openCount++;
            case CLOSED -> closedCount++;
            case UNKNOWN -> unknownStatusCount++;
        }
        switch (row.side) {
            case LONG -> {
                longCount++;
                longValue.add(value);
            }
            case SHORT -> {
                shortCount++;
                shortValue.add(value);
            }
            case UNKNOWN -> {
                unknownSideCount++;
                unknownSideValue.add(value);
            }
        }
        totalValue.add(value);
        unrealizedPnl.add(pnl);
        funding.add(row.funding);

        coins.computeIfAbsent(row.coin == null ? "?" : row.coin, c -> new Tally())
                .add(row.side, value);

        if (row.sizeCohort == 0 && row.pnlCohort == 0) withoutCohort++;
        if (row.sizeCohort != 0) tally(sizeCohorts, row.sizeCohort).add(row.side, value);
        if (row.pnlCohort != 0) tally(pnlCohorts, row.pnlCohort).add(row.side, value);

        double leverage = row.leverage();
        int bucket = leverageBucket(leverage);
        leverageCounts[bucket]++;
        leverageValues[bucket].add(value);

        if (open) {
            openValue.add(value);
            if (isNearLiquidation(row.entryPrice, row.markPrice, row.liquidationPrice)) {
                nearLiquidationCount++;
                nearLiquidationValue.add(value);
            }
        }

        if (topByValue.admits(value) || topByPnl.admits(pnl)) {
            TopPosition p = new TopPosition(
                    row.address,
                    row.coin,
                    row.side,
                    value,
                    row.entryPrice,
                    row.markPrice,
                    row.liquidationPrice,
                    leverage,
                    pnl,
                    row.sizeCohort,
                    row.pnlCohort);
            topByValue.add(value, p);
            topByPnl.add(pnl, p);
        }
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static Tally tally(Tally[] byId, int id) {
        if (byId[id] == null) byId[id] = new Tally();
        return byId[id];
    }

    static int leverageBucket(double leverage) {
        if (Double.isNaN(leverage)) return LEVERAGE_LABELS.length - 1;
        for (int i = 0; i < LEVERAGE_BOUNDS.length; i++) {
            if (leverage <= LEVERAGE_BOUNDS[i]) return i;
        }
        return LEVERAGE_BOUNDS.length;
    }

    /** Positions without a liquidation price (or with it at the entry price) are never near liquidation. */
    static boolean isNearLiquidation(double entry, double mark, double liquidation) {
        if (!(liquidation > 0) || Double.isNaN(entry) || Double.isNaN(mark) || liquidation == entry) return false;
        return (mark - entry) / (liquidation - entry) >= NEAR_LIQUIDATION_PROGRESS;
    }

    record TopPosition(
            String address,
            String coin,
            PositionRow.Side side,
            double value,
            double entry,
            double mark,
            double liquidation,
            double leverage,
            double pnl,
            int sizeCohort,
            int pnlCohort)
            implements Section.Item {

        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "address",
                    address,
                    "coin",
                    coin,
                    "side",
                    sideWord(),
                    "value",
                    Format.unrounded(value),
                    "entry",
                    Format.sig6(entry),
                    "mark",
                    Format.sig6(mark),
                    "liquidationPrice",
                    liquidation > 0 ? Format.sig6(liquidation) : null,
                    "leverage",
                    Format.sig6(leverage),
                    "unrealizedPnl",
                    Format.unrounded(pnl),
                    "cohorts",
                    cohorts());
        }

        @Override
        public String line() {
            return address + " " + coin + " " + sideWord() + " " + money(value)
                    + (Double.isNaN(leverage) ? "" : " " + Format.price(leverage) + "x")
                    + " entry " + Format.price(entry) + " mark " + Format.price(mark)
                    + (liquidation > 0 ? " liq " + Format.price(liquidation) : "")
                    + " uPnL " + Format.signedMoney(pnl)
                    + (cohorts().isEmpty() ? "" : " " + String.join(", ", cohorts()));
        }

        private String sideWord() {
            return switch (side) {
                case LONG -> "long";
                case SHORT -> "short";
                case UNKNOWN -> "side unknown";
            };
        }

        private List<String> cohorts() {
            List<String> labels = new ArrayList<>(2);
            if (sizeCohort != 0) labels.add(Cohort.labelOf(sizeCohort));
            if (pnlCohort != 0) labels.add(Cohort.labelOf(pnlCohort));
            return labels;
        }
    }

    /** One row of a per-coin or per-cohort listing. */
    record GroupLine(String nameKey, String name, Tally tally) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            double unknown = tally.unknownSideValue.value();
            return Json.obj(
                    nameKey,
                    name,
                    "count",
                    tally.count,
                    "longValue",
                    tally.longValue.value(),
                    "shortValue",
                    tally.shortValue.value(),
                    "unknownSideValue",
                    unknown == 0 ? null : unknown);
        }

        @Override
        public String line() {
            return name + " " + Format.count(tally.count) + " (L " + money(tally.longValue.value()) + " / S "
                    + money(tally.shortValue.value()) + ")";
        }
    }

    /**
     * Rows come sorted by open time, oldest first: a read that stopped early saw the OLDEST slice of the window, and its
     * totals and top lists are that slice's, not the window's.
     */
    @Override
    public String coverageGap(Paging paging) {
        if (paging.complete()) return null;
        return "PARTIAL: these are the " + Format.count(count) + " oldest positions opened since "
                + (askedStart == null ? "the window's start" : askedStart)
                + (newestOpenTime == null ? "" : " (up to openTime " + newestOpenTime + ")")
                + "; every total and top list below covers only them. For the newest, set start closer to now "
                + "(or narrow by coin, address, segmentId or open=true); to read on, pass nextCursor or raise maxPages.";
    }

    @Override
    public Report finish() {
        Map<String, Object> totals = Json.obj(
                "count",
                count,
                "openCount",
                openCount,
                "closedCount",
                closedCount,
                "unknownStatusCount",
                unknownStatusCount,
                "longCount",
                longCount,
                "shortCount",
                shortCount,
                "unknownSideCount",
                unknownSideCount,
                "longValue",
                longValue.value(),
                "shortValue",
                shortValue.value(),
                "unknownSideValue",
                unknownSideValue.value(),
                "totalValue",
                totalValue.value(),
                "unrealizedPnl",
                unrealizedPnl.value(),
                "funding",
                funding.value());
        String totalsText = Format.count(count) + " positions (" + Format.count(openCount) + " open, "
                + Format.count(closedCount) + " closed"
                + (unknownStatusCount > 0
                        ? ", " + Format.count(unknownStatusCount) + " open/closed unknown (no closeTime)"
                        : "")
                + "): " + Format.count(longCount) + " long " + money(longValue.value())
                + " / " + Format.count(shortCount) + " short " + money(shortValue.value())
                + (unknownSideCount > 0
                        ? " / " + Format.count(unknownSideCount) + " side unknown " + money(unknownSideValue.value())
                        : "")
                + ", total " + money(totalValue.value())
                + "; uPnL " + Format.signedMoney(unrealizedPnl.value()) + ", funding "
                + Format.signedMoney(funding.value()) + "."
                + (withoutCohort > 0 ? " " + Format.count(withoutCohort) + " rows carry no cohort." : "");

        List<Section> sections = new ArrayList<>();
        if (closeWindow == null) {
            sections.add(new Section.Fields(Map.of("totals", totals), totalsText));
        } else {
            Map<String, Object> filter = Json.obj(
                    CloseWindow.SINCE,
                    closeWindow.since() == Long.MIN_VALUE ? null : Format.iso(closeWindow.since()),
                    CloseWindow.BEFORE,
                    closeWindow.before() == Long.MAX_VALUE ? null : Format.iso(closeWindow.before()),
                    "matched",
                    count,
                    "scanned",
                    scannedForCloseWindow);
            sections.add(new Section.Fields(
                    Json.obj("totals", totals, "closeFilter", filter),
                    closeWindow.coverage(count, scannedForCloseWindow, askedStart) + " Of them: " + totalsText));
        }
        sections.add(new Section.Block(
                "nearLiquidation",
                Json.obj(
                        "count",
                        nearLiquidationCount,
                        "value",
                        Format.unrounded(nearLiquidationValue.value()),
                        "shareOfOpenValuePct",
                        Format.pct(nearLiquidationValue.value(), openValue.value())),
                "Near liquidation, this server's figure (mark >= 75% of the way from entry price to liquidation price; "
                        + "not the vendor's measure): " + Format.count(nearLiquidationCount)
                        + " open positions, " + money(nearLiquidationValue.value()) + " ("
                        + Format.percent(Format.pct(nearLiquidationValue.value(), openValue.value()))
                        + " of open value).",
                "open value near liquidation"));
        sections.add(Section.Listing.of("top", "Largest positions by value", topByValue.ranked(), "positions"));
        if (rankByPnlToo) {
            sections.add(Section.Listing.of("topByPnl", "Highest unrealized PnL", topByPnl.ranked(), "positions"));
        }
        sections.add(Section.Listing.inline(
                "byCoin", "By coin, positions (long / short value), " + coins.size() + " coins", coinLines(), "coins"));
        sections.add(Section.Listing.inline(
                "bySizeCohort", "By size cohort (equity)", cohortLines(sizeCohorts, Cohort.Axis.SIZE), "size cohorts"));
        sections.add(Section.Listing.inline(
                "byPnlCohort",
                "By PnL cohort (all-time PnL)",
                cohortLines(pnlCohorts, Cohort.Axis.PNL),
                "PnL cohorts"));
        sections.add(leverageBlock());

        // the cohort splits answer the usual questions ("are whales long?"), so they outlast the per-coin list
        List<Cut> dropOrder = List.of(
                Cut.shorten("top", 5),
                Cut.shorten("topByPnl", 5),
                Cut.shorten("byCoin", 5),
                Cut.drop("leverage"),
                Cut.shorten("top", 3),
                Cut.shorten("topByPnl", 3),
                Cut.shorten("byCoin", 3),
                Cut.drop("byCoin"),
                Cut.drop("topByPnl"),
                // whole wallet addresses (issue 14) cost ~20 tokens each: fewer top rows before the cohort splits go
                Cut.shorten("top", 1),
                Cut.drop("byPnlCohort"),
                Cut.drop("bySizeCohort"),
                Cut.drop("top"),
                Cut.drop("nearLiquidation"));
        return new Report(
                sections,
                dropOrder,
                "filter by coin, address, segmentId or open=true, shorten the start/end window, or lower top");
    }

    private List<GroupLine> coinLines() {
        List<Map.Entry<String, Tally>> ranked = new ArrayList<>(coins.entrySet());
        ranked.sort(Comparator.comparingDouble(
                        (Map.Entry<String, Tally> e) -> e.getValue().total())
                .reversed());
        List<GroupLine> lines = new ArrayList<>();
        for (Map.Entry<String, Tally> e : ranked.subList(0, Math.min(top, ranked.size()))) {
            lines.add(new GroupLine("coin", e.getKey(), e.getValue()));
        }
        return lines;
    }

    /** Cohorts of one axis in the legend's order (smallest to largest, most profitable to most rekt). */
    private static List<GroupLine> cohortLines(Tally[] byId, Cohort.Axis axis) {
        List<GroupLine> lines = new ArrayList<>();
        for (Cohort c : Cohort.values()) {
            if (c.axis() == axis && byId[c.id()] != null) lines.add(new GroupLine("cohort", c.label(), byId[c.id()]));
        }
        return lines;
    }

    private Section.Block leverageBlock() {
        List<Object> buckets = new ArrayList<>();
        StringBuilder text = new StringBuilder("Leverage:");
        for (int i = 0; i < LEVERAGE_LABELS.length; i++) {
            if (leverageCounts[i] == 0 && i == LEVERAGE_LABELS.length - 1) continue;
            buckets.add(Json.obj(
                    "bucket",
                    LEVERAGE_LABELS[i],
                    "count",
                    leverageCounts[i],
                    "value",
                    Format.unrounded(leverageValues[i].value())));
            text.append(i == 0 ? " " : ", ")
                    .append(LEVERAGE_LABELS[i])
                    .append(' ')
                    .append(Format.count(leverageCounts[i]))
                    .append(" (")
                    .append(money(leverageValues[i].value()))
                    .append(')');
        }
        return new Section.Block("leverage", buckets, text.toString(), "leverage distribution");
    }
}
