package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The download endpoints. Like the API they answer 302 to a short-lived pre-signed file URL (here on the
 * sandbox's own /files route, fetchable without the Bearer header, its expiry and signature in the query),
 * or 200 with the file itself for exports set inline. File bodies are columns-and-rows or breakdown JSON
 * computed from the same snapshots and series as the JSON endpoints.
 */
final class ExportEndpoints {

    static final String FILE_ROUTE = "/files/exports/";
    static final String POSITIONS = "positions";
    static final String BREAKDOWN_BY_COHORT = "position-breakdown-by-cohort";
    static final String BREAKDOWN_BY_SIZE = "position-breakdown-by-size";
    static final String POSITION_METRICS = "position-metrics";
    static final String LIQUIDATION_HEATMAP = "liquidation-heatmap";
    static final String SEGMENT_METRICS = "segment-metrics";
    static final Set<String> FILES = Set.of(
            POSITIONS, BREAKDOWN_BY_COHORT, BREAKDOWN_BY_SIZE, POSITION_METRICS, LIQUIDATION_HEATMAP, SEGMENT_METRICS);
    /** The files with -24h, -7d and -30d variants: only positions opened within that window. */
    static final Set<String> WINDOWED = Set.of(BREAKDOWN_BY_COHORT, BREAKDOWN_BY_SIZE, SEGMENT_METRICS);

    static final Map<String, Integer> WINDOWS = Map.of("24h", 86_400, "7d", 7 * 86_400, "30d", 30 * 86_400);

    /** position-metrics files hold this many hourly rows, newest first. */
    static final int POSITION_METRICS_HOURS = 14 * 24;
    /** "past" comparison values in the breakdowns are the snapshot this many hours before the anchor. */
    static final int PAST_HOURS = 24;
    /** The liquidation heatmap spans mark ± 50% in bins of 1% of the mark. */
    static final int HEATMAP_BINS = 100;

    static final double HEATMAP_HALF_RANGE = 0.5;

    private static final Pattern FILE_PATH = Pattern.compile(Pattern.quote(FILE_ROUTE) + "([^/]+)/([^/]+)\\.json");

    private final MarketData data;
    private final Aggregates aggregates;
    private final Duration ttl;
    private final Supplier<URI> baseUrl;
    private final Supplier<? extends Clock> clock;
    private final byte[] signingKey;
    private final Map<String, Boolean> inline = new ConcurrentHashMap<>();
    private final boolean inlineByDefault;

    private CohortEndpoints cohorts;

    ExportEndpoints(
            MarketData data,
            Aggregates aggregates,
            SandboxConfig config,
            Supplier<URI> baseUrl,
            Supplier<? extends Clock> clock) {
        this.data = data;
        this.aggregates = aggregates;
        this.ttl = config.exportTtl();
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.inlineByDefault = config.inlineExports();
        this.signingKey = SignedFiles.sha256("sandbox-export-signing|" + config.seed() + "|" + config.token());
    }

    void setInline(String file, boolean answerInline) {
        if (!FILES.contains(file)) throw new IllegalArgumentException("no export file " + file + "; known: " + FILES);
        inline.put(file, answerInline);
    }

    /** The segment-metrics file is the cohort routes' body, computed by them. */
    void useCohorts(CohortEndpoints cohortEndpoints) {
        this.cohorts = cohortEndpoints;
    }

    /** The file's name with its window suffix: position-breakdown-by-size-24h; a suffix only where the API has one. */
    static String fileName(String file, String window) {
        if (window == null) return file;
        if (!WINDOWED.contains(file) || !WINDOWS.containsKey(window)) return null;
        return file + "-" + window;
    }

    /** GET /exports/coins/{coin}/{file}[-24h|-7d|-30d]: coin case-insensitive, 404 when unknown. */
    Reply export(String baseFile, String window, String coinArgument) {
        String file = fileName(baseFile, window);
        if (file == null) throw ApiError.notFound("Cannot GET " + baseFile + "-" + window);
        OptionalInt c = data.coinIndexIgnoringCase(coinArgument);
        if (c.isEmpty()) throw ApiError.notFound(coinArgument);
        if (inline.getOrDefault(file, inlineByDefault)) return Reply.json(fileBody(file, c.getAsInt()));
        String symbol = data.specs().get(c.getAsInt()).symbol();
        long expires = clock.get().millis() + ttl.toMillis();
        String location = baseUrl.get() + FILE_ROUTE + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "/" + file
                + ".json?expires=" + expires + "&signature=" + signature(symbol, file, expires);
        return Reply.text(302, "text/plain; charset=utf-8", "Found. Redirecting to " + location)
                .withHeader("Location", location);
    }

    /** GET /files/exports/{coin}/{file}.json?expires&signature: no Bearer, S3-style 403 once expired. */
    Reply file(String path, QueryParams q) {
        Matcher m = FILE_PATH.matcher(path);
        OptionalInt c = m.matches() ? data.coinIndex(m.group(1)) : OptionalInt.empty();
        if (c.isEmpty() || !isFile(m.group(2))) return s3Error(404, "NoSuchKey", "The specified key does not exist.");
        String file = m.group(2);
        String coin = m.group(1);
        Reply refused = SignedFiles.refuseUnlessSigned(
                q, expires -> signature(coin, file, expires), clock.get().millis());
        if (refused != null) return refused;
        return Reply.json(fileBody(file, c.getAsInt()));
    }

    private static boolean isFile(String name) {
        if (FILES.contains(name)) return true;
        int dash = name.lastIndexOf('-');
        return dash > 0 && name.equals(fileName(name.substring(0, dash), name.substring(dash + 1)));
    }

    private byte[] fileBody(String name, int coin) {
        String file = name;
        int window = 0;
        if (!FILES.contains(name)) {
            int dash = name.lastIndexOf('-');
            file = name.substring(0, dash);
            window = WINDOWS.get(name.substring(dash + 1));
        }
        return switch (file) {
            case POSITION_METRICS -> positionMetrics(coin);
            case BREAKDOWN_BY_SIZE -> breakdown(coin, "breakdownBySize", "sizeSegmentId", bucketSlots(), false, window);
            case BREAKDOWN_BY_COHORT -> breakdown(coin, "breakdownByCohort", "segmentId", cohortSlots(), false, window);
            case POSITIONS -> breakdown(coin, "breakdownBySize", "sizeBucketId", bucketSlots(), true, 0);
            case SEGMENT_METRICS -> cohorts.segmentMetrics(coin, window);
            case LIQUIDATION_HEATMAP -> liquidationHeatmap(coin);
            default -> throw new IllegalArgumentException("no export file " + file);
        };
    }

    /** {"coin","metrics":{"columns":[…],"data":[[…]]}}: columns list "coin" but rows omit it, as the API's do. */
    private byte[] positionMetrics(int coin) {
        Aggregates.Series s = aggregates.series(Aggregates.SeriesKey.hourly(coin));
        int newest = data.hours();
        int oldest = Math.max(0, newest - POSITION_METRICS_HOURS + 1);
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("coin", data.specs().get(coin).symbol());
            g.writeName("metrics");
            g.writeStartObject();
            g.writeName("columns");
            g.writeStartArray();
            for (String column : List.of(
                    "coin",
                    "timestamp",
                    "positionCount",
                    "positionCountLong",
                    "totalPositionValue",
                    "totalPositionValueLong")) {
                g.writeString(column);
            }
            g.writeEndArray();
            g.writeName("data");
            g.writeStartArray();
            for (int h = newest; h >= oldest; h--) {
                g.writeStartArray();
                g.writeString(JsonOut.time(data.instantAt(h * 3600L)));
                g.writeNumber(s.count[h]);
                g.writeNumber(s.countLong[h]);
                g.writeNumber(JsonOut.micros(s.valueMicros[h]));
                g.writeNumber(JsonOut.micros(s.valueLongMicros[h]));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A breakdown slot: the id written in the row and the snapshot slot it reads. */
    private record Slot(int id, int snapshotSlot, String range) {}

    private static List<Slot> cohortSlots() {
        return Cohort.inIdOrder().stream()
                .map(c -> new Slot(c.id(), c.id(), null))
                .toList();
    }

    private static List<Slot> bucketSlots() {
        return Arrays.stream(SizeBucket.values())
                .map(b -> new Slot(b.id(), Aggregates.BUCKET_OFFSET + b.id(), b.range()))
                .toList();
    }

    /**
     * {listKey:[{idKey, positionCount, pastPositionCount, totalPositionValue, pastTotalPositionValue,
     * totalPositionValueLong, valueCloseToLiquidation, bias}], "createdAt"}; the positions export also names
     * the coin and each bucket's range.
     */
    private byte[] breakdown(
            int coin, String listKey, String idKey, List<Slot> slots, boolean withCoinAndRange, int openedWithin) {
        Exposure[] now = aggregates.snapshot(data.hours(), openedWithin)[coin];
        Exposure[] past = aggregates.snapshot(data.hours() - PAST_HOURS, openedWithin)[coin];
        return JsonOut.write(g -> {
            g.writeStartObject();
            if (withCoinAndRange)
                g.writeStringProperty("coin", data.specs().get(coin).symbol());
            g.writeName(listKey);
            g.writeStartArray();
            for (Slot slot : slots) {
                Exposure e = now[slot.snapshotSlot()];
                Exposure p = past[slot.snapshotSlot()];
                g.writeStartObject();
                g.writeNumberProperty(idKey, slot.id());
                if (withCoinAndRange) g.writeStringProperty("sizeRange", slot.range());
                g.writeNumberProperty("positionCount", e.count);
                g.writeNumberProperty("pastPositionCount", p.count);
                JsonOut.value(g, "totalPositionValue", e.valueMicros);
                JsonOut.value(g, "pastTotalPositionValue", p.valueMicros);
                JsonOut.value(g, "totalPositionValueLong", e.valueLongMicros);
                JsonOut.value(g, "valueCloseToLiquidation", e.riskMicros);
                g.writeNumberProperty("bias", e.bias());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringProperty("createdAt", JsonOut.time(data.anchor()));
            g.writeEndObject();
        });
    }

    /**
     * Open positions of the coin binned by liquidation price over mark ± 50%; only non-empty bins. The most
     * impacted segment is the cohort (either axis) holding most of the bin's value, lowest id on a tie.
     */
    private byte[] liquidationHeatmap(int coin) {
        PositionTable t = data.table;
        CoinSpec spec = data.specs().get(coin);
        double mark = data.priceAtHour(coin, data.hours());
        double low = mark * (1 - HEATMAP_HALF_RANGE);
        double width = mark * 2 * HEATMAP_HALF_RANGE / HEATMAP_BINS;
        long[] value = new long[HEATMAP_BINS];
        int[] count = new int[HEATMAP_BINS];
        long[][] byCohort = new long[HEATMAP_BINS][Cohort.MAX_ID + 1];
        for (int i : data.positionsByCoin[coin]) {
            if (t.closeSecond[i] != PositionTable.OPEN) continue;
            int bin = (int) Math.floor((t.liquidationPrice[i] - low) / width);
            if (bin < 0 || bin >= HEATMAP_BINS) continue;
            long v = t.valueMicros(i, spec.szDecimals(), mark);
            value[bin] += v;
            count[bin]++;
            byCohort[bin][data.sizeCohortId(i)] += v;
            byCohort[bin][data.pnlCohortId(i)] += v;
        }
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("coin", spec.symbol());
            g.writeName("heatmap");
            g.writeStartArray();
            for (int bin = 0; bin < HEATMAP_BINS; bin++) {
                if (count[bin] == 0) continue;
                g.writeStartObject();
                g.writeNumberProperty("priceBinIndex", bin + 1);
                JsonOut.decimal(g, "priceBinStart", MarketGenerator.roundPrice(low + bin * width, spec.szDecimals()));
                JsonOut.decimal(
                        g, "priceBinEnd", MarketGenerator.roundPrice(low + (bin + 1) * width, spec.szDecimals()));
                JsonOut.value(g, "liquidationValue", value[bin]);
                g.writeNumberProperty("positionsCount", count[bin]);
                g.writeNumberProperty("mostImpactedSegment", mostImpacted(byCohort[bin]));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static int mostImpacted(long[] valueByCohort) {
        int best = Cohort.MIN_ID;
        for (int id = Cohort.MIN_ID; id <= Cohort.MAX_ID; id++) if (valueByCohort[id] > valueByCohort[best]) best = id;
        return best;
    }

    private String signature(String coin, String file, long expires) {
        return SignedFiles.hmacHex(signingKey, coin + "/" + file + "?" + expires);
    }

    private static Reply s3Error(int status, String code, String message) {
        return SignedFiles.s3Error(status, code, message);
    }
}
