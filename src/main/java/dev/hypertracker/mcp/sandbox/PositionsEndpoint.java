package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.HistoryLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * GET /positions: every position, filtered, by open time ascending, cursor-paged. Parameters the API
 * ignores (cursor, orderBy, order) are ignored here too.
 */
final class PositionsEndpoint {

    static final int MAX_LIMIT = 1000;

    private final MarketData data;

    PositionsEndpoint(MarketData data) {
        this.data = data;
    }

    Reply list(QueryParams q) {
        // nothing opened before the API's history began is listed (a window before it: an empty list)
        long startSecond = Math.max(data.secondOf(q.requiredTime("start")), data.secondOf(HistoryLimits.POSITIONS));
        long endSecond = data.secondOf(q.time("end").orElse(data.anchor()));
        Optional<String> coin = q.first("coin");
        Set<Integer> wallets = walletFilter(q.addresses("address"));
        Optional<Boolean> open = q.bool("open");
        int segmentId = q.integer("segmentId", 0, Cohort.MIN_ID, Cohort.MAX_ID);
        int limit = q.integer("limit", MAX_LIMIT, 1, MAX_LIMIT);
        int resumeAt = q.first("nextCursor").map(this::cursorSequence).orElse(0);

        PositionTable t = data.table;
        // a coin filter walks only that coin's positions; wrong case is simply no coin: an empty list
        int[] candidates = null;
        if (coin.isPresent()) {
            OptionalInt c = data.coinIndex(coin.get());
            candidates = c.isPresent() ? data.positionsByCoin[c.getAsInt()] : new int[0];
        }
        int n = candidates == null ? t.size : candidates.length;
        List<Integer> page = new ArrayList<>();
        int next = -1;
        for (int k = firstAtOrAfter(candidates, n, Math.max(startSecond, 0), resumeAt); k < n; k++) {
            int i = candidates == null ? k : candidates[k];
            if (t.openSecond[i] > endSecond) break;
            if (wallets != null && !wallets.contains(t.wallet[i])) continue;
            if (open.isPresent() && open.get() != (t.closeSecond[i] == PositionTable.OPEN)) continue;
            if (segmentId != 0 && data.sizeCohortId(i) != segmentId && data.pnlCohortId(i) != segmentId) continue;
            if (page.size() == limit) {
                next = i;
                break;
            }
            page.add(i);
        }
        String nextCursor = next < 0 ? null : Cursors.position(data.instantAt(t.openSecond[next]), next);
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("positions");
            g.writeStartArray();
            for (int i : page) writePosition(g, i);
            g.writeEndArray();
            g.writeStringProperty("nextCursor", nextCursor);
            g.writeEndObject();
        }));
    }

    private Set<Integer> walletFilter(List<String> addresses) {
        if (addresses.isEmpty()) return null;
        Set<Integer> wallets = new HashSet<>();
        for (String a : addresses) {
            int w = data.walletIndex(a);
            if (w >= 0) wallets.add(w);
        }
        return wallets;
    }

    /** The sequence a cursor resumes at; it must name an existing position with its own open time. */
    private int cursorSequence(String cursor) {
        JsonNode node = Cursors.decode(cursor);
        JsonNode seq = node.get("seq");
        JsonNode openTime = node.get("openTime");
        if (seq == null || !seq.isInt() || openTime == null || !openTime.isString()) throw Cursors.invalid();
        int i = seq.intValue();
        if (i < 0
                || i >= data.table.size
                || !openTime.stringValue().equals(JsonOut.time(data.instantAt(data.table.openSecond[i])))) {
            throw Cursors.invalid();
        }
        return i;
    }

    /** First candidate index whose position opened at or after the second and is not before the cursor. */
    private int firstAtOrAfter(int[] candidates, int n, long second, int minSequence) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int i = candidates == null ? mid : candidates[mid];
            if (data.table.openSecond[i] < second || i < minSequence) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void writePosition(JsonGenerator g, int i) {
        MarketData.Position p = data.position(i);
        CoinSpec spec = data.specs().get(data.table.coin[i]);
        g.writeStartObject();
        g.writeStringProperty("id", p.id());
        g.writeStringProperty("address", p.wallet().address());
        g.writeStringProperty("coin", p.coin());
        g.writeStringProperty("dex", p.dex());
        g.writeStringProperty("side", p.side());
        g.writeName("size");
        g.writeNumber(p.size());
        JsonOut.decimal(g, "entryPrice", p.entryPrice());
        JsonOut.decimal(g, "markPrice", p.markPrice());
        JsonOut.decimal(g, "midPrice", p.midPrice());
        g.writeNumberProperty("premiumPrice", 0);
        JsonOut.decimal(g, "positionValue", p.positionValue());
        JsonOut.decimal(g, "liquidationPrice", p.liquidationPrice());
        JsonOut.money(g, "unrealizedPnl", Math.round(p.unrealizedPnl() * 100));
        JsonOut.money(g, "funding", Math.round(p.funding() * 100));
        g.writeNumberProperty("crossLeverage", p.cross() ? p.leverage() : 0);
        g.writeNumberProperty("isolatedLeverage", p.cross() ? 0 : p.leverage());
        g.writeNumberProperty("maxLeverage", spec.maxLeverage());
        g.writeNumberProperty("assetMaxLeverage", spec.maxLeverage());
        g.writeNumberProperty("szDecimals", spec.szDecimals());
        Instant updated = p.isOpen() ? data.anchor() : p.closeTime();
        JsonOut.timeProperty(g, "openTime", p.openTime());
        JsonOut.timeProperty(g, "closeTime", p.closeTime());
        JsonOut.timeProperty(g, "createdAt", p.openTime());
        JsonOut.timeProperty(g, "updatedAt", updated);
        g.writeName("profile");
        g.writeStartObject();
        g.writeStringProperty("address", p.wallet().address());
        g.writeName("segments");
        g.writeStartArray();
        for (int s : p.wallet().segments()) g.writeNumber(s);
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }
}
