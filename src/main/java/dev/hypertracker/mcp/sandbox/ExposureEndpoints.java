package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tools.jackson.core.JsonGenerator;

/** Open exposure at the anchor: by coin, the cohort heatmap, and liquidation risk by coin for a cohort. */
final class ExposureEndpoints {

    static final int MAX_RISK_LIMIT = 500;
    static final int DEFAULT_RISK_LIMIT = 100;

    private final MarketData data;
    private final Aggregates aggregates;

    ExposureEndpoints(MarketData data, Aggregates aggregates) {
        this.data = data;
        this.aggregates = aggregates;
    }

    /** Bare array of the coins with open positions, by total value descending. */
    Reply coins() {
        Exposure[][] now = aggregates.snapshot(data.hours(), 0);
        return Reply.json(JsonOut.write(g -> {
            g.writeStartArray();
            for (int c : coinsByValue(now, Aggregates.ALL)) {
                Exposure e = now[c][Aggregates.ALL];
                g.writeStartObject();
                g.writeStringProperty("coin", data.specs().get(c).symbol());
                JsonOut.value(g, "totalValue", e.valueMicros);
                JsonOut.value(g, "totalValueLong", e.valueLongMicros);
                JsonOut.value(g, "totalValueShort", e.valueShortMicros());
                g.writeNumberProperty("count", e.count);
                g.writeNumberProperty("countLong", e.countLong);
                g.writeNumberProperty("countShort", e.countShort());
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    /** Per coin the totals and one entry per cohort present (size AND PnL cohorts), bias = long share. */
    Reply heatmap(QueryParams q) {
        Exposure[][] now = aggregates.snapshot(data.hours(), q.timeframeSeconds("openedWithin"));
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("heatmap");
            g.writeStartArray();
            for (int c : coinsByValue(now, Aggregates.ALL)) {
                g.writeStartObject();
                g.writeStringProperty("coin", data.specs().get(c).symbol());
                writeHeatmapTotals(g, now[c][Aggregates.ALL]);
                g.writeName("segments");
                g.writeStartArray();
                for (int id = Cohort.MIN_ID; id <= Cohort.MAX_ID; id++) {
                    Exposure e = now[c][id];
                    if (e.count == 0) continue;
                    g.writeStartObject();
                    g.writeNumberProperty("segmentId", id);
                    writeHeatmapTotals(g, e);
                    g.writeNumberProperty("bias", e.bias());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private static void writeHeatmapTotals(JsonGenerator g, Exposure e) {
        JsonOut.value(g, "totalValue", e.valueMicros);
        JsonOut.value(g, "totalLongValue", e.valueLongMicros);
        JsonOut.value(g, "totalShortValue", e.valueShortMicros());
        g.writeNumberProperty("count", e.count);
        g.writeNumberProperty("countLong", e.countLong);
        g.writeNumberProperty("countShort", e.countShort());
    }

    /**
     * For one cohort, per coin: open value, value at liquidation risk and its percentage, by percentRisk
     * descending (then value descending, then coin); totalCount = coins the cohort holds.
     */
    Reply liquidationRisk(Map<String, String> path, QueryParams q) {
        int segmentId = QueryParams.integerValue("segmentId", path.get("segmentId"), Cohort.MIN_ID, Cohort.MAX_ID);
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = q.integer("limit", DEFAULT_RISK_LIMIT, 1, MAX_RISK_LIMIT);
        Exposure[][] now = aggregates.snapshot(data.hours(), 0);
        List<Integer> coins = IntStream.range(0, now.length)
                .filter(c -> now[c][segmentId].count > 0)
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(c -> -now[c][segmentId].percentRisk())
                        .thenComparing(c -> -now[c][segmentId].valueMicros)
                        .thenComparing(c -> data.specs().get(c).symbol()))
                .toList();
        int from = Math.min(offset, coins.size());
        List<Integer> page = coins.subList(from, (int) Math.min(coins.size(), (long) from + limit));
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("totalCount", coins.size());
            g.writeName("items");
            g.writeStartArray();
            for (int c : page) {
                Exposure e = now[c][segmentId];
                g.writeStartObject();
                g.writeStringProperty("coin", data.specs().get(c).symbol());
                JsonOut.value(g, "totalValue", e.valueMicros);
                JsonOut.value(g, "riskValue", e.riskMicros);
                g.writeNumberProperty("percentRisk", e.percentRisk());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** Coins holding positions in the slot, by its total value descending, ties by symbol. */
    private List<Integer> coinsByValue(Exposure[][] snapshot, int slot) {
        return IntStream.range(0, snapshot.length)
                .filter(c -> snapshot[c][slot].count > 0)
                .boxed()
                .sorted(Comparator.<Integer>comparingLong(c -> -snapshot[c][slot].valueMicros)
                        .thenComparing(c -> data.specs().get(c).symbol()))
                .toList();
    }
}
