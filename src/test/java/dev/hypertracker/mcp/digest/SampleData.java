package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Cohort;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deterministic upstream bodies in the shapes of the API notes, for tests and benchmarks. Same seed, same data.
 * Deliberately independent of the main code (its own mapper, no digest helpers).
 */
public final class SampleData {

    public static final ObjectMapper MAPPER = JsonMapper.builder().build();
    public static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    static final String[] COINS = {
        "BTC",
        "ETH",
        "SOL",
        "HYPE",
        "XRP",
        "DOGE",
        "kPEPE",
        "SUI",
        "AVAX",
        "LINK",
        "xyz:GOLD",
        "WIF",
        "ENA",
        "TRUMP",
        "FARTCOIN",
        "BNB",
        "ADA",
        "LTC",
        "AAVE",
        "TAO"
    };
    static final double[] BASE_PRICES = {
        90000, 3000, 150, 40, 2.5, 0.2, 0.000012, 3.5, 30, 15, 2700, 1.2, 0.6, 10, 1.1, 600, 0.7, 90, 250, 400
    };
    static final int[] SIZE_COHORTS = {16, 1, 2, 3, 4, 5, 6, 7};
    static final int[] PNL_COHORTS = {8, 9, 10, 11, 12, 13, 14, 15};

    private final SplittableRandom random;

    public SampleData(long seed) {
        this.random = new SplittableRandom(seed);
    }

    // ---------------------------------------------------------------- positions

    /** One /positions row as JSON text. */
    public String positionJson(long index) {
        int c = random.nextInt(10) < 6 ? random.nextInt(4) : random.nextInt(COINS.length);
        boolean isLong = random.nextBoolean();
        double entry = BASE_PRICES[c] * (0.8 + 0.4 * random.nextDouble());
        double mark = entry * (1 + 0.1 * (random.nextDouble() - 0.5));
        double value = Math.round(Math.exp(4 + random.nextDouble() * 12) * 100) / 100.0; // $55 .. $9M
        double size = value / mark;
        boolean cross = random.nextBoolean();
        double leverage = 1 + random.nextInt(50);
        Double liquidation =
                random.nextInt(10) == 0 ? null : entry * (isLong ? 1 - 0.9 / leverage : 1 + 0.9 / leverage);
        double pnl = Math.round((mark - entry) * size * (isLong ? 1 : -1) * 100) / 100.0;
        double funding = Math.round((random.nextDouble() - 0.6) * value * 0.001 * 100) / 100.0;
        boolean open = random.nextInt(5) != 0;
        String openTime = Instant.parse("2026-03-01T00:00:00Z")
                .plusSeconds(index * 7 + random.nextInt(5))
                .toString();
        String address = hex(40);
        StringBuilder sb = new StringBuilder(640);
        sb.append("{\"id\":\"")
                .append(hex(64))
                .append("\",\"address\":\"0x")
                .append(address)
                .append("\",\"coin\":\"")
                .append(COINS[c])
                .append("\",\"dex\":\"main\",\"side\":\"")
                .append(isLong ? "long" : "short")
                .append("\",\"size\":")
                .append(size)
                .append(",\"entryPrice\":")
                .append(entry)
                .append(",\"markPrice\":")
                .append(mark)
                .append(",\"midPrice\":")
                .append(mark)
                .append(",\"premiumPrice\":0,\"positionValue\":")
                .append(value)
                .append(",\"liquidationPrice\":")
                .append(liquidation)
                .append(",\"unrealizedPnl\":")
                .append(pnl)
                .append(",\"funding\":")
                .append(funding)
                .append(",\"crossLeverage\":")
                .append(cross ? leverage : 0)
                .append(",\"isolatedLeverage\":")
                .append(cross ? 0 : leverage)
                .append(",\"maxLeverage\":40,\"assetMaxLeverage\":40,\"szDecimals\":5,\"openTime\":\"")
                .append(openTime)
                .append("\",\"closeTime\":")
                .append(open ? "null" : "\"2026-03-14T00:00:00.000Z\"")
                .append(",\"createdAt\":\"")
                .append(openTime)
                .append("\",\"updatedAt\":\"2026-03-15T00:00:00.000Z\"")
                .append(",\"profile\":{\"address\":\"0x")
                .append(address)
                .append("\",\"segments\":[");
        int cohorts = random.nextInt(20);
        if (cohorts != 0) { // one row in 20 has no cohort
            sb.append(SIZE_COHORTS[random.nextInt(8)]).append(',').append(PNL_COHORTS[random.nextInt(8)]);
        }
        sb.append("]}}");
        return sb.toString();
    }

