package dev.hypertracker.mcp.digest;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** get_data_freshness: when the data was updated, how old it is now, and whether the next update is overdue. */
final class FreshnessDigest implements KindDigest {

    private final Clock clock;
    private JsonNode status;

    FreshnessDigest(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void accept(JsonNode row) {
        status = row;
    }

    @Override
    public Report finish() {
        long now = clock.millis();
        long last = status == null ? Long.MIN_VALUE : Json.epochMillis(status.get("lastUpdate"));
        long next = status == null ? Long.MIN_VALUE : Json.epochMillis(status.get("nextUpdate"));
        long threshold = status == null ? Long.MIN_VALUE : Json.epochMillis(status.get("nextUpdateThreshold"));
        Double ageMinutes = last == Long.MIN_VALUE ? null : Format.unrounded((now - last) / 60_000.0);
        Double nextInMinutes = next == Long.MIN_VALUE ? null : Format.unrounded((next - now) / 60_000.0);
        Boolean overdue = threshold == Long.MIN_VALUE ? null : now > threshold;
        Map<String, Object> fields = Json.obj(
                "lastUpdate",
                status == null ? null : Json.str(status, "lastUpdate"),
                "nextUpdate",
                status == null ? null : Json.str(status, "nextUpdate"),
                "nextUpdateThreshold",
                status == null ? null : Json.str(status, "nextUpdateThreshold"),
                "now",
                Format.iso(now),
                "ageMinutes",
                ageMinutes,
                "nextUpdateInMinutes",
                nextInMinutes,
                "overdue",
                overdue);
        String text = ageMinutes == null
                ? "Last update unknown."
                : "Data is " + Format.count(Math.round(ageMinutes)) + " min old (last update "
                        + Json.str(status, "lastUpdate") + ")"
                        + (nextInMinutes == null
                                ? "."
                                : "; next update "
                                        + (nextInMinutes >= 0
                                                ? "in " + Format.count(Math.round(nextInMinutes)) + " min"
                                                : Format.count(Math.round(-nextInMinutes)) + " min ago")
                                        + (Boolean.TRUE.equals(overdue) ? ", overdue." : "."));
        return new Report(List.of(new Section.Fields(fields, text)), List.of(), "nothing to narrow");
    }
}
