package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Cohort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * get_cohort_bias_history: the cohort, the window the API says it answered (start, end, pageStart, pageEnd), the
 * newest row as given, and the series statistics of every column (first = oldest). The API's {@code bias} here is
 * signed, a different scale from the heatmap's 0..1 long share: the digest says so and never converts one into the
 * other.
 */
final class BiasHistoryDigest implements KindDigest {

    static final String BIAS_SCALE = "bias here is the API's signed cohort bias, a different scale from the heatmap's "
            + "0..1 bias (long share); do not compare the two.";
    /** The envelope fields that say what the API answered, in the API's names. */
    static final List<String> WINDOW_FIELDS = List.of("start", "end", "pageStart", "pageEnd");

    private final SeriesDigest series;
    private JsonNode segment;
    private String recency;
    private final Map<String, Object> apiWindow = new LinkedHashMap<>();
    private JsonNode newest;
    private long newestAt = Long.MIN_VALUE;

    BiasHistoryDigest(DigestOptions options, long historyStart) {
        this.series = new SeriesDigest(options, historyStart);
    }

    @Override
    public void accept(JsonNode row) {
        series.accept(row);
        long at = Json.epochMillis(row.get("timestamp"));
        if (newest == null || at > newestAt) {
            newest = row;
            newestAt = at;
        }
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        if (segment == null && envelope.has("segment")) segment = envelope.get("segment");
        if (recency == null) recency = Json.str(envelope, "positionRecencyTimeframe");
        // the first page states the newest bound, every page its own pageEnd: keep the first start/end, widen pages
        for (String f : WINDOW_FIELDS) {
            String v = Json.str(envelope, f);
            if (v == null) continue;
            if (f.equals("pageEnd") || !apiWindow.containsKey(f)) apiWindow.put(f, v);
        }
    }

    @Override
    public String coverageGap(Paging paging) {
        return series.coverageGap(paging);
    }

    @Override
    public Report finish() {
        Report stats = series.finish();
        List<Section> sections = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        Integer id = segmentId();
        fields.put("segmentId", id);
        fields.put("cohort", cohortName(id));
        fields.put("positionRecencyTimeframe", recency);
        fields.put("apiWindow", apiWindow);
        fields.put("biasScale", BIAS_SCALE);
        StringBuilder text = new StringBuilder(cohortName(id) == null ? "Cohort ?" : cohortName(id));
        if (recency != null) text.append(", positionRecencyTimeframe ").append(recency);
        if (!apiWindow.isEmpty()) {
            text.append(". API window ")
                    .append(apiWindow.getOrDefault("start", "?"))
                    .append(" to ")
                    .append(apiWindow.getOrDefault("end", "?"));
            if (apiWindow.containsKey("pageStart"))
                text.append(" (rows ")
                        .append(apiWindow.get("pageStart"))
                        .append(" to ")
                        .append(apiWindow.get("pageEnd"))
                        .append(")");
        }
        text.append(".\nNote: ").append(BIAS_SCALE);
        if (newest != null) {
            Map<String, Object> latest = new LinkedHashMap<>();
            StringBuilder line = new StringBuilder("Newest row: ");
            // as given, in full: the newest point is what a brief quotes
            newest.forEachEntry((name, value) -> {
                if (name.equals("timestamp")) {
                    latest.put(name, value.asString());
                    line.append(name).append(' ').append(value.asString()).append(", ");
                } else if (value.isNumber() || value.isString()) {
                    Number v = CohortSummaryDigest.asGiven(Json.number(name, value));
                    if (v == null) return;
                    latest.put(name, v);
                    line.append(name)
                            .append(' ')
                            .append(CohortSummaryDigest.plain(v.doubleValue()))
                            .append(", ");
                }
            });
            line.setLength(line.length() - 2);
            fields.put("latest", latest);
            text.append('\n').append(line);
        }
        fields.values().removeIf(java.util.Objects::isNull); // absent in the body: left out, not null
        if (apiWindow.isEmpty()) fields.remove("apiWindow");
        sections.add(new Section.Fields(fields, text.toString()));
        sections.addAll(stats.sections());
        return new Report(sections, stats.dropOrder(), stats.narrowHint());
    }

    private Integer segmentId() {
        if (segment == null) return null;
        JsonNode id = segment.isObject() ? segment.get("id") : segment;
        double v = id == null ? Double.NaN : Json.number("segment.id", id);
        return Double.isNaN(v) ? null : (int) v;
    }

    /** The API's own name when it gives one, else the legend's label. */
    private String cohortName(Integer id) {
        String name = segment != null && segment.isObject() ? Json.str(segment, "name") : null;
        if (name != null) return id == null ? name : name + " (#" + id + ")";
        return id == null ? null : Cohort.labelOf(id);
    }
}
