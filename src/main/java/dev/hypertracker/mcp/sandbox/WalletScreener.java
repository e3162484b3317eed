package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * GET /wallets: the active wallets (those with any position), each with figures aggregated from its own positions
 * ({@link WalletBook}), filtered by cohort ({@code segmentIds[]}), open positions and address, sorted, offset-paged.
 */
final class WalletScreener {

    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 100;
    /** The sort fields the API accepts (the catalog lists the same). */
    static final List<String> ORDER_BY = dev.hypertracker.mcp.catalog.LeaderboardEndpoints.WALLET_ORDER_BY;

    private final MarketData data;

    WalletScreener(MarketData data) {
        this.data = data;
    }

    Reply list(QueryParams q) {
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = q.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String orderBy = q.first("orderBy").orElse("totalEquity");
        if (!ORDER_BY.contains(orderBy))
            throw ApiError.badRequest(
                    "orderBy", "orderBy must be one of the following values: " + String.join(", ", ORDER_BY));
        boolean ascending = switch (q.first("order").orElse("desc")) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiError.badRequest("order", "order must be one of the following values: asc, desc");
        };
        Set<Integer> cohorts = new HashSet<>();
        for (String id : q.all("segmentIds[]"))
            cohorts.add(QueryParams.integerValue("segmentIds", id, Cohort.MIN_ID, Cohort.MAX_ID));
        Optional<Boolean> hasOpen = q.bool("hasOpenPositions");
        List<String> address = q.addresses("address");
        WalletBook book = data.walletBook();
        List<Integer> matching = IntStream.range(0, data.walletCount())
                .filter(book::active)
                .filter(w -> cohorts.isEmpty()
                        || cohorts.contains(data.walletSizeCohort(w))
                        || cohorts.contains(data.walletPnlCohort(w)))
                .filter(w -> hasOpen.isEmpty() || hasOpen.get() == (book.openCount[w] > 0))
                .filter(w ->
                        address.isEmpty() || address.contains(data.wallet(w).address()))
                .boxed()
                .sorted(order(orderBy, ascending, book))
                .toList();
        List<Integer> page = LeaderboardEndpoints.slice(matching, offset, limit);
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("totalCount", matching.size());
            g.writeName("items");
            g.writeStartArray();
            for (int w : page) write(g, w, book);
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** By the field (missing figures last in either direction), ties by address. */
    private Comparator<Integer> order(String orderBy, boolean ascending, WalletBook book) {
        if (orderBy.equals("address")) {
            Comparator<Integer> byAddress =
                    Comparator.comparing(w -> data.wallet(w).address());
            return ascending ? byAddress : byAddress.reversed();
        }
        Map<String, ToDoubleFunction<Integer>> figure = Map.ofEntries(
                Map.entry("totalEquity", w -> data.walletEquityCents(w)),
                Map.entry("perpEquity", w -> data.walletEquityCents(w)),
                Map.entry("earliestActivityAt", w -> book.firstOpenSecond[w]),
                Map.entry("perpPnl", w -> data.walletPnlCents(w)),
                Map.entry("perpBias", w -> nanIfNull(book.bias(w))),
                Map.entry("openValue", w -> book.openMicros[w]),
                Map.entry("sumUpnl", w -> book.upnlCents[w]),
                Map.entry("closestLiqProgress", w -> book.closestLiq[w] < 0 ? Double.NaN : book.closestProgress[w]),
                Map.entry("countOpenPositions", w -> book.openCount[w]),
                Map.entry("exposureRatio", w -> nanIfNull(book.exposureRatio(w, data.walletEquityCents(w)))));
        ToDoubleFunction<Integer> f = figure.get(orderBy);
        Comparator<Integer> known = (a, b) -> {
            double x = f.applyAsDouble(a), y = f.applyAsDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            return ascending ? Double.compare(x, y) : Double.compare(y, x);
        };
        return known.thenComparing(w -> data.wallet(w).address());
    }

    private static double nanIfNull(Double d) {
        return d == null ? Double.NaN : d;
    }

    private void write(tools.jackson.core.JsonGenerator g, int w, WalletBook book) {
        MarketData.Wallet wallet = data.wallet(w);
        long equity = data.walletEquityCents(w);
        g.writeStartObject();
        g.writeStringProperty("address", wallet.address());
        g.writeName("segments");
        g.writeStartArray();
        for (int s : wallet.segments()) g.writeNumber(s);
        g.writeEndArray();
        JsonOut.money(g, "totalEquity", equity);
        JsonOut.money(g, "perpEquity", equity);
        JsonOut.money(g, "perpPnl", data.walletPnlCents(w));
        Double bias = book.bias(w);
        if (bias == null) g.writeNullProperty("perpBias");
        else JsonOut.decimal(g, "perpBias", bias);
        Double exposure = book.exposureRatio(w, equity);
        if (exposure == null) g.writeNullProperty("exposureRatio");
        else JsonOut.decimal(g, "exposureRatio", exposure);
        JsonOut.value(g, "openValue", book.openMicros[w]);
        JsonOut.money(g, "sumUpnl", book.upnlCents[w]);
        g.writeNumberProperty("countOpenPositions", book.openCount[w]);
        if (book.closestLiq[w] < 0) {
            g.writeNullProperty("closestLiq");
        } else {
            g.writeName("closestLiq");
            g.writeStartObject();
            g.writeStringProperty(
                    "coin",
                    data.specs().get(data.table.coin[book.closestLiq[w]]).symbol());
            JsonOut.decimal(g, "progress", book.closestProgress[w]);
            g.writeEndObject();
        }
        JsonOut.timeProperty(g, "earliestActivityAt", data.instantAt(book.firstOpenSecond[w]));
        g.writeNullProperty("displayName");
        g.writeBooleanProperty("verified", false);
        g.writeEndObject();
    }
}
