package dev.hypertracker.mcp.sandbox;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * A wallet's trade flow, derived from its positions: every position opened with one fill and, once closed, closed
 * with another; each closed position is one closed trade (hash = 0x + the position's id); a position closed at
 * liquidation risk (the close price had covered 75% of the way to its liquidation price) was closed by a liquidation
 * fill; funding is paid or received every hour a position is open, at its coin's hourly rate on its entry notional
 * (positive rates charge longs), so the payments of a position add up to about its funding in /positions.
 */
final class TradeFlowEndpoints {

    /** The taker fee charged on every fill's notional. */
    static final double FEE_RATE = 0.00045;
    /** Every fourth position was traded through this builder (its address derives from the seed). */
    static final int BUILDER_EVERY = 4;

    private static final Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");
    private static final Period FUNDINGS_SPAN = Period.ofMonths(1);
    private static final Period LIQUIDATIONS_SPAN = Period.ofMonths(3);
    private static final List<String> INTERVALS = List.of("all", "365d", "180d", "90d", "30d", "last50");

    private final MarketData data;
    private final String builder;
    private volatile int[][] byWallet;
    private volatile Map<String, Integer> byHash;

    TradeFlowEndpoints(MarketData data) {
        this.data = data;
        this.builder = "0x" + sha(data.seed(), -1, 0).substring(0, 40);
    }

    /** The builder address fills of every fourth position carry. */
    String builder() {
        return builder;
    }

    // ---- routes ----

    /** GET /fills: address (1-10, required), start (required), end on start's UTC day; oldest first. */
    Reply fills(QueryParams q) {
        List<String> addresses = q.addresses("address");
        if (addresses.isEmpty()) throw ApiError.badRequest("address", "address should not be empty");
        if (addresses.size() > 10)
            throw ApiError.badRequest("address", "address must contain no more than 10 elements");
        Instant start = q.requiredTime("start");
        LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
        Instant dayEnd =
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        Instant end = q.time("end").orElse(dayEnd);
        if (!end.atOffset(ZoneOffset.UTC).toLocalDate().equals(day))
            throw ApiError.badRequest("end", "end must be on the same UTC day as start");
        List<String> coins = q.all("coin");
        Optional<String> side = side(q);
        Optional<String> builderFilter = q.addresses("builder").stream().findFirst();
        int limit = q.integer("limit", 500, 1, 1000);
        List<long[]> events = new ArrayList<>();
        for (String address : addresses) {
            int w = data.walletIndex(address);
            if (w < 0) continue;
            for (int i : positionsOf(w)) {
                if (!coins.isEmpty() && !coins.contains(symbol(i))) continue;
                if (builderFilter.isPresent() && !builderFilter.get().equals(builderOf(i))) continue;
                for (int close = 0; close < 2; close++) {
                    if (close == 1 && !isClosed(i)) continue;
                    if (side.isPresent() && !side.get().equals(fillSide(i, close == 1))) continue;
                    long second = close == 1 ? data.table.closeSecond[i] : data.table.openSecond[i];
                    if (within(second, start, end)) events.add(new long[] {second, 2L * i + close});
                }
            }
        }
        events.sort(OLDEST_FIRST);
        return fillPage(events, limit, q, "fills");
    }

    /** GET /fills/liquidation: newest first without start, oldest first with it; end at most 3 months after start. */
    Reply liquidationFills(QueryParams q) {
        Optional<Instant> start = q.time("start");
        Optional<Instant> end = q.time("end");
        if (start.isPresent()) {
            Instant latest =
                    start.get().atOffset(ZoneOffset.UTC).plus(LIQUIDATIONS_SPAN).toInstant();
            if (end.orElse(data.anchor()).isAfter(latest))
                throw ApiError.badRequest("end", "end must be at most 3 months after start");
        }
        Optional<String> coin = q.first("coin");
        List<String> addresses = q.addresses("address");
        Optional<String> side = side(q);
        int limit = q.integer("limit", 500, 1, 1000);
        int wallet = addresses.isEmpty() ? -2 : data.walletIndex(addresses.get(0));
        List<long[]> events = new ArrayList<>();
        PositionTable t = data.table;
        for (int i = 0; i < t.size; i++) {
            if (!isLiquidated(i)) continue;
            if (coin.isPresent() && !coin.get().equals(symbol(i))) continue;
            if (wallet != -2 && t.wallet[i] != wallet) continue;
            if (side.isPresent() && !side.get().equals(fillSide(i, true))) continue;
            long second = t.closeSecond[i];
            if (within(second, start.orElse(Instant.MIN), end.orElse(data.anchor())))
                events.add(new long[] {second, 2L * i + 1});
        }
        events.sort(start.isPresent() ? OLDEST_FIRST : OLDEST_FIRST.reversed());
        return fillPage(events, limit, q, "fills");
    }

    /** GET /fundings: one wallet's hourly payments; startTime..endTime at most 1 month, default the last 7 days. */
    Reply fundings(QueryParams q) {
        int w = requiredWallet(q);
        Instant[] window = monthWindow(q, data.anchor().minusSeconds(7 * 86_400L));
        Optional<String> coin = q.first("coin");
        int limit = q.integer("limit", 100, 1, 500);
        List<long[]> events = new ArrayList<>();
        PositionTable t = data.table;
        if (w >= 0) {
            for (int i : positionsOf(w)) {
                if (coin.isPresent() && !coin.get().equals(symbol(i))) continue;
                int last = Math.min(t.closeSecond[i], data.anchorSecond());
                for (int hour = t.openSecond[i] / 3600 + 1; hour * 3600L <= last; hour++) {
                    long second = hour * 3600L;
                    if (within(second, window[0], window[1])) events.add(new long[] {second, (long) i << 16 | hour});
                }
            }
        }
        events.sort(OLDEST_FIRST);
        return page(events, limit, q, "fundings", this::writeFunding);
    }

    /** GET /closed-trades: one wallet's closed positions as trades, newest close first. */
    Reply closedTrades(QueryParams q) {
        int w = requiredWallet(q);
        Instant[] window =
                q.first("startTime").isPresent() || q.first("endTime").isPresent()
                        ? monthWindow(q, Instant.MIN)
                        : new Instant[] {Instant.MIN, data.anchor()};
        int limit = q.integer("limit", 100, 1, 500);
        List<long[]> events = new ArrayList<>();
        if (w >= 0) {
            for (int i : positionsOf(w)) {
                if (isClosed(i) && within(data.table.closeSecond[i], window[0], window[1]))
                    events.add(new long[] {data.table.closeSecond[i], i});
            }
        }
        events.sort(OLDEST_FIRST.reversed());
        return page(events, limit, q, "trades", (g, e) -> writeTrade(g, (int) e[1]));
    }

    /** GET /closed-trades/summary: the wallet's closed-trade statistics over an interval. */
    Reply closedTradesSummary(QueryParams q) {
        int w = requiredWallet(q);
        String interval = q.first("interval").orElse("all");
        if (!INTERVALS.contains(interval))
            throw ApiError.badRequest(
                    "interval", "interval must be one of the following values: " + String.join(", ", INTERVALS));
        List<Integer> trades = new ArrayList<>();
        if (w >= 0) for (int i : positionsOf(w)) if (isClosed(i)) trades.add(i);
        trades.sort(Comparator.comparingInt((Integer i) -> data.table.closeSecond[i])
                .reversed()
                .thenComparing(Comparator.reverseOrder()));
        if (interval.equals("last50")) {
            if (trades.size() > 50) trades = trades.subList(0, 50);
        } else if (!interval.equals("all")) {
            long days = Long.parseLong(interval.substring(0, interval.length() - 1));
            long from = data.anchorSecond() - days * 86_400;
            trades.removeIf(i -> data.table.closeSecond[i] < from);
        }
        List<Integer> selected = trades;
        String address = q.addresses("address").get(0);
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("address", address);
            g.writeStringProperty("range", interval);
            JsonOut.timeProperty(g, "updatedAt", data.anchor());
            g.writeName("summary");
            TradeStats.of(this, selected).write(g);
            g.writeName("coins");
            g.writeStartArray();
            TradeStats.perCoin(this, selected, g);
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** GET /closed-trades/{hash}: the trade; 404 for a hash that names no closed trade. */
    Reply closedTrade(Map<String, String> path) {
        int i = tradeByHash(path.get("hash"));
        return Reply.json(JsonOut.write(g -> writeTrade(g, i)));
    }

    /** GET /closed-trades/{hash}/fills: the trade's open and close fills, oldest first. */
    Reply closedTradeFills(Map<String, String> path, QueryParams q) {
        int i = tradeByHash(path.get("hash"));
        Instant from = q.time("startTime").orElse(Instant.MIN),
                to = q.time("endTime").orElse(data.anchor());
        int limit = q.integer("limit", 100, 1, 1000);
        List<long[]> events = new ArrayList<>();
        if (within(data.table.openSecond[i], from, to)) events.add(new long[] {data.table.openSecond[i], 2L * i});
        if (within(data.table.closeSecond[i], from, to)) events.add(new long[] {data.table.closeSecond[i], 2L * i + 1});
        return fillPage(events, limit, q, "fills");
    }

    // ---- the derived facts, also read by tests as ground truth through the public MarketData ----

    PositionTable table() {
        return data.table;
    }

    /** The price a closed position closed at: the price of its close hour, as /positions shows it. */
    double exitPrice(int i) {
        return data.markPrice(i);
    }

    boolean isClosed(int i) {
        return data.table.closeSecond[i] != PositionTable.OPEN;
    }

    /** Closed by a liquidation: closed at a price that had covered 75% of the way to its liquidation price. */
    boolean isLiquidated(int i) {
        return isClosed(i) && data.table.atRisk(i, data.markPrice(i));
    }

    String builderOf(int i) {
        return i % BUILDER_EVERY == 0 ? builder : null;
    }

    /** B for a buy (opening a long, closing a short), A for a sell. */
    String fillSide(int i, boolean close) {
        return data.table.isLong[i] != close ? "B" : "A";
    }

    String tradeHash(int i) {
        return "0x" + data.positionId(i);
    }

    String fillHash(int i, boolean close) {
        return "0x" + sha(data.seed(), i, close ? 2 : 1);
    }

    int szDecimals(int i) {
        return data.specs().get(data.table.coin[i]).szDecimals();
    }

    String symbol(int i) {
        return data.specs().get(data.table.coin[i]).symbol();
    }

    /** Notional of a position at a price in micro-dollars, exact. */
    long notionalMicros(int i, double price) {
        return data.table.valueMicros(i, szDecimals(i), price);
    }

    long feeCents(int i, double price) {
        return Math.round(notionalMicros(i, price) * FEE_RATE / 1e4);
    }

    long realizedPnlCents(int i) {
        return data.table.unrealizedPnlCents(i, szDecimals(i), data.markPrice(i));
    }

    long fundingCents(int i) {
        CoinSpec spec = data.specs().get(data.table.coin[i]);
        return data.table.fundingCents(i, spec.szDecimals(), spec.hourlyFunding(), data.valuationSecond(i));
    }

    /** One hour's funding of a position in micro-dollars: minus szi x entry price x the coin's hourly rate. */
    long hourlyFundingMicros(int i) {
        PositionTable t = data.table;
        double entryNotional = t.sizeUnits(i, szDecimals(i)) * t.entryPrice[i];
        double paid = entryNotional * data.specs().get(t.coin[i]).hourlyFunding();
        return Math.round((t.isLong[i] ? -paid : paid) * 1e6);
    }

    // ---- paging and writing ----

    private static final Comparator<long[]> OLDEST_FIRST =
            Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]);

    private interface RowWriter {
        void write(JsonGenerator g, long[] event);
    }

    private Reply fillPage(List<long[]> events, int limit, QueryParams q, String key) {
        return page(events, limit, q, key, (g, e) -> writeFill(g, (int) (e[1] / 2), e[1] % 2 == 1));
    }

    /** One page of sorted events; the cursor names the next event by its time and key. */
    private Reply page(List<long[]> events, int limit, QueryParams q, String key, RowWriter writer) {
        int from = q.first("nextCursor").map(c -> resumeIndex(events, c)).orElse(0);
        int to = Math.min(events.size(), from + limit);
        String next = to < events.size() ? cursor(events.get(to)) : null;
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName(key);
            g.writeStartArray();
            for (long[] e : events.subList(from, to)) writer.write(g, e);
            g.writeEndArray();
            g.writeStringProperty("nextCursor", next);
            g.writeEndObject();
        }));
    }

    private static String cursor(long[] event) {
        return Cursors.encode(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("t", event[0]);
            g.writeNumberProperty("k", event[1]);
            g.writeEndObject();
        }));
    }

    private static int resumeIndex(List<long[]> events, String cursor) {
        JsonNode node = Cursors.decode(cursor);
        JsonNode t = node.get("t"), k = node.get("k");
        if (t == null || !t.isIntegralNumber() || k == null || !k.isIntegralNumber()) throw Cursors.invalid();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i)[0] == t.longValue() && events.get(i)[1] == k.longValue()) return i;
        }
        throw Cursors.invalid();
    }

    private void writeFill(JsonGenerator g, int i, boolean close) {
        PositionTable t = data.table;
        int szd = szDecimals(i);
        double px = close ? data.markPrice(i) : t.entryPrice[i];
        boolean liquidation = close && isLiquidated(i);
        g.writeStartObject();
        g.writeStringProperty("address", data.wallet(t.wallet[i]).address());
        g.writeStringProperty("coin", symbol(i));
        g.writeStringProperty("fillType", "perp");
        JsonOut.decimal(g, "px", px);
        g.writeName("sz");
        g.writeNumber(java.math.BigDecimal.valueOf(t.lots[i], szd));
        g.writeStringProperty("side", fillSide(i, close));
        g.writeStringProperty("dir", (close ? "Close " : "Open ") + (t.isLong[i] ? "Long" : "Short"));
        JsonOut.timeProperty(g, "time", data.instantAt(close ? t.closeSecond[i] : t.openSecond[i]));
        g.writeName("startPosition");
        g.writeNumber(
                close
                        ? java.math.BigDecimal.valueOf(t.isLong[i] ? t.lots[i] : -t.lots[i], szd)
                        : java.math.BigDecimal.ZERO);
        JsonOut.money(g, "closedPnl", close ? realizedPnlCents(i) : 0);
        JsonOut.money(g, "fee", feeCents(i, px));
        g.writeStringProperty("hash", fillHash(i, close));
        g.writeStringProperty("builder", builderOf(i));
        if (liquidation) {
            g.writeStringProperty("liquidatedUser", data.wallet(t.wallet[i]).address());
            JsonOut.decimal(g, "liquidationMarkPx", px);
            g.writeStringProperty("liquidationMethod", "market");
        }
        g.writeEndObject();
    }

    private void writeFunding(JsonGenerator g, long[] event) {
        int i = (int) (event[1] >>> 16);
        PositionTable t = data.table;
        g.writeStartObject();
        JsonOut.timeProperty(g, "time", data.instantAt(event[0]));
        // ~1 block per 0.1 s on Hyperliquid; any increasing number does
        g.writeNumberProperty("blockNumber", 500_000_000L + event[0] * 10);
        g.writeStringProperty("address", data.wallet(t.wallet[i]).address());
        g.writeStringProperty("coin", symbol(i));
        JsonOut.value(g, "fundingAmount", hourlyFundingMicros(i));
        g.writeName("szi");
        g.writeNumber(java.math.BigDecimal.valueOf(t.isLong[i] ? t.lots[i] : -t.lots[i], szDecimals(i)));
        JsonOut.decimal(g, "fundingRate", data.specs().get(t.coin[i]).hourlyFunding());
        g.writeEndObject();
    }

    void writeTrade(JsonGenerator g, int i) {
        PositionTable t = data.table;
        g.writeStartObject();
        g.writeStringProperty("address", data.wallet(t.wallet[i]).address());
        g.writeStringProperty("hash", tradeHash(i));
        g.writeNumberProperty("id", i);
        g.writeStringProperty("side", t.isLong[i] ? "long" : "short");
        g.writeStringProperty("coin", symbol(i));
        JsonOut.decimal(g, "avgEntry", t.entryPrice[i]);
        JsonOut.decimal(g, "avgExit", data.markPrice(i));
        g.writeNumberProperty("duration", (long) t.closeSecond[i] - t.openSecond[i]);
        JsonOut.timeProperty(g, "openTime", data.instantAt(t.openSecond[i]));
        JsonOut.timeProperty(g, "closeTime", data.instantAt(t.closeSecond[i]));
        g.writeBooleanProperty("partial", false);
        g.writeName("totalSize");
        g.writeNumber(java.math.BigDecimal.valueOf(t.lots[i], szDecimals(i)));
        JsonOut.value(g, "totalUsd", notionalMicros(i, t.entryPrice[i]));
        JsonOut.money(g, "realizedPnlUsd", realizedPnlCents(i));
        g.writeNumberProperty("countFills", 2);
        long fee = feeCents(i, t.entryPrice[i]) + feeCents(i, data.markPrice(i));
        JsonOut.money(g, "fee", fee);
        JsonOut.money(g, "feeUsd", fee);
        JsonOut.money(g, "fundingUsd", fundingCents(i));
        g.writeEndObject();
    }

    // ---- lookups ----

    private Optional<String> side(QueryParams q) {
        Optional<String> side = q.first("side");
        if (side.isPresent() && !side.get().equals("A") && !side.get().equals("B"))
            throw ApiError.badRequest("side", "side must be one of the following values: A, B");
        return side;
    }

    /** The one address a wallet route requires: its wallet index, -1 for an address with no history. */
    private int requiredWallet(QueryParams q) {
        List<String> addresses = q.addresses("address");
        if (addresses.isEmpty()) throw ApiError.badRequest("address", "address should not be empty");
        return data.walletIndex(addresses.get(0));
    }

    /** startTime..endTime at most a month apart; endTime defaults to now, startTime to {@code defaultStart}. */
    private Instant[] monthWindow(QueryParams q, Instant defaultStart) {
        Optional<Instant> start = q.time("startTime");
        Instant end = q.time("endTime").orElse(data.anchor());
        Instant from = start.orElse(defaultStart);
        if (start.isPresent()
                && end.isAfter(
                        start.get().atOffset(ZoneOffset.UTC).plus(FUNDINGS_SPAN).toInstant()))
            throw ApiError.badRequest("endTime", "endTime must be at most 1 month after startTime");
        return new Instant[] {from, end};
    }

    private boolean within(long second, Instant from, Instant to) {
        Instant at = data.instantAt(second);
        return !at.isBefore(from) && !at.isAfter(to);
    }

    /** A wallet's positions, ascending (by open time). */
    int[] positionsOf(int wallet) {
        int[][] index = byWallet;
        if (index == null) {
            PositionTable t = data.table;
            int walletCount = data.wallets().size();
            int[] counts = new int[walletCount];
            for (int i = 0; i < t.size; i++) counts[t.wallet[i]]++;
            index = new int[walletCount][];
            for (int w = 0; w < walletCount; w++) index[w] = new int[counts[w]];
            int[] fill = new int[walletCount];
            for (int i = 0; i < t.size; i++) index[t.wallet[i]][fill[t.wallet[i]]++] = i;
            byWallet = index;
        }
        return index[wallet];
    }

    private int tradeByHash(String hash) {
        if (hash == null || !HASH.matcher(hash.toLowerCase(Locale.ROOT)).matches())
            throw ApiError.badRequest("hash", "hash must be a valid transaction hash");
        Map<String, Integer> index = byHash;
        if (index == null) {
            index = new HashMap<>();
            for (int i = 0; i < data.table.size; i++) if (isClosed(i)) index.put(tradeHash(i), i);
            byHash = index;
        }
        Integer i = index.get(hash.toLowerCase(Locale.ROOT));
        if (i == null) throw ApiError.notFound("Closed trade " + hash);
        return i;
    }

    private static String sha(long seed, long i, int salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(sha.digest(ByteBuffer.allocate(20)
                            .putLong(seed)
                            .putLong(i)
                            .putInt(salt)
                            .array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
