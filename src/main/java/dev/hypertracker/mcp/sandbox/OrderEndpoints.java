package dev.hypertracker.mcp.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The open-order routes: 5-minute snapshots (the latest, or one by time: 400 off the 5-minute grid, 404 outside the
 * 30 days kept), the latest snapshot time as a bare ISO string, and a coin's whole book as a gzip JSON file served
 * without Content-Encoding behind a {@code {"downloadUrl"}} answer.
 */
final class OrderEndpoints {

    static final int DEFAULT_LIMIT = 100, MAX_LIMIT = 1000;

    private final MarketData data;
    private final SignedFiles files;

    OrderEndpoints(MarketData data, SignedFiles files) {
        this.data = data;
        this.files = files;
    }

    /** GET /orders/5m-snapshots/latest-snapshot-timestamp: "2026-…Z", a JSON string and nothing around it. */
    Reply latestSnapshotTime() {
        return Reply.json(JsonOut.write(g -> g.writeString(JsonOut.time(OpenOrderBook.latest(data)))));
    }

    /** GET /orders/5m-snapshots/{snapshotTime} ("latest" included), filtered and paged by oid cursor. */
    Reply snapshot(Map<String, String> path, QueryParams q) {
        Instant at = snapshotTime(path.get("snapshotTime"));
        int limit = q.first("limit").map(v -> limit(v)).orElse(DEFAULT_LIMIT);
        Optional<String> coin = q.first("coin");
        Optional<String> address = q.first("address").map(a -> a.toLowerCase(java.util.Locale.ROOT));
        Optional<Long> oid = q.first("oid").map(OrderEndpoints::oid);
        Optional<String> type = q.first("orderType");
        if (type.isPresent() && !dev.hypertracker.mcp.catalog.OrderEndpoints.ORDER_TYPES.contains(type.get()))
            throw ApiError.badRequest(
                    "orderType",
                    "orderType must be one of the following values: "
                            + String.join(", ", dev.hypertracker.mcp.catalog.OrderEndpoints.ORDER_TYPES));
        Optional<Instant> start = q.time("start"), end = q.time("end");
        long after = q.first("nextCursor").map(OrderEndpoints::cursorOid).orElse(Long.MIN_VALUE);
        List<OpenOrderBook.Order> matching = OpenOrderBook.at(data, at).stream()
                .filter(o -> coin.isEmpty() || o.coin().equals(coin.get()))
                .filter(o -> address.isEmpty() || o.address().equals(address.get()))
                .filter(o -> oid.isEmpty() || o.oid() == oid.get())
                .filter(o -> type.isEmpty() || o.orderType().equals(type.get()))
                .filter(o -> start.isEmpty() || !o.timestamp().isBefore(start.get()))
                .filter(o -> end.isEmpty() || o.timestamp().isBefore(end.get()))
                .filter(o -> o.oid() > after)
                .toList();
        List<OpenOrderBook.Order> page = matching.subList(0, Math.min(limit, matching.size()));
        String next = matching.size() > limit ? cursor(page.get(page.size() - 1).oid()) : null;
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("orders");
            writeOrders(g, page);
            if (next == null) g.writeNullProperty("nextCursor");
            else g.writeStringProperty("nextCursor", next);
            g.writeEndObject();
        }));
    }

    /** GET /orders/5m-snapshots/coins/{coin}/download: {"downloadUrl"} to the latest snapshot's orders of the coin. */
    Reply download(Map<String, String> path) {
        String asked = path.get("coin");
        OptionalInt c = data.coinIndexIgnoringCase(asked);
        if (c.isEmpty()) throw ApiError.notFound(asked.toUpperCase(java.util.Locale.ROOT));
        String coin = data.specs().get(c.getAsInt()).symbol();
        Instant at = OpenOrderBook.latest(data);
        return files.downloadUrl("orders/" + coin + "/" + JsonOut.time(at) + ".json.gz", () -> gzipFile(coin, at));
    }

    /** The file: gzip bytes of a JSON list of orders, labelled JSON and with no Content-Encoding (the API's quirk). */
    private Reply gzipFile(String coin, Instant at) {
        List<OpenOrderBook.Order> orders = OpenOrderBook.at(data, at).stream()
                .filter(o -> o.coin().equals(coin))
                .toList();
        byte[] json = JsonOut.write(g -> writeOrders(g, orders));
        return new Reply(200, Reply.JSON, Map.of(), gzip(json));
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Instant snapshotTime(String raw) {
        if (raw.equals("latest")) return OpenOrderBook.latest(data);
        Instant t = QueryParams.parseIso8601(raw)
                .orElseThrow(
                        () -> ApiError.badRequest("snapshotTime", "snapshotTime must be a valid ISO 8601 date string"));
        if (!OpenOrderBook.onGrid(t))
            throw ApiError.badRequest("snapshotTime", "snapshotTime must be on a 5-minute boundary");
        if (!OpenOrderBook.kept(data, t)) throw ApiError.notFound("Snapshot " + JsonOut.time(t));
        return t;
    }

    private static int limit(String raw) {
        int n;
        try {
            n = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("limit", "limit must be an integer number");
        }
        if (n < 1) throw ApiError.badRequest("limit", "limit must not be less than 1");
        if (n > MAX_LIMIT) throw ApiError.badRequest("limit", "limit must not be greater than " + MAX_LIMIT);
        return n;
    }

    private static long oid(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("oid", "oid must be an integer number");
        }
    }

    private static String cursor(long oid) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"oid\":" + oid + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static long cursorOid(String cursor) {
        JsonNode node = Cursors.decode(cursor);
        if (!node.path("oid").isIntegralNumber()) throw Cursors.invalid();
        return node.get("oid").longValue();
    }

    /** Prices and sizes as strings, as Hyperliquid writes them. */
    private static void writeOrders(JsonGenerator g, List<OpenOrderBook.Order> orders) {
        g.writeStartArray();
        for (OpenOrderBook.Order o : orders) {
            g.writeStartObject();
            g.writeNumberProperty("height", o.height());
            g.writeStringProperty("address", o.address());
            g.writeNumberProperty("oid", o.oid());
            g.writeStringProperty("coin", o.coin());
            g.writeStringProperty("side", o.side());
            g.writeStringProperty("limitPx", o.limitPx().toPlainString());
            g.writeStringProperty("sz", o.sz().toPlainString());
            g.writeNumberProperty("timestamp", o.timestamp().toEpochMilli());
            g.writeStringProperty("triggerCondition", o.triggerCondition());
            g.writeBooleanProperty("isTrigger", o.isTrigger());
            g.writeStringProperty("triggerPx", o.triggerPx().toPlainString());
            g.writeName("children");
            g.writeStartArray();
            g.writeEndArray();
            g.writeBooleanProperty("isPositionTpsl", o.isPositionTpsl());
            g.writeBooleanProperty("reduceOnly", o.reduceOnly());
            g.writeStringProperty("orderType", o.orderType());
            g.writeStringProperty("origSz", o.origSz().toPlainString());
            if (o.tif() == null) g.writeNullProperty("tif");
            else g.writeStringProperty("tif", o.tif());
            if (o.cloid() == null) g.writeNullProperty("cloid");
            else g.writeStringProperty("cloid", o.cloid());
            g.writeStringProperty("status", "open");
            if (o.builder() == null) g.writeNullProperty("builder");
            else g.writeStringProperty("builder", o.builder());
            if (o.builderFee() == null) g.writeNullProperty("builderFee");
            else g.writeNumberProperty("builderFee", o.builderFee());
            g.writeBooleanProperty("untriggered", o.isTrigger());
            g.writeStringProperty("snapshotTs", JsonOut.time(o.snapshotTs()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
