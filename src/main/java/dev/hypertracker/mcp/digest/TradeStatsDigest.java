package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.signedMoney;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trade statistics (get_closed_trades_summary): the API's own summary figures, unchanged and under the API's names,
 * and its per-coin rows ranked by the API's volumeSharePct. Nothing here is computed by this server but the ranking.
 */
final class TradeStatsDigest implements KindDigest {

    /** The summary figures the vendor's guide names, in its order. */
    static final List<String> SUMMARY_FIELDS = List.of(
            "totalTrades",
            "wins",
            "losses",
            "winRate",
            "longTrades",
            "shortTrades",
            "avgDuration",
            "medianDuration",
            "totalWinningPnl",
            "totalLosingPnl",
            "netPnl",
            "avgGain",
            "avgLoss",
            "medianGain",
            "medianLoss",
            "profitFactor",
            "payoffRatio",
            "expectancy",
            "expectancyPct",
            "avgTradeSize",
            "medianSizeUsd",
            "totalFeesPaid",
            "totalVolumeUsd");

    /** Per-coin figures shown (the guide names only volumeSharePct; the others are read when present). */
    static final List<String> COIN_FIELDS =
            List.of("totalTrades", "wins", "losses", "winRate", "netPnl", "totalVolumeUsd", "volumeSharePct");

    private final TopN<CoinRow> coins;
    private long coinCount;
    private String address, range, updatedAt;
    private final Map<String, Object> summary = new LinkedHashMap<>();

    TradeStatsDigest(DigestOptions options) {
        this.coins = new TopN<>(options.top());
    }

    record CoinRow(Map<String, Object> fields) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return fields;
        }

        @Override
        public String line() {
            StringBuilder sb = new StringBuilder(String.valueOf(fields.get("coin"))).append(':');
            fields.forEach((k, v) -> {
                if (!k.equals("coin")) sb.append(' ').append(k).append(' ').append(Format.number((Double) v));
            });
            return sb.toString();
        }
    }

    @Override
    public void accept(JsonNode row) {
        coinCount++;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("coin", Json.str(row, "coin"));
        for (String name : COIN_FIELDS) {
            double v = Json.num(row, name);
            if (!Double.isNaN(v)) f.put(name, v);
        }
        double share = Json.num(row, "volumeSharePct");
        coins.add(Double.isNaN(share) ? Json.numOrZero(row, "totalVolumeUsd") : share, new CoinRow(f));
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        address = Json.str(envelope, "address");
        range = Json.str(envelope, "range");
        updatedAt = Json.str(envelope, "updatedAt");
        JsonNode s = envelope.path("summary");
        for (String name : SUMMARY_FIELDS) {
            double v = Json.num(s, name);
            if (!Double.isNaN(v)) summary.put(name, v);
        }
    }

    private String figure(String name) {
        Object v = summary.get(name);
        return v == null ? "n/a" : Format.number((Double) v);
    }

    private String moneyFigure(String name) {
        Object v = summary.get(name);
        return v == null ? "n/a" : signedMoney((Double) v);
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = Json.obj(
                "address", address, "range", range, "updatedAt", updatedAt, "summary", summary, "coinCount", coinCount);
        String text = "Trading record of " + address + " (range " + range + ", updated " + updatedAt
                + "; the API's figures under its names): totalTrades " + figure("totalTrades") + ", wins "
                + figure("wins") + ", losses " + figure("losses") + ", winRate " + figure("winRate") + "; netPnl "
                + moneyFigure("netPnl") + " (totalWinningPnl " + moneyFigure("totalWinningPnl") + ", totalLosingPnl "
                + moneyFigure("totalLosingPnl") + "); avgGain " + moneyFigure("avgGain") + ", avgLoss "
                + moneyFigure("avgLoss") + ", profitFactor " + figure("profitFactor") + ", payoffRatio "
                + figure("payoffRatio") + ", expectancy " + moneyFigure("expectancy") + "; longTrades "
                + figure("longTrades") + ", shortTrades " + figure("shortTrades") + ", avgDuration "
                + figure("avgDuration") + ", medianDuration " + figure("medianDuration") + "; avgTradeSize "
                + (summary.get("avgTradeSize") == null ? "n/a" : money((Double) summary.get("avgTradeSize")))
                + ", totalFeesPaid "
                + (summary.get("totalFeesPaid") == null ? "n/a" : money((Double) summary.get("totalFeesPaid")))
                + ", totalVolumeUsd "
                + (summary.get("totalVolumeUsd") == null ? "n/a" : money((Double) summary.get("totalVolumeUsd")))
                + ". " + Format.count(coinCount) + " coins traded.";
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of("coins", "Per coin by the API's volumeSharePct", coins.ranked(), "coins"));
        return new Report(sections, List.of(Cut.shorten("coins", 3), Cut.drop("coins")), "lower top");
    }
}