    public List<JsonNode> positions(int n) {
        List<JsonNode> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) rows.add(MAPPER.readTree(positionJson(i)));
        return rows;
    }

    /**
     * A {"positions":[…],"nextCursor":null} body of n rows, generated as it is read: the benchmark streams a million
     * positions through it without ever holding the body.
     */
    public InputStream positionsStream(long n) {
        Enumeration<InputStream> parts = new Enumeration<>() {
            boolean headerDone, footerDone;
            long next;

            @Override
            public boolean hasMoreElements() {
                return !footerDone;
            }

            @Override
            public InputStream nextElement() {
                if (footerDone) throw new NoSuchElementException();
                String part;
                if (!headerDone) {
                    headerDone = true;
                    part = "{\"positions\":[";
                } else if (next < n) {
                    StringBuilder chunk = new StringBuilder(64 * 1024);
                    for (; next < n && chunk.length() < 60_000; next++) {
                        if (next > 0) chunk.append(',');
                        chunk.append(positionJson(next));
                    }
                    part = chunk.toString();
                } else {
                    footerDone = true;
                    part = "],\"nextCursor\":null}";
                }
                return new ByteArrayInputStream(part.getBytes(StandardCharsets.UTF_8));
            }
        };
        return new SequenceInputStream(parts);
    }

    /** Wraps rows in a page body with the given cursor. */
    public static ObjectNode page(String rowsKey, List<JsonNode> rows, String nextCursor) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray(rowsKey).addAll(rows);
        body.put("nextCursor", nextCursor);
        return body;
    }

    /** Splits rows into pages of random sizes (at least one row each). */
    public List<List<JsonNode>> split(List<JsonNode> rows, int pages) {
        List<List<JsonNode>> out = new ArrayList<>();
        int from = 0;
        for (int p = pages; p > 1 && from < rows.size(); p--) {
            int remaining = rows.size() - from;
            int take = 1 + random.nextInt(Math.max(1, remaining - p + 1));
            out.add(rows.subList(from, from + take));
            from += take;
        }
        out.add(rows.subList(from, rows.size()));
        return out;
    }

    // ---------------------------------------------------------------- market level

    /** /positions/coins: a bare array sorted by totalValue descending. */
    public ArrayNode exposure(int coins) {
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i < coins; i++) {
            double longValue = round2(Math.exp(8 + random.nextDouble() * 13));
            double shortValue = round2(longValue * (0.8 + 0.4 * random.nextDouble()));
            int countLong = random.nextInt(30_000);
            int countShort = random.nextInt(30_000);
            ObjectNode r = MAPPER.createObjectNode();
            r.put("coin", coinName(i));
            r.put("totalValue", round2(longValue + shortValue));
            r.put("totalValueLong", longValue);
            r.put("totalValueShort", shortValue);
            r.put("count", countLong + countShort);
            r.put("countLong", countLong);
            r.put("countShort", countShort);
            rows.add(r);
        }
        rows.sort((a, b) -> Double.compare(
                b.get("totalValue").doubleValue(), a.get("totalValue").doubleValue()));
        ArrayNode body = MAPPER.createArrayNode();
        rows.forEach(body::add);
        return body;
    }

    /** /positions/heatmap: every coin with all 16 cohorts (≈ 5 KB per coin). */
    public ObjectNode heatmap(int coins) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode rows = body.putArray("heatmap");
        for (int i = 0; i < coins; i++) {
            ObjectNode coin = rows.addObject();
            coin.put("coin", coinName(i));
            ArrayNode segments = MAPPER.createArrayNode();
            double total = 0, totalLong = 0, totalShort = 0;
            long count = 0, countLong = 0, countShort = 0;
            for (Cohort cohort : Cohort.inIdOrder()) {
                // unrounded, as the live API sends them: this is what makes the real body ~1 MB
                double l = Math.exp(random.nextDouble() * 18);
                double s = Math.exp(random.nextDouble() * 18);
                int cl = random.nextInt(5_000), cs = random.nextInt(5_000);
                ObjectNode seg = segments.addObject();
                seg.put("segmentId", cohort.id());
                seg.put("totalValue", l + s);
                seg.put("totalLongValue", l);
                seg.put("totalShortValue", s);
                seg.put("count", cl + cs);
                seg.put("countLong", cl);
                seg.put("countShort", cs);
                seg.put("bias", l / (l + s));
                if (cohort.axis() == Cohort.Axis.SIZE) { // the coin's totals: one axis only
                    total += l + s;
                    totalLong += l;
                    totalShort += s;
                    count += cl + cs;
                    countLong += cl;
                    countShort += cs;
                }
            }
            coin.put("totalValue", total);
            coin.put("totalLongValue", totalLong);
            coin.put("totalShortValue", totalShort);
            coin.put("count", count);
            coin.put("countLong", countLong);
            coin.put("countShort", countShort);
            coin.set("segments", segments);
        }
        return body;
    }

    // ---------------------------------------------------------------- series, newest first

    /** /position-metrics/coin/{coin}/segment/{id} rows: hourly, newest first. */
    public List<JsonNode> coinMetrics(int points, boolean withSegment) {
        List<JsonNode> rows = new ArrayList<>();
        Instant newest = NOW.minusSeconds(3600);
        double value = 1e9;
        for (int i = 0; i < points; i++) {
            value *= 1 + 0.02 * (random.nextDouble() - 0.5);
            ObjectNode r = MAPPER.createObjectNode();
            r.put("createdAt", newest.minusSeconds(3600L * i).toString());
            r.put("coin", "BTC");
            if (withSegment) r.put("segmentId", 9);
            int count = 10_000 + random.nextInt(5_000);
            r.put("positionCount", count);
            r.put("positionCountLong", count / 2 + random.nextInt(1_000));
            r.put("totalPositionValue", round2(value));
            r.put("totalPositionValueLong", round2(value * (0.4 + 0.2 * random.nextDouble())));
            r.put("totalPositionSize", round2(value / 90000));
            r.put("totalPositionSizeLong", round2(value / 180000));
            r.put("totalFunding", round2((random.nextDouble() - 0.5) * 1e6));
            r.put("totalUnrealizedPnl", round2((random.nextDouble() - 0.5) * 1e8));
            rows.add(r);
        }
        return rows;
    }

    /** /position-metrics/general rows, newest first. */
    public List<JsonNode> generalMetrics(int points) {
        List<JsonNode> rows = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            ObjectNode r = MAPPER.createObjectNode();
            r.put("createdAt", NOW.minusSeconds(600L * (i + 1)).toString());
            int countLong = 200_000 + random.nextInt(50_000), countShort = 200_000 + random.nextInt(50_000);
            r.put("count", countLong + countShort);
            r.put("countLong", countLong);
            r.put("countShort", countShort);
            double oiLong = round2(5e9 + random.nextDouble() * 1e9), oiShort = round2(5e9 + random.nextDouble() * 1e9);
            r.put("openInterest", round2(oiLong + oiShort));
            r.put("openInterestLong", oiLong);
            r.put("openInterestShort", oiShort);
            r.put("perpEquity", round2(4e9 + random.nextDouble() * 1e9));
            r.put("countInProfit", random.nextInt(400_000));
            rows.add(r);
        }
        return rows;
    }

    /** /metrics/perp-volume rows, newest first. */
    public List<JsonNode> volume(int points) {
        List<JsonNode> rows = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            ObjectNode r = MAPPER.createObjectNode();
            r.put("id", 100_000 - i);
            r.put("createdAt", NOW.minusSeconds(3600L * (i + 1)).toString());
            r.put("volume", round2(1e8 + random.nextDouble() * 5e8));
            rows.add(r);
        }
        return rows;
    }

    /** The position-metrics export: columns list coin, data rows leave it out; newest first. */
    public ObjectNode metricsExport(int points) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("coin", "BTC");
        ObjectNode metrics = body.putObject("metrics");
        ArrayNode columns = metrics.putArray("columns");
        for (String c : List.of(
                "coin",
                "timestamp",
                "positionCount",
                "positionCountLong",
                "totalPositionValue",
                "totalPositionValueLong")) columns.add(c);
        ArrayNode data = metrics.putArray("data");
        for (int i = 0; i < points; i++) {
            ArrayNode row = data.addArray();
            row.add(NOW.minusSeconds(3600L * (i + 1)).toString());
            int count = 20_000 + random.nextInt(1_000);
            row.add(count);
            row.add(count / 2);
            row.add(round2(2e9 + random.nextDouble() * 1e8));
            row.add(round2(1e9 + random.nextDouble() * 1e8));
        }
        return body;
    }

    // ---------------------------------------------------------------- risk and exports

    public ObjectNode liquidationRisk(int items, int totalCount) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("totalCount", totalCount);
        ArrayNode rows = body.putArray("items");
        for (int i = 0; i < items; i++) {
            double total = round2(Math.exp(8 + random.nextDouble() * 12));
            double percent = round2(random.nextDouble() * 60);
            ObjectNode r = rows.addObject();
            r.put("coin", coinName(i));
            r.put("totalValue", total);
            r.put("riskValue", round2(total * percent / 100));
            r.put("percentRisk", percent);
        }
        return body;
    }

    public ObjectNode liquidationHeatmap(int bins) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("coin", "BTC");
        ArrayNode rows = body.putArray("heatmap");
        for (int i = 0; i < bins; i++) {
            ObjectNode r = rows.addObject();
            r.put("priceBinIndex", i);
            r.put("priceBinStart", 60000 + i * 100);
            r.put("priceBinEnd", 60000 + (i + 1) * 100);
            r.put("liquidationValue", round2(Math.exp(random.nextDouble() * 16)));
            r.put("positionsCount", random.nextInt(500));
            r.put("mostImpactedSegment", 1 + random.nextInt(16));
        }
        return body;
    }

    /** A breakdown export keyed by keyField ("sizeSegmentId" under breakdownBySize, "segmentId" under breakdownByCohort). */
    public ObjectNode breakdown(String arrayKey, String keyField, int[] ids) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode rows = body.putArray(arrayKey);
        for (int id : ids) {
            double value = round2(Math.exp(10 + random.nextDouble() * 10));
            ObjectNode r = rows.addObject();
            r.put(keyField, id);
            r.put("positionCount", random.nextInt(10_000));
            r.put("pastPositionCount", random.nextInt(10_000));
            r.put("totalPositionValue", value);
            r.put("pastTotalPositionValue", round2(value * (0.7 + 0.6 * random.nextDouble())));
            r.put("totalPositionValueLong", round2(value * random.nextDouble()));
            r.put("valueCloseToLiquidation", round2(value * random.nextDouble() * 0.2));
            r.put("bias", round2(random.nextDouble()));
        }
        body.put("createdAt", "2026-03-15T11:45:00.000Z");
        return body;
    }

    public static ArrayNode cohorts() {
        ArrayNode body = MAPPER.createArrayNode();
        for (Cohort c : Cohort.inIdOrder()) {
            ObjectNode r = body.addObject();
            r.put("id", c.id());
            r.put("name", c.displayName());
            r.put("category", c.axis().name().toLowerCase(Locale.ROOT));
            r.put("emoji", "🐟");
            ObjectNode criteria = r.putObject("criteria");
            boolean size = c.axis() == Cohort.Axis.SIZE;
            putBound(criteria, size ? "minSize" : "minPnl", c.min());
            putBound(criteria, size ? "maxSize" : "maxPnl", c.max());
        }
        return body;
    }

    /**
     * One open-order snapshot page: resting bids and asks around 100 on a few coins, trigger orders of every type,
     * prices and sizes as strings (as the API writes them), and one row without a price (unreadable).
     */
    public ObjectNode openOrders(int n) {
        List<JsonNode> rows = new ArrayList<>();
        String[] coins = {"BTC", "ETH", "SOL", "HYPE"};
        String[] triggers = {"Stop Market", "Stop Limit", "Take Profit Market", "Take Profit Limit"};
        for (int i = 0; i < n; i++) {
            ObjectNode r = MAPPER.createObjectNode();
            boolean bid = i % 2 == 0;
            boolean trigger = i % 7 == 3;
            double distance = 0.001 + random.nextDouble() * 0.2;
            String px = java.math.BigDecimal.valueOf(Math.round(100 * (bid ? 1 - distance : 1 + distance) * 100), 2)
                    .toPlainString();
            r.put("height", 600_000_000L + i);
            r.put("address", String.format("0x%040x", i + 1));
            r.put("oid", 300_000_000_000L + i);
            r.put("coin", coins[i % coins.length]);
            r.put("side", bid ? "B" : "A");
            r.put("limitPx", px);
            r.put(
                    "sz",
                    java.math.BigDecimal.valueOf(1 + random.nextInt(100_000), 3).toPlainString());
            r.put("timestamp", 1_780_000_000_000L + i);
            r.put("isTrigger", trigger);
            r.put("triggerPx", trigger ? px : "0.0");
            r.put("orderType", trigger ? triggers[i % triggers.length] : "Limit");
            r.put("snapshotTs", "2026-11-30T12:00:00.000Z");
            rows.add(r);
        }
        ObjectNode broken = MAPPER.createObjectNode();
        broken.put("coin", "BTC");
        broken.put("side", "B");
        broken.put("limitPx", "n/a");
        broken.put("snapshotTs", "2026-11-30T12:00:00.000Z");
        rows.add(broken);
        return page("orders", rows, "eyJvaWQiOjF9");
    }

    /** The perp PnL leaderboard file: every number a string, one row without its PnL. */
    public ObjectNode pnlLeaderboardFile(int n) {
        List<JsonNode> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode r = MAPPER.createObjectNode();
            r.put("address", String.format("0x%040x", i + 1));
            r.put("rank", Integer.toString(i + 1));
            r.put(
                    "perpEquity",
                    java.math.BigDecimal.valueOf(random.nextInt(100_000_000), 2).toPlainString());
            String pnl = java.math.BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2)
                    .toPlainString();
            for (String f : List.of("pnlDay", "pnlWeek", "pnlMonth", "pnlAllTime")) r.put(f, i == n - 1 ? null : pnl);
            rows.add(r);
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("period", "7d");
        body.set("data", MAPPER.valueToTree(rows));
        return body;
    }

    public static ObjectNode freshness() {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("lastUpdate", NOW.minusSeconds(12 * 60).toString());
        body.put("nextUpdate", NOW.plusSeconds(3 * 60).toString());
        body.put("nextUpdateThreshold", NOW.plusSeconds(18 * 60).toString());
        return body;
    }

    private static void putBound(ObjectNode o, String name, double v) {
        if (Double.isInfinite(v)) o.putNull(name);
        else o.put(name, v);
    }

    static String coinName(int i) {
        return i < COINS.length ? COINS[i] : "COIN" + i;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private String hex(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = "0123456789abcdef".charAt(random.nextInt(16));
        return new String(c);
    }
}
