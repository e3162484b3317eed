package dev.hypertracker.mcp.digest;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * get_order_snapshot_time: the API answers a bare ISO string (the row source hands it over as {@code value}); this
 * states it, its age against the clock, and when the next 5-minute snapshot is due.
 */
final class SnapshotTimeDigest implements KindDigest {

    private static final long INTERVAL_MILLIS = 5 * 60_000L;
    private final Clock clock;
    private String snapshot;

    SnapshotTimeDigest(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void accept(JsonNode row) {
        JsonNode value = row.get(RowSource.SCALAR_FIELD);
        snapshot = value != null && value.isString() ? value.stringValue() : Json.str(row, "snapshotTime");
    }

    @Override
    public Report finish() {
        if (snapshot == null) {
            return new Report(
                    List.of(new Section.Fields(
                            Json.obj("now", Format.iso(clock.millis())), "No snapshot time in the answer.")),
                    List.of(),
                    "nothing to narrow");
        }
        long at = Json.epochMillis(snapshot);
        if (at == Long.MIN_VALUE) {
            throw new UpstreamBodyException("expected an ISO 8601 time, got \""
                    + (snapshot.length() > 40 ? snapshot.substring(0, 40) + "…" : snapshot)
                            .replaceAll("\\p{Cntrl}", " ")
                    + "\"");
        }
        long now = clock.millis();
        boolean onGrid = at % INTERVAL_MILLIS == 0;
        Double ageMinutes = Format.unrounded((now - at) / 60_000.0);
        Map<String, Object> fields = Json.obj(
                "snapshotTime",
                snapshot,
                "now",
                Format.iso(now),
                "ageMinutes",
                ageMinutes,
                "onFiveMinuteGrid",
                onGrid,
                "nextSnapshotDue",
                Format.iso(at + INTERVAL_MILLIS));
        String text = "Latest open-order snapshot: " + snapshot + ", " + Format.count(Math.round(ageMinutes))
                + " min ago; the next is due at " + Format.iso(at + INTERVAL_MILLIS)
                + " (one every 5 minutes). Pass it as snapshotTime to list_open_orders, or omit snapshotTime for the latest.";
        return new Report(List.of(new Section.Fields(fields, text)), List.of(), "nothing to narrow");
    }
}
