package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Pagination;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One digest in the making: rows from any number of pages (or one stream) go to the kind's accumulator for
 * detail=summary, or into a bounded sample for detail=rows and detail=raw. Then the paging section is added and the
 * budget applied.
 */
final class DigestRun implements RowSource.Sink {

    /**
     * detail=raw keeps rows up to this many characters per budget token: upstream JSON runs at 2-4 characters a token,
     * so the sample holds more than the budget can show, while memory stays bounded.
     */
    static final int RAW_CHARS_PER_TOKEN = 8;

    private final Endpoint endpoint;
    private final DigestOptions options;
    private final KindDigest kind;
    private final List<JsonNode> sample = new ArrayList<>();
    private long sampleChars;
    private long rowsScanned;
    private ObjectNode firstEnvelope;
    private Long totalCount;
    /** list_positions' close-time filter for detail=rows and raw (the summary applies it itself), or null. */
    private final CloseWindow closeWindow;

    private long rowsMatched;

    DigestRun(Endpoint endpoint, DigestOptions options, Clock clock) {
        this.endpoint = endpoint;
        this.options = options;
        this.kind = options.detail() == Detail.SUMMARY ? KindDigest.forKind(endpoint, options, clock) : null;
        this.closeWindow = kind == null ? CloseWindow.from(options) : null;
    }

    @Override
    public void row(JsonNode row) {
        rowsScanned++;
        if (closeWindow != null && !closeWindow.admits(Json.epochMillis(row.get("closeTime")))) return;
        rowsMatched++;
        switch (options.detail()) {
            case SUMMARY -> kind.accept(row);
            case ROWS -> {
                if (sample.size() < options.maxRows()) sample.add(row);
            }
            case RAW -> {
                if (sampleChars < (long) options.maxTokens() * RAW_CHARS_PER_TOKEN) {
                    sample.add(row);
                    sampleChars += row.toString().length();
                }
            }
        }
    }

    /** Positions summaries read streamed rows straight from the parser: no tree per row. */
    @Override
    public boolean readRow(JsonParser parser) {
        if (!(kind instanceof PositionsDigest positions)) return false;
        rowsScanned++;
        positions.accept(parser);
        return true;
    }

    @Override
    public void envelope(ObjectNode envelope) {
        if (firstEnvelope == null) firstEnvelope = envelope;
        double count = Json.num(envelope, "totalCount");
        if (!Double.isNaN(count)) totalCount = (long) count;
        if (kind != null) kind.acceptEnvelope(envelope);
    }

    Digest finish(Paging paging, UnreadableValues unreadable) {
        Report report = switch (options.detail()) {
            case SUMMARY -> kind.finish();
            case ROWS -> rowsReport();
            case RAW -> rawReport();
        };
        List<Section> sections = new ArrayList<>(report.sections());
        if (!unreadable.isEmpty()) sections.add(Math.min(1, sections.size()), unreadable.section());
        if (endpoint.pagination() != Pagination.NONE) sections.add(pagingSection(paging));
        String title = endpoint.title()
                + (options.detail() == Detail.SUMMARY
                        ? ""
                        : " (detail=" + options.detail().id() + ")");
        String gap = kind == null ? null : kind.coverageGap(paging);
        if (gap != null) title = title + " - " + gap;
        report = new Report(title, sections, report.dropOrder(), report.narrowHint());
        return Budget.fit(
                report, endpoint.digest().name().toLowerCase(Locale.ROOT), options.detail(), options.maxTokens());
    }

    /** A sampled row as an item: its cells in field order (rows) or the upstream JSON (raw). */
    private record RowItem(Object json) implements Section.Item {
        /** For rows: the cells joined by " | ", in full (whole addresses and ids: a follow-up call may need them). */
        @Override
        public String line() {
            return json instanceof List<?> cells ? RowTable.textRow(cells) : "";
        }
    }

