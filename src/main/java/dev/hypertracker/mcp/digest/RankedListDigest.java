package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.DigestKind;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ranked lists of issue 15 (biggest positions, PnL leaderboards, HYPE holders, the wallet screener): the API ranks,
 * this digest keeps its order. It shows the first {@code top} rows with the fields that answer the list's question,
 * and sums chosen figures over every row fetched, exactly (decimal sums of the values as written: the perp-pnl
 * leaderboard sends numbers as strings, read here as the decimals they spell). Biggest positions also split by side
 * and coin. Figures the API sends about the whole list (all-pnl's sumPnl) are shown as the API's.
 */
final class RankedListDigest implements KindDigest {

    /**
     * What one kind of list shows.
     *
     * @param what       plural noun of a row
     * @param label      the fields naming a row in its line (text, joined by spaces)
     * @param shown      the figures kept per row in structuredContent (numbers; nested with a dot)
     * @param textFields how many of the shown figures (the first ones) its text line repeats
     * @param summed     the figures summed over the rows fetched
     * @param apiTotals  envelope figures the API computes over the whole list
     */
    record Shape(
            String what,
            List<String> label,
            List<String> shown,
            int textFields,
            List<String> summed,
            List<String> apiTotals) {}

    static final Shape BIGGEST_POSITIONS = new Shape(
            "positions",
            List.of("coin", "side", "address"),
            List.of("value", "unrealizedPnl", "liquidationProgress", "entryPrice", "markPrice", "liquidationPrice"),
            3,
            List.of("value", "unrealizedPnl", "funding"),
            List.of());
    static final Shape PNL_LEADERBOARD = new Shape(
            "wallets",
            List.of("address"),
            List.of(
                    "rank",
                    "pnlAllTime",
                    "pnlMonth",
                    "pnlWeek",
                    "pnlDay",
                    "previousRank",
                    "perpEquity",
                    "openValue",
                    "bias",
                    "totalValue",
                    "stableValue"),
            5,
            List.of("pnlAllTime", "pnlMonth", "pnlWeek", "pnlDay", "perpEquity", "openValue", "totalValue"),
            List.of("sumPnl"));
    static final Shape HYPE_HOLDERS = new Shape(
            "holders",
            List.of("address"),
            List.of("rank", "totalBalance", "value", "spotBalance", "stakedBalance"),
            3,
            List.of("totalBalance", "spotBalance", "stakedBalance", "value"),
            List.of());
    static final Shape WALLETS = new Shape(
            "wallets",
            List.of("address"),
            List.of(
                    "totalEquity",
                    "openValue",
                    "countOpenPositions",
                    "perpPnl",
                    "perpBias",
                    "exposureRatio",
                    "sumUpnl",
                    "closestLiq.progress"),
            5,
            List.of("totalEquity", "perpEquity", "perpPnl", "openValue", "sumUpnl", "countOpenPositions"),
            List.of());

    static Shape of(DigestKind kind) {
        return switch (kind) {
            case BIGGEST_POSITIONS -> BIGGEST_POSITIONS;
            case PNL_LEADERBOARD -> PNL_LEADERBOARD;
            case HYPE_HOLDERS -> HYPE_HOLDERS;
            case WALLETS -> WALLETS;
            default -> throw new IllegalArgumentException("not a ranked list: " + kind);
        };
    }

    private final Shape shape;
    private final boolean bySide;
    private final int top;
    private final Object orderedBy;
    private final List<Item> items = new ArrayList<>();
    private final Map<String, BigDecimal> sums = new LinkedHashMap<>();
    private final Map<String, Object> apiTotals = new LinkedHashMap<>();
    /** Biggest positions: per side and per coin [count, |value|] (coins are a few hundred at most). */
    private final Map<String, Tally> sides = new TreeMap<>();

    private final Map<String, Tally> coins = new TreeMap<>();
    private long fetched;

    RankedListDigest(DigestKind kind, DigestOptions options) {
        this.shape = of(kind);
        this.bySide = kind == DigestKind.BIGGEST_POSITIONS;
        this.top = options.top();
        this.orderedBy = options.echo().get("orderBy");
    }

    private static final class Tally {
        long count;
        BigDecimal value = BigDecimal.ZERO;

        Map<String, Object> json() {
            return Json.obj("count", count, "value", value);
        }
    }

    record Item(Map<String, Object> json, String line) implements Section.Item {}

    @Override
    public void accept(JsonNode row) {
        fetched++;
        for (String f : shape.summed()) {
            BigDecimal v = decimal(row, f);
            if (v != null) sums.merge(f, v, BigDecimal::add);
        }
        if (bySide) {
            BigDecimal value = decimal(row, "value");
            String side = Json.str(row, "side");
            if (value != null) {
                add(sides, side == null ? (value.signum() < 0 ? "short" : "long") : side, value.abs());
                String coin = Json.str(row, "coin");
                if (coin != null) add(coins, coin, value.abs());
            }
        }
        if (items.size() < top) items.add(item(row));
    }

    private static void add(Map<String, Tally> tallies, String key, BigDecimal value) {
        Tally t = tallies.computeIfAbsent(key, k -> new Tally());
        t.count++;
        t.value = t.value.add(value);
    }

    private Item item(JsonNode row) {
        Map<String, Object> json = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder();
        for (String f : shape.label()) {
            String v = Json.str(row, f);
            if (v == null) continue;
            json.put(f, v);
            if (line.length() > 0) line.append(' ');
            line.append(v);
        }
        List<String> figures = new ArrayList<>();
        for (int k = 0; k < shape.shown().size(); k++) {
            String f = shape.shown().get(k);
            BigDecimal v = decimal(row, f);
            if (v == null) continue;
            json.put(f.replace('.', '_'), v);
            if (k < shape.textFields()) figures.add(f + " " + shownValue(f, v));
        }
        JsonNode segments = row.path("profile").path("segments");
        if (!segments.isArray()) segments = row.path("segments");
        if (segments.isArray() && !segments.isEmpty()) {
            List<Integer> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (JsonNode s : segments.values()) {
                if (!s.canConvertToInt()) continue;
                ids.add(s.asInt());
                names.add(Cohort.byId(s.asInt()).map(Cohort::displayName).orElse("#" + s.asInt()));
            }
            json.put("segments", ids);
            figures.add(String.join("/", names));
        }
        String closestCoin = Json.str(row.path("closestLiq"), "coin");
        if (closestCoin != null) json.put("closestLiq_coin", closestCoin);
        if (!figures.isEmpty()) line.append(": ").append(String.join("; ", figures));
        return new Item(json, line.toString());
    }

    /** Money for money fields, the number as written for ranks, counts, ratios and prices. */
    private static String shownValue(String field, BigDecimal v) {
        boolean plain = field.contains("rank")
                || field.contains("Rank")
                || field.startsWith("count")
                || field.contains("Ratio")
                || field.contains("Bias")
                || field.equals("bias")
                || field.contains("Progress")
                || field.contains("progress")
                || field.contains("Price")
                || field.contains("Balance")
                || field.equals("size");
        return plain ? v.stripTrailingZeros().toPlainString() : money(v.doubleValue());
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        for (String f : shape.apiTotals()) {
            BigDecimal v = decimal(envelope, f);
            if (v != null) apiTotals.put(f, v);
        }
    }

    /**
     * A figure as the exact decimal it is written as (a JSON number or a numeric string); null when absent, and
     * counted as unreadable when it is there but not a number. "a.b" reads a nested field.
     */
    static BigDecimal decimal(JsonNode row, String field) {
        int dot = field.indexOf('.');
        JsonNode n =
                dot < 0 ? row.get(field) : row.path(field.substring(0, dot)).get(field.substring(dot + 1));
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isNumber()) {
            Json.inRange(field, n.doubleValue(), n.toString());
            return plain(n.decimalValue());
        }
        if (n.isString()) {
            String text = n.stringValue().trim();
            try {
                BigDecimal v = new BigDecimal(text);
                Json.inRange(field, v.doubleValue(), text);
                return plain(v);
            } catch (NumberFormatException e) {
                if (!text.isEmpty()) UnreadableValues.count(field, '"' + text + '"');
                return null;
            }
        }
        UnreadableValues.count(field, n.toString());
        return null;
    }

    /** The same number however it was parsed (403152.00 from a tree, 403152.0 from a stream): no trailing zeros. */
    private static BigDecimal plain(BigDecimal v) {
        BigDecimal d = v.stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("listed", fetched);
        fields.put("sumsOverListed", new LinkedHashMap<>(sums));
        if (!apiTotals.isEmpty()) fields.put("apiTotals", apiTotals);
        StringBuilder text = new StringBuilder(Format.count(fetched) + " " + shape.what()
                + " listed, in the API's order" + (orderedBy == null ? "" : " (orderBy " + orderedBy + ")") + ".");
        if (!sums.isEmpty()) {
            List<String> parts = new ArrayList<>();
            sums.forEach((f, v) -> parts.add(f + " " + shownValue(f, v)));
            text.append(" Sums over these ")
                    .append(shape.what())
                    .append(" (this server's sums of the listed rows): ")
                    .append(String.join("; ", parts))
                    .append('.');
        }
        apiTotals.forEach((f, v) -> text.append(" The API's ")
                .append(f)
                .append(" (over its whole list): ")
                .append(money(((BigDecimal) v).doubleValue()))
                .append('.'));
        List<Section> sections = new ArrayList<>();
        if (bySide) {
            Map<String, Object> sideJson = new LinkedHashMap<>();
            sides.forEach((side, t) -> sideJson.put(side, t.json()));
            fields.put("bySide", sideJson);
            List<String> parts = new ArrayList<>();
            sides.forEach((side, t) ->
                    parts.add(side + " " + Format.count(t.count) + " worth " + money(t.value.doubleValue())));
            if (!parts.isEmpty())
                text.append(" By side (|value|): ")
                        .append(String.join("; ", parts))
                        .append('.');
        }
        sections.add(new Section.Fields(fields, text.toString()));
        if (bySide && !coins.isEmpty()) {
            List<Section.Item> perCoin = new ArrayList<>();
            coins.entrySet().stream()
                    .sorted((a, b) -> b.getValue().value.compareTo(a.getValue().value))
                    .forEach(e -> perCoin.add(new Item(
                            Json.obj("coin", e.getKey(), "count", e.getValue().count, "value", e.getValue().value),
                            e.getKey() + " " + e.getValue().count + " worth "
                                    + money(e.getValue().value.doubleValue()))));
            sections.add(Section.Listing.inline("byCoin", "Per coin (|value|)", perCoin, "coins"));
        }
        sections.add(Section.Listing.of(
                "items", "First " + items.size() + " " + shape.what() + " in the API's order", items, shape.what()));
        List<Cut> cuts = new ArrayList<>();
        if (bySide) cuts.add(Cut.shorten("byCoin", 3));
        cuts.add(Cut.shorten("items", 5));
        if (bySide) cuts.add(Cut.drop("byCoin"));
        cuts.add(Cut.shorten("items", 2));
        cuts.add(Cut.drop("items"));
        return new Report(sections, cuts, "lower top or limit");
    }
}
