package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's routes, one per catalog endpoint: the catalog's path list is the sandbox's route list, and an
 * endpoint without a handler here fails start-up rather than a test later.
 */
final class ApiRoutes {

    @FunctionalInterface
    interface Handler {
        Reply handle(Map<String, String> pathParams, QueryParams query);
    }

    record Route(PathPattern pattern, Handler handler) {}

    record Match(Route route, Map<String, String> pathParams) {}

    private final List<Route> routes = new ArrayList<>();

    ApiRoutes(MarketData data, Aggregates aggregates, ExportEndpoints exports, SignedFiles files) {
        PositionsEndpoint positions = new PositionsEndpoint(data);
        ExposureEndpoints exposure = new ExposureEndpoints(data, aggregates);
        MetricsEndpoints metrics = new MetricsEndpoints(data, aggregates);
        MetaEndpoints meta = new MetaEndpoints(data);
        BuilderEndpoints builders = new BuilderEndpoints(data, files);
        TradeFlowEndpoints trades = new TradeFlowEndpoints(data);
        OrderEndpoints orders = new OrderEndpoints(data, files);
        LeaderboardDownloads leaderboardFiles = new LeaderboardDownloads(data, files);
        CohortEndpoints cohorts = new CohortEndpoints(data, aggregates, files);
        exports.useCohorts(cohorts);
        LeaderboardEndpoints leaderboards = new LeaderboardEndpoints(data);
        WalletScreener wallets = new WalletScreener(data);
        OpenPositionFiles openPositions = new OpenPositionFiles(data, files);
        Map<String, Handler> byPath = Map.ofEntries(
                Map.entry("/positions", (p, q) -> positions.list(q)),
                Map.entry("/positions/coins", (p, q) -> exposure.coins()),
                Map.entry("/positions/heatmap", (p, q) -> exposure.heatmap(q)),
                Map.entry("/{segmentId}/assets/liquidation-risk", exposure::liquidationRisk),
                Map.entry("/position-metrics/general", (p, q) -> metrics.general(q)),
                Map.entry("/position-metrics/coin/{coin}", metrics::coin),
                Map.entry("/position-metrics/coin/{coin}/segment/{segmentId}", metrics::coinSegment),
                Map.entry("/position-metrics/coin/{coin}/position-size-bucket/{sizeBucketId}", metrics::coinSizeBucket),
                Map.entry("/metrics/perp-volume", (p, q) -> metrics.perpVolume(q)),
                Map.entry("/segments", (p, q) -> meta.segments()),
                Map.entry("/hypertracker/state/status", (p, q) -> meta.status()),
                Map.entry("/builders/list/timeframe/{timeframe}", (p, q) -> builders.list(p)),
                Map.entry("/builders/{builder}/profile", (p, q) -> builders.profile(p)),
                Map.entry("/builders/all-time-revenue", (p, q) -> builders.allTimeRevenue()),
                Map.entry("/builders/{builder}/fills", builders::fills),
                Map.entry("/builders/{builder}/users", builders::users),
                Map.entry("/fills", (p, q) -> trades.fills(q)),
                Map.entry("/fills/liquidation", (p, q) -> trades.liquidationFills(q)),
                Map.entry("/fundings", (p, q) -> trades.fundings(q)),
                Map.entry("/closed-trades", (p, q) -> trades.closedTrades(q)),
                Map.entry("/closed-trades/summary", (p, q) -> trades.closedTradesSummary(q)),
                Map.entry("/closed-trades/{hash}", (p, q) -> trades.closedTrade(p)),
                Map.entry("/closed-trades/{hash}/fills", trades::closedTradeFills),
                Map.entry("/orders/5m-snapshots/latest-snapshot-timestamp", (p, q) -> orders.latestSnapshotTime()),
                Map.entry("/orders/5m-snapshots/{snapshotTime}", orders::snapshot),
                Map.entry("/orders/5m-snapshots/coins/{coin}/download", (p, q) -> orders.download(p)),
                Map.entry("/leaderboards/perp-pnl/{period}/download", (p, q) -> leaderboardFiles.download(p)),
                Map.entry("/segments/{segmentId}/bias-history", cohorts::biasHistory),
                Map.entry("/segments/{segmentId}/summary", cohorts::cohortSummary),
                Map.entry("/state/summary", (p, q) -> cohorts.marketSummary()),
                Map.entry("/perps/coin/{coin}/segment-metrics", (p, q) -> cohorts.coinSegments(p)),
                Map.entry("/exports/total-wallets-equity-chart-data", (p, q) -> cohorts.equityChart()),
                Map.entry("/exports/segments-bias-charts-data-24h", (p, q) -> cohorts.biasChart()),
                Map.entry("/leaderboards/biggest-positions", (p, q) -> leaderboards.biggestPositions(q)),
                Map.entry("/leaderboards/perp-pnl", (p, q) -> leaderboards.perpPnl(q)),
                Map.entry("/leaderboards/all-pnl", (p, q) -> leaderboards.allPnl(q)),
                Map.entry("/hype/holders", (p, q) -> leaderboards.hypeHolders(q)),
                Map.entry("/wallets", (p, q) -> wallets.list(q)),
                Map.entry("/positions/open/coin/{coin}", (p, q) -> openPositions.export(p)),
                Map.entry("/coin/{coin}/open-positions/history", openPositions::history));
        for (Endpoint e : Catalog.endpoints()) {
            // the per-coin exports share one handler; every other route, 302 files included, is listed by path
            Handler handler = byPath.get(e.pathTemplate());
            if (handler == null && e.export()) handler = exportHandler(exports, e);
            if (handler == null)
                throw new IllegalStateException("the sandbox has no route for " + e.fullPathTemplate());
            routes.add(new Route(new PathPattern(e.fullPathTemplate()), handler));
        }
    }

    /**
     * Export paths end in the file's name, maybe with its window suffix: /exports/coins/{coin}/position-metrics,
     * /exports/coins/{coin}/segment-metrics{window}.
     */
    private static Handler exportHandler(ExportEndpoints exports, Endpoint e) {
        String template = e.pathTemplate();
        String file = template.substring(template.lastIndexOf('/') + 1).replace("{window}", "");
        if (!template.startsWith("/exports/coins/{coin}/") || !ExportEndpoints.FILES.contains(file)) return null;
        return (p, q) -> exports.export(file, p.get("window"), p.get("coin"));
    }

    Optional<Match> match(String path) {
        for (Route r : routes) {
            Optional<Map<String, String>> params = r.pattern().match(path);
            if (params.isPresent()) return Optional.of(new Match(r, params.get()));
        }
        return Optional.empty();
    }
}
