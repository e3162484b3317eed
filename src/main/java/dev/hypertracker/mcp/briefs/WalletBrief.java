package dev.hypertracker.mcp.briefs;

import static dev.hypertracker.mcp.digest.Format.count;
import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.percent;
import static dev.hypertracker.mcp.digest.Format.price;
import static dev.hypertracker.mcp.digest.Format.signedMoney;

import dev.hypertracker.mcp.api.ApiException;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.ExactSum;
import dev.hypertracker.mcp.digest.Format;
import dev.hypertracker.mcp.digest.UpstreamBodyException;
import dev.hypertracker.mcp.validation.ArgumentValidator;
import dev.hypertracker.mcp.validation.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * get_wallet_brief: one wallet in one call: its cohorts, every open position (full table within the budget), totals by
 * coin and side, the positions nearest liquidation, and its closed-trades summary when the catalog has
 * {@code get_closed_trades_summary} (a pluggable section).
 */
final class WalletBrief implements Brief<String> {
    static final String NAME = "get_wallet_brief";
    static final String CLOSED_TRADES_SUMMARY = "get_closed_trades_summary";
    static final int NEAREST = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Wallet brief";
    }

    @Override
    public String description() {
        return "One wallet in one call: its size and PnL cohorts, every open position, totals by coin and side, the "
                + "positions nearest liquidation, its closed-trades summary where available. <=3 API requests, cached.";
    }

    @Override
    public String subjectArgument() {
        return "address";
    }

    @Override
    public Map<String, Object> subjectSchema() {
        return Map.of("type", "string", "description", "Wallet address, 0x and 40 hex digits.");
    }

    @Override
    public String subject(Object raw) {
        if (!(raw instanceof String s)
                || !ArgumentValidator.ADDRESS.matcher(s.trim()).matches())
            throw new InvalidArgumentException(
                    "address", "is not a wallet address (0x and 40 hex digits); got " + BriefTool.shown(raw) + ".");
        return s.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public Map<String, Object> subjectFields(String address) {
        return Map.of("address", address);
    }

    @Override
    public String headline(String address) {
        return "Wallet " + address + " brief (its open positions now):";
    }

    @Override
    public int plannedReads() {
        return 2 + (Catalog.byTool(CLOSED_TRADES_SUMMARY).isPresent() ? 1 : 0);
    }

    @Override
    public List<BriefSection> sections(String address, BriefUpstream upstream) {
        List<BriefSection> sections = new ArrayList<>();
        String source = Catalog.LIST_POSITIONS.tool();
        try {
            BriefUpstream.Read open = upstream.read(Catalog.LIST_POSITIONS, Map.of("address", address, "open", true));
            List<JsonNode> rows = new ArrayList<>(open.rows());
            rows.sort(Comparator.comparingDouble((JsonNode r) -> Sections.num(r, "positionValue"))
                    .reversed());
            // the cohorts are in every row's profile; without an open position, one row of its history has them
            List<JsonNode> profileRows = rows.isEmpty()
                    ? upstream.read(Catalog.LIST_POSITIONS, Map.of("address", address, "limit", 1))
                            .rows()
                    : rows;
            sections.add(positions(rows, open, profileRows));
            if (!rows.isEmpty()) {
                sections.add(totals(rows, source));
                sections.add(nearest(rows, source));
            }
        } catch (ApiException | UpstreamBodyException e) {
            sections.add(BriefSection.unavailable("positions", "Open positions", source, e.getMessage()));
        }
        Optional<BriefSection> closed = Sections.fromTool(
                "closedTrades",
                "Closed trades summary",
                CLOSED_TRADES_SUMMARY,
                Map.of("address", address),
                "the tool's default interval",
                upstream);
        sections.add(closed.orElseGet(() -> BriefSection.unavailable(
                "closedTrades",
                "Closed trades summary",
                CLOSED_TRADES_SUMMARY,
                "this server has no closed-trades summary tool yet (/closed-trades/summary); list_positions with "
                        + "open=false lists closed positions.")));
        return sections;
    }

    private static BriefSection positions(List<JsonNode> rows, BriefUpstream.Read read, List<JsonNode> profileRows) {
        List<Integer> segments = new ArrayList<>();
        if (!profileRows.isEmpty()) {
            JsonNode s = profileRows.get(0).path("profile").path("segments");
            if (s.isArray()) s.forEach(id -> segments.add(id.asInt()));
        }
        List<String> head = new ArrayList<>();
        head.add(
                segments.isEmpty()
                        ? "Cohorts: unknown (no position rows for this wallet)."
                        : "Cohorts: "
                                + String.join(
                                        ", ",
                                        segments.stream()
                                                .map(id -> Cohort.labelOf(id)
                                                        + Cohort.byId(id)
                                                                .map(c ->
                                                                        " [" + Sections.axis(c) + ", " + c.rule() + "]")
                                                                .orElse(""))
                                                .toList())
                                + ".");
        head.add(
                rows.isEmpty()
                        ? "No open positions."
                        : count(rows.size())
                                + " open positions, largest first (value = the API's positionValue; leverage "
                                + "cross or isolated):");
        List<BriefSection.Item> items = new ArrayList<>();
        for (JsonNode r : rows) items.add(new BriefSection.Item(line(r), row(r)));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("segments", segments);
        fields.put("openCount", rows.size());
        fields.put("complete", read.paging().complete());
        String covers = "open positions, " + count(rows.size()) + " rows, "
                + read.paging().pagesFetched() + " page"
                + (read.paging().complete() ? ", complete" : ", MORE NOT READ: figures cover these rows only");
        return BriefSection.of(
                "positions", "Open positions", read.endpoint().tool(), covers, head, fields, "positions", items);
    }

    private static String line(JsonNode r) {
        double cross = Sections.num(r, "crossLeverage");
        double isolated = Sections.num(r, "isolatedLeverage");
        double liq = Sections.num(r, "liquidationPrice");
        return Sections.str(r, "coin") + " " + Sections.str(r, "side") + " "
                + r.path("size").asString("?")
                + ": value " + money(Sections.num(r, "positionValue")) + ", entry "
                + price(Sections.num(r, "entryPrice"))
                + ", mark " + price(Sections.num(r, "markPrice")) + ", liq " + (liq > 0 ? price(liq) : "none")
                + ", uPnL " + signedMoney(Sections.num(r, "unrealizedPnl")) + ", "
                + (cross > 0 ? price(cross) + "x cross" : price(isolated) + "x isolated") + ", opened "
                + Optional.ofNullable(Sections.str(r, "openTime")).orElse("?") + ", id " + Sections.str(r, "id");
    }

    private static Map<String, Object> row(JsonNode r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Sections.str(r, "id"));
        m.put("coin", Sections.str(r, "coin"));
        m.put("side", Sections.str(r, "side"));
        m.put("size", Sections.num(r, "size"));
        m.put("positionValue", Sections.num(r, "positionValue"));
        m.put("entryPrice", Sections.num(r, "entryPrice"));
        m.put("markPrice", Sections.num(r, "markPrice"));
        m.put("liquidationPrice", Sections.num(r, "liquidationPrice"));
        m.put("unrealizedPnl", Sections.num(r, "unrealizedPnl"));
        m.put("openTime", Sections.str(r, "openTime"));
        return m;
    }

    private static BriefSection totals(List<JsonNode> rows, String source) {
        Map<String, ExactSum[]> byCoinSide = new LinkedHashMap<>();
        Map<String, long[]> counts = new LinkedHashMap<>();
        ExactSum longValue = new ExactSum(), shortValue = new ExactSum(), pnl = new ExactSum();
        for (JsonNode r : rows) {
            String key = Sections.str(r, "coin") + " " + Sections.str(r, "side");
            ExactSum[] sums = byCoinSide.computeIfAbsent(key, k -> new ExactSum[] {new ExactSum(), new ExactSum()});
            double value = Sections.num(r, "positionValue");
            sums[0].add(value);
            sums[1].add(Sections.num(r, "unrealizedPnl"));
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            ("long".equals(Sections.str(r, "side")) ? longValue : shortValue).add(value);
            pnl.add(Sections.num(r, "unrealizedPnl"));
        }
        List<String> keys = new ArrayList<>(byCoinSide.keySet());
        keys.sort(Comparator.comparingDouble((String k) -> byCoinSide.get(k)[0].value())
                .reversed());
        List<BriefSection.Item> items = new ArrayList<>();
        for (String k : keys) {
            String[] coinSide = k.split(" ", 2);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("coin", coinSide[0]);
            json.put("side", coinSide[1]);
            json.put("count", counts.get(k)[0]);
            json.put("positionValue", byCoinSide.get(k)[0].value());
            json.put("unrealizedPnl", byCoinSide.get(k)[1].value());
            items.add(new BriefSection.Item(
                    k + ": " + count(counts.get(k)[0]) + " positions, " + money(byCoinSide.get(k)[0].value())
                            + ", uPnL " + signedMoney(byCoinSide.get(k)[1].value()),
                    json));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("longValue", longValue.value());
        fields.put("shortValue", shortValue.value());
        fields.put("unrealizedPnl", pnl.value());
        List<String> head = List.of("Long " + money(longValue.value()) + ", short " + money(shortValue.value())
                + ", unrealized PnL " + signedMoney(pnl.value()) + ". By coin and side:");
        return BriefSection.of(
                "totals",
                "Totals by coin and side",
                source,
                "the open positions above",
                head,
                fields,
                "coinSides",
                items);
    }

    private static BriefSection nearest(List<JsonNode> rows, String source) {
        List<JsonNode> withLiq = new ArrayList<>();
        for (JsonNode r : rows)
            if (Sections.num(r, "liquidationPrice") > 0 && Sections.num(r, "markPrice") > 0) withLiq.add(r);
        withLiq.sort(Comparator.comparingDouble(WalletBrief::distance));
        List<BriefSection.Item> items = new ArrayList<>();
        for (JsonNode r : withLiq.subList(0, Math.min(NEAREST, withLiq.size()))) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", Sections.str(r, "id"));
            json.put("coin", Sections.str(r, "coin"));
            json.put("side", Sections.str(r, "side"));
            json.put("markPrice", Sections.num(r, "markPrice"));
            json.put("liquidationPrice", Sections.num(r, "liquidationPrice"));
            json.put("distancePct", Format.round2(distance(r) * 100));
            items.add(new BriefSection.Item(
                    Sections.str(r, "coin") + " " + Sections.str(r, "side") + ": liq "
                            + price(Sections.num(r, "liquidationPrice"))
                            + " vs mark " + price(Sections.num(r, "markPrice")) + ", "
                            + percent(Format.round2(distance(r) * 100))
                            + " away, value " + money(Sections.num(r, "positionValue")),
                    json));
        }
        List<String> head = List.of(
                withLiq.isEmpty()
                        ? "No open position has a liquidation price."
                        : "Distance = |markPrice - liquidationPrice| / markPrice (this server's figure from the rows, not "
                                + "the vendor's risk measure); " + count(withLiq.size())
                                + " positions have a liquidation price:");
        return BriefSection.of(
                "nearestLiquidations",
                "Nearest liquidations",
                source,
                "the open positions above",
                head,
                Map.of(),
                "positions",
                items);
    }

    private static double distance(JsonNode r) {
        double mark = Sections.num(r, "markPrice");
        return Math.abs(mark - Sections.num(r, "liquidationPrice")) / mark;
    }
}
