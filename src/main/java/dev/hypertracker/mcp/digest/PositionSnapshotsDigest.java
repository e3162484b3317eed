package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.OpenPositionFileEndpoints;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * get_open_positions_history: one snapshot per page, newest first. Each snapshot's metadata as the API gives it; its
 * downloadUrl is a pre-signed link (the signature in its query is a credential to the file for ~120 s), so only its
 * host and path are shown: a transcript or log holding the digest holds no usable link. This server does not follow it.
 */
final class PositionSnapshotsDigest implements KindDigest {

    static final List<String> FIELDS =
            List.of("snapshotId", "coin", "stateVersion", "rowCount", "status", "format", "createdAt", "completedAt");

    private final List<Snapshot> snapshots = new ArrayList<>();

    record Snapshot(Map<String, Object> json, String line) implements Section.Item {}

    @Override
    public void accept(JsonNode page) {
        JsonNode s = page.path("snapshot");
        if (!s.isObject()) return;
        Map<String, Object> json = new LinkedHashMap<>();
        for (String f : FIELDS) {
            JsonNode v = s.get(f);
            if (v == null || v.isNull()) continue;
            json.put(f, f.equals("rowCount") && v.canConvertToLong() ? (Object) v.asLong() : v.asString());
        }
        String url = Json.str(s, "downloadUrl");
        if (url != null) json.put("downloadLink", redacted(url));
        String line = json.getOrDefault("createdAt", "?") + " snapshot " + json.getOrDefault("snapshotId", "?")
                + ": " + json.getOrDefault("rowCount", "?") + " rows, " + json.getOrDefault("status", "?")
                + (json.containsKey("completedAt") ? " (completed " + json.get("completedAt") + ")" : "");
        snapshots.add(new Snapshot(json, line));
    }

    /** Scheme, host and path of a signed URL; its query (the signature) withheld. */
    static String redacted(String url) {
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() == null || u.getHost() == null) return "(a link, withheld)";
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?…");
        } catch (IllegalArgumentException e) {
            return "(a link, withheld)";
        }
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = Json.obj(
                "snapshotCount", (long) snapshots.size(), "snapshotsFrom", OpenPositionFileEndpoints.SNAPSHOTS_START);
        String text = snapshots.size() + (snapshots.size() == 1 ? " snapshot" : " snapshots")
                + " of every open position, newest first (kept from 2026-03-25). Download links are pre-signed and"
                + " expire after about 120 s: shown without their signature, never followed; the full result's"
                + " resource holds the API's answer as given.";
        List<Section> sections = List.of(
                new Section.Fields(fields, text), Section.Listing.of("snapshots", "Snapshots", snapshots, "snapshots"));
        return new Report(sections, List.of(Cut.shorten("snapshots", 3), Cut.drop("snapshots")), "lower maxPages");
    }
}
