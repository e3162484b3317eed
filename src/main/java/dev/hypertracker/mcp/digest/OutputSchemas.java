package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.DigestKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (2020-12) of structuredContent per digest kind. One schema covers every detail level: the fields of
 * each level are optional, only kind, detail and omitted are always there (the budget's last resort keeps no more).
 * Unknown fields are allowed so that a digest can grow without breaking clients.
 */
final class OutputSchemas {

    private static final Map<DigestKind, String> CACHE = new EnumMap<>(DigestKind.class);

    private OutputSchemas() {}

    static synchronized String of(DigestKind kind) {
        return CACHE.computeIfAbsent(kind, k -> Json.toJson(build(k)));
    }

    private static ObjectNode build(DigestKind kind) {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        ObjectNode p = schema.putObject("properties");
        p.set("kind", Json.MAPPER.createObjectNode().put("const", kind.name().toLowerCase(Locale.ROOT)));
        p.set("detail", enumOf("summary", "rows", "raw"));
        p.set("omitted", array(type("string")));
        // paging
        p.set("rowsScanned", type("integer"));
        p.set("pagesFetched", type("integer"));
        p.set("complete", type("boolean"));
        p.set("nextCursor", type("string", "null"));
        p.set("incompleteNote", type("string"));
        p.set("offset", type("integer"));
        p.set("nextOffset", type("integer", "null"));
        p.set("totalCount", type("integer", "null"));
        // detail=rows and detail=raw
        p.set("fields", array(type("string")));
        p.set("rows", array(type("array")));
        p.set("rowsTotal", type("integer"));
        p.set("envelope", type("object"));
        p.set("raw", type("array"));
        p.setAll(kindProperties(kind));
        ArrayNode required = schema.putArray("required");
        required.add("kind").add("detail").add("omitted");
        return schema;
    }

    /** The kind's own fields: what its summary emits besides the envelope (kind, detail, omitted, paging, rows, raw). */
    static ObjectNode kindProperties(DigestKind kind) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        return switch (kind) {
            case POSITIONS -> {
                p.set(
                        "closeFilter",
                        object(
                                "closedSince",
                                type("string"),
                                "closedBefore",
                                type("string"),
                                "matched",
                                type("integer"),
                                "scanned",
                                type("integer")));
                p.set(
                        "totals",
                        numbers(
                                "count",
                                "openCount",
                                "closedCount",
                                "unknownStatusCount",
                                "longCount",
                                "shortCount",
                                "unknownSideCount",
                                "longValue",
                                "shortValue",
                                "unknownSideValue",
                                "totalValue",
                                "unrealizedPnl",
                                "funding"));
                p.set("nearLiquidation", numbers("count", "value", "shareOfOpenValuePct"));
                ObjectNode position = object(
                        "address",
                        type("string"),
                        "coin",
                        type("string"),
                        "side",
                        enumOf("long", "short", "side unknown"),
                        "value",
                        type("number"),
                        "entry",
                        type("number"),
                        "mark",
                        type("number"),
                        "liquidationPrice",
                        type("number"),
                        "leverage",
                        type("number"),
                        "unrealizedPnl",
                        type("number"),
                        "cohorts",
                        array(type("string")));
                p.set("top", array(position));
                p.set("topByPnl", array(position));
                p.set(
                        "byCoin",
                        array(object(
                                "coin",
                                type("string"),
                                "count",
                                type("integer"),
                                "longValue",
                                type("number"),
                                "shortValue",
                                type("number"))));
                ObjectNode cohort = object(
                        "cohort",
                        type("string"),
                        "count",
                        type("integer"),
                        "longValue",
                        type("number"),
                        "shortValue",
                        type("number"));
                p.set("bySizeCohort", array(cohort));
                p.set("byPnlCohort", array(cohort));
                p.set(
                        "leverage",
                        array(object("bucket", type("string"), "count", type("integer"), "value", type("number"))));
                yield p;
            }
            case EXPOSURE -> {
                p.set("totals", numbers("totalValue", "count", "countLong", "countShort", "coinCount"));
                p.set("top5Share", type("number"));
                p.set(
                        "coins",
                        array(object(
                                "coin",
                                type("string"),
                                "totalValue",
                                type("number"),
                                "longValue",
                                type("number"),
                                "shortValue",
                                type("number"),
                                "count",
                                type("integer"),
                                "countLong",
                                type("integer"),
                                "countShort",
                                type("integer"),
                                "longPctByCount",
                                type("number"),
                                "averageLongValue",
                                type("number"),
                                "averageShortValue",
                                type("number"))));
                yield p;
            }
            case HEATMAP -> {
                p.set("openedWithin", type("string"));
                p.set(
                        "totals",
                        numbers(
                                "coinCount",
                                "count",
                                "countLong",
                                "countShort",
                                "totalValue",
                                "longValue",
                                "shortValue"));
                p.set("divergenceCount", type("integer"));
                p.set(
                        "focus",
                        array(object(
                                "coin",
                                type("string"),
                                "segmentId",
                                type("integer"),
                                "name",
                                type("string"),
                                "axis",
                                type("string"),
                                "bias",
                                type("number"),
                                "totalValue",
                                type("number"),
                                "count",
                                type("integer"))));
                ObjectNode lean = object("cohort", type("string"), "longPct", type("number"), "value", type("number"));
                p.set(
                        "coins",
                        array(object(
                                "coin",
                                type("string"),
                                "totalValue",
                                type("number"),
                                "countLong",
                                type("integer"),
                                "countShort",
                                type("integer"),
                                "averageLongValue",
                                type("number"),
                                "averageShortValue",
                                type("number"),
                                "mostLong",
                                lean,
                                "mostShort",
                                lean)));
                p.set(
                        "divergences",
                        array(object(
                                "coin",
                                type("string"),
                                "coinValue",
                                type("number"),
                                "smartLongPct",
                                type("number"),
                                "smartValue",
                                type("number"),
                                "rektLongPct",
                                type("number"),
                                "rektValue",
                                type("number"))));
                yield p;
            }
            case SERIES -> {
                p.set("points", type("integer"));
                p.set("from", type("string"));
                p.set("to", type("string"));
                p.set("trendMetric", type("string"));
                ObjectNode stats = numbers("first", "last", "min", "max", "mean", "change", "changePct");
                ((ObjectNode) stats.get("properties")).set("minAt", type("string"));
                ((ObjectNode) stats.get("properties")).set("maxAt", type("string"));
                p.set(
                        "stats",
                        Json.MAPPER.createObjectNode().put("type", "object").set("additionalProperties", stats));
                p.set("trend", array(object("at", type("string"), "value", type("number"))));
                yield p;
            }
            case LIQUIDATION_RISK -> {
                p.set("cohort", type("string"));
                p.set("itemsFetched", type("integer"));
                p.set("valueAtRisk", type("number"));
                p.set("totalValue", type("number"));
                p.set("percentAtRisk", type("number"));
                p.set(
                        "items",
                        array(object(
                                "coin",
                                type("string"),
                                "totalValue",
                                type("number"),
                                "riskValue",
                                type("number"),
                                "percentRisk",
                                type("number"))));
                yield p;
            }
            case BREAKDOWN -> {
                p.set("coin", type("string"));
                p.set("createdAt", type("string"));
                p.set("totalsAxis", type("string"));
                p.set(
                        "totals",
                        numbers(
                                "buckets",
                                "positionCount",
                                "totalValue",
                                "longValue",
                                "valueCloseToLiquidation",
                                "pastPositionCount",
                                "pastTotalValue",
                                "positionCountChange",
                                "valueChange",
                                "valueChangePct"));
                p.set(
                        "mostImpacted",
                        object(
                                "bucket",
                                type("string"),
                                "valueCloseToLiquidation",
                                type("number"),
                                "shareOfItsValuePct",
                                type("number")));
                p.set(
                        "buckets",
                        array(object(
                                "bucket",
                                type("string"),
                                "axis",
                                type("string"),
                                "positionCount",
                                type("number"),
                                "totalValue",
                                type("number"),
                                "valueSharePct",
                                type("number"),
                                "longPct",
                                type("number"),
                                "bias",
                                type("number"),
                                "valueCloseToLiquidation",
                                type("number"),
                                "positionCountChange",
                                type("number"),
                                "valueChangePct",
                                type("number"))));
                yield p;
            }
            case LIQUIDATION_HEATMAP -> {
                p.set("coin", type("string"));
                p.set("totals", numbers("liquidationValue", "positionsCount", "binCount", "priceFrom", "priceTo"));
                p.set(
                        "bins",
                        array(object(
                                "priceStart",
                                type("number"),
                                "priceEnd",
                                type("number"),
                                "liquidationValue",
                                type("number"),
                                "positionsCount",
                                type("integer"),
                                "mostImpacted",
                                type("string"))));
                p.set(
                        "mostImpactedCohorts",
                        array(object(
                                "cohort",
                                type("string"),
                                "liquidationValue",
                                type("number"),
                                "bins",
                                type("integer"))));
                yield p;
            }
            case COHORTS -> {
                p.set("count", type("integer"));
                p.set(
                        "cohorts",
                        array(object(
                                "id",
                                type("integer", "string"),
                                "name",
                                type("string"),
                                "category",
                                type("string"),
                                "emoji",
                                type("string"),
                                "range",
                                type("string"))));
                yield p;
            }
            case FRESHNESS -> {
                p.set("lastUpdate", type("string"));
                p.set("nextUpdate", type("string"));
                p.set("nextUpdateThreshold", type("string"));
                p.set("now", type("string"));
                p.set("ageMinutes", type("number"));
                p.set("nextUpdateInMinutes", type("number"));
                p.set("overdue", type("boolean"));
                yield p;
            }
            case BUILDER_RANKING -> {
                p.set("timeframe", type("string"));
                p.set("builders", type("integer"));
                p.set("totalRevenue", type("number"));
                p.set("totalRevenuePrev", type("number"));
                p.set("revenueChange", type("number"));
                p.set("revenueChangePct", type("number"));
                p.set("totalVolume", type("number"));
                p.set("totalVolumePrev", type("number"));
                p.set("changeFormula", type("string"));
                ObjectNode item = numbers(
                        "revenue",
                        "revenuePrev",
                        "revenueChange",
                        "revenueChangePct",
                        "revenueSharePct",
                        "volume",
                        "users",
                        "usersPrev");
                ObjectNode props = (ObjectNode) item.get("properties");
                props.set("rank", type("integer"));
                props.set("builder", type("string"));
                props.set("name", type("string"));
                p.set("items", array(item));
                yield p;
            }
            case BUILDER_PROFILE -> {
                p.set("profile", type("object"));
                p.set("nestedFields", array(type("string")));
                yield p;
            }
            case BUILDER_REVENUE -> {
                ObjectNode point =
                        object("timestamp", type("string"), "revenue", type("number"), "countUsers", type("number"));
                p.set("points", type("integer"));
                p.set("from", type("string"));
                p.set("to", type("string"));
                p.set("totalRevenue", type("number"));
                p.set("last7dRevenue", type("number"));
                p.set("last30dRevenue", type("number"));
                p.set("peak", point);
                p.set("latest", point);
                p.set("undatedRows", type("integer"));
                p.set("recent", array(point));
                yield p;
            }
            case BUILDER_FILLS -> {
                p.set("start", type("string"));
                p.set("end", type("string"));
                p.set("fills", type("integer"));
                p.set("firstFill", type("string"));
                p.set("lastFill", type("string"));
                for (String n : List.of("volume", "buyVolume", "sellVolume", "builderFees", "fees"))
                    p.set(n, type("number"));
                for (String n : List.of("traders", "coins", "perpFills", "spotFills")) p.set(n, type("integer"));
                p.set("volumeFormula", type("string"));
                p.set("byCoin", array(fillTally("coin")));
                p.set("topTraders", array(fillTally("address")));
                yield p;
            }
            case BUILDER_USERS -> {
                p.set("orderBy", type("string"));
                p.set("order", type("string"));
                p.set("period", type("string"));
                p.set("usersFetched", type("integer"));
                for (String n : List.of("volume", "builderFees", "pnl", "equity")) p.set(n, type("number"));
                p.set(
                        "users",
                        array(object(
                                "rank",
                                type("integer"),
                                "address",
                                type("string"),
                                "volume",
                                type("number"),
                                "builderFee",
                                type("number"),
                                "pnl",
                                type("number"),
                                "equity",
                                type("number"))));
                yield p;
            }
        };
    }

    /** A builder-fills tally row, keyed by coin or by trader address. */
    private static ObjectNode fillTally(String key) {
        return object(
                key, type("string"), "fills", type("integer"), "volume", type("number"), "builderFees", type("number"));
    }

    private static ObjectNode type(String... types) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (types.length == 1) {
            n.put("type", types[0]);
        } else {
            ArrayNode a = n.putArray("type");
            for (String t : types) a.add(t);
        }
        return n;
    }

    private static ObjectNode enumOf(String... values) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        ArrayNode a = n.putArray("enum");
        for (String v : values) a.add(v);
        return n;
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode n = type("array");
        n.set("items", items);
        return n;
    }

    /** An object with these properties (name, schema, name, schema …), all optional. */
    private static ObjectNode object(Object... namesAndSchemas) {
        ObjectNode n = type("object");
        ObjectNode props = n.putObject("properties");
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            props.set((String) namesAndSchemas[i], (ObjectNode) namesAndSchemas[i + 1]);
        }
        return n;
    }

    /** An object whose named properties are all numbers. */
    private static ObjectNode numbers(String... names) {
        ObjectNode n = type("object");
        ObjectNode props = n.putObject("properties");
        for (String name : names) props.set(name, type("number"));
        return n;
    }
}
