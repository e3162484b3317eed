package dev.hypertracker.mcp.briefs;

import dev.hypertracker.mcp.api.ApiException;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Digest;
import dev.hypertracker.mcp.digest.Json;
import dev.hypertracker.mcp.digest.UpstreamBodyException;
import dev.hypertracker.mcp.validation.InvalidArgumentException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** What the briefs' sections share: failure containment, tolerant reading, and sections built from another tool. */
final class Sections {
    /** The budget of a section taken from another tool's digest. */
    static final int SECTION_TOKENS = 1_000;

    private Sections() {}

    /** A section whose read failed says why and the brief goes on: a partial brief beats none. */
    static BriefSection guarded(String key, String title, String source, Supplier<BriefSection> build) {
        try {
            return build.get();
        } catch (ApiException | UpstreamBodyException | InvalidArgumentException e) {
            return BriefSection.unavailable(key, title, source, e.getMessage());
        }
    }

    /** A number of a row; missing or unreadable is 0 (callers count rows, not values, so nothing is guessed). */
    static double num(JsonNode row, String field) {
        double v = Json.num(row, field);
        return Double.isNaN(v) ? 0 : v;
    }

    static String str(JsonNode row, String field) {
        JsonNode n = row.get(field);
        return n != null && n.isString() ? n.stringValue() : null;
    }

    /** An ISO 8601 UTC instant as the API takes it (millisecond precision). */
    static String apiTime(Instant at) {
        return API_TIME.format(at);
    }

    private static final java.time.format.DateTimeFormatter API_TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /** "[size axis]" / "[PnL axis]". */
    static String axis(Cohort c) {
        return c.axis() == Cohort.Axis.SIZE ? "size axis" : "PnL axis";
    }

    /** Size cohorts first (smallest to largest), then PnL cohorts (best to worst): the legend's order. */
    private static final List<Cohort> LEGEND_ORDER = Stream.concat(
                    Arrays.stream(Cohort.values())
                            .filter(c -> c.axis() == Cohort.Axis.SIZE)
                            .sorted(Comparator.comparingDouble(Cohort::min)),
                    Arrays.stream(Cohort.values())
                            .filter(c -> c.axis() == Cohort.Axis.PNL)
                            .sorted(Comparator.comparingDouble(Cohort::min).reversed()))
            .toList();

    /** A cohort's place in the legend's order; ids the legend does not know come last. */
    static int legendOrder(int segmentId) {
        for (int i = 0; i < LEGEND_ORDER.size(); i++) if (LEGEND_ORDER.get(i).id() == segmentId) return i;
        return LEGEND_ORDER.size() + segmentId;
    }

    /**
     * A pluggable section: another tool's own digest, used as it stands when that tool is in the catalog (endpoints
     * added by other groups plug in here without code in the brief), else a stated gap.
     */
    static Optional<BriefSection> fromTool(
            String key,
            String title,
            String tool,
            Map<String, Object> arguments,
            String covers,
            BriefUpstream upstream) {
        Optional<Endpoint> endpoint = Catalog.byTool(tool);
        if (endpoint.isEmpty()) return Optional.empty();
        return Optional.of(guarded(key, title, tool, () -> {
            Map<String, Object> budgeted = new LinkedHashMap<>(arguments);
            budgeted.putIfAbsent("maxTokens", SECTION_TOKENS); // one section of a brief, not a whole answer
            Digest digest = upstream.digest(endpoint.get(), budgeted);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("digest", digest.structured());
            List<String> lines = List.of(digest.text().strip().split("\n"));
            return BriefSection.of(key, title, tool, covers, lines, fields, null, List.of());
        }));
    }
}
