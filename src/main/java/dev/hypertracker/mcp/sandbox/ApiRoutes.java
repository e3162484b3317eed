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
                Map.entry("/builders/{builder}/users", builders::users));
        for (Endpoint e : Catalog.endpoints()) {
            // the per-coin exports share one handler; every other route, 302 files included, is listed by path
            Handler handler = byPath.get(e.pathTemplate());
            if (handler == null && e.export()) handler = exportHandler(exports, e);
            if (handler == null)
                throw new IllegalStateException("the sandbox has no route for " + e.fullPathTemplate());
            routes.add(new Route(new PathPattern(e.fullPathTemplate()), handler));
        }
    }

    /** Export paths end in the file's name: /exports/coins/{coin}/position-metrics. */
    private static Handler exportHandler(ExportEndpoints exports, Endpoint e) {
        String template = e.pathTemplate();
        String file = template.substring(template.lastIndexOf('/') + 1);
        if (!ExportEndpoints.FILES.contains(file)) return null;
        return (p, q) -> exports.export(file, p.get("coin"));
    }

    Optional<Match> match(String path) {
        for (Route r : routes) {
            Optional<Map<String, String>> params = r.pattern().match(path);
            if (params.isPresent()) return Optional.of(new Match(r, params.get()));
        }
        return Optional.empty();
    }
}