    private Report rowsReport() {
        List<String> fields =
                RowTable.fields(endpoint.digest(), options.fields(), sample.isEmpty() ? null : sample.get(0));
        List<RowItem> rows = new ArrayList<>(sample.size());
        for (JsonNode row : sample) {
            List<Object> cells = new ArrayList<>(fields.size());
            for (String f : fields) cells.add(RowTable.cell(row, f));
            rows.add(new RowItem(cells));
        }
        String heading = "Rows: {shown} of " + Format.count(rowsMatched)
                + (closeWindow == null ? " rows read" : " matching rows")
                + (rowsMatched > sample.size() ? " (maxRows=" + options.maxRows() + " limits them)" : "")
                + ", the same as structuredContent.rows; columns: " + String.join(" | ", fields);
        if (closeWindow != null)
            heading = closeWindow.coverage(
                            rowsMatched, rowsScanned, options.echo().get("start")) + "\n" + heading;
        List<Section> sections = List.of(
                new Section.Fields(Json.obj("fields", fields, "rowsTotal", rowsScanned), ""),
                new Section.Listing("rows", heading, Section.Layout.TABLE, rows, null, "rows", rows.size()));
        return new Report(
                sections,
                List.of(Cut.shorten("rows", 1), Cut.drop("rows")),
                "choose fewer fields, lower maxRows, or narrow the query");
    }

    private Report rawReport() {
        List<RowItem> rows = new ArrayList<>(sample.size());
        for (JsonNode row : sample) rows.add(new RowItem(row));
        String heading = "structuredContent.raw holds {shown} of " + Format.count(rowsScanned)
                + " upstream rows as JSON (export tables as row objects); structuredContent.envelope holds the rest of the"
                + " first page's body.";
        if (closeWindow != null)
            heading = closeWindow.coverage(
                            rowsMatched, rowsScanned, options.echo().get("start")) + "\n" + heading;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("envelope", firstEnvelope == null ? Map.of() : firstEnvelope);
        fields.put("rowsTotal", rowsScanned);
        List<Section> sections = List.of(
                new Section.Fields(fields, ""),
                new Section.Listing("raw", heading, Section.Layout.DESCRIBED, rows, null, "rows", (int)
                        Math.min(Integer.MAX_VALUE, rowsScanned)));
        return new Report(
                sections,
                List.of(Cut.shorten("raw", 1), Cut.drop("raw")),
                "use detail=summary or rows, or narrow the query");
    }

    /**
     * rowsScanned, pagesFetched, complete, nextCursor (and incompleteNote); offset-paged endpoints also get offset,
     * nextOffset and totalCount.
     */
    private Section pagingSection(Paging paging) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("rowsScanned", rowsScanned);
        fields.put("pagesFetched", paging.pagesFetched());
        StringBuilder text = new StringBuilder("Read ")
                .append(Format.count(rowsScanned))
                .append(" rows in ")
                .append(Format.count(paging.pagesFetched()))
                .append(paging.pagesFetched() == 1 ? " page" : " pages");
        boolean complete = paging.complete();
        if (endpoint.pagination() == Pagination.OFFSET) {
            // the validator echoes arguments in their wire form: "5", not 5
            Object asked = options.echo().get("offset");
            long offset =
                    asked instanceof Number n ? n.longValue() : asked == null ? 0 : Long.parseLong(asked.toString());
            Long nextOffset = totalCount != null && offset + rowsScanned < totalCount ? offset + rowsScanned : null;
            complete = complete && nextOffset == null;
            fields.put("complete", complete);
            fields.put("offset", offset);
            fields.put("nextOffset", nextOffset);
            fields.put("totalCount", totalCount);
            text.append(
                    nextOffset == null ? "; complete." : "; more remain: call again with offset=" + nextOffset + ".");
        } else {
            fields.put("complete", complete);
            fields.put("nextCursor", paging.nextCursor());
            text.append(
                    paging.nextCursor() == null
                            ? (complete ? "; complete." : ".")
                            : "; more remain: call again with nextCursor=" + paging.nextCursor() + ".");
        }
        if (paging.incompleteNote() != null) {
            fields.put("incompleteNote", paging.incompleteNote());
            text.append(" Incomplete: ").append(paging.incompleteNote());
        }
        return new Section.Fields(fields, text.toString());
    }
}
