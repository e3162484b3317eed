package dev.hypertracker.mcp.files;

import dev.hypertracker.mcp.catalog.Cohort;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * The open-positions CSV of one coin ({@code GET /positions/open/coin/{coin}}, files beyond 10 MB) read row by row
 * into exact totals: counts and |value| per side, unrealized PnL per side, funding, per cohort of each axis (from the
 * {@code profile_sizeSegmentId} and {@code profile_perpPnlSegmentId} columns), the {@value #TOP} largest positions and
 * the {@value #CLOSEST} with the highest {@code liquidationProgress}. Sums are of the file's decimal text, exactly.
 * Memory is the row being read plus those few kept rows; at {@link #ROW_CAP} rows it stops and says so.
 */
public final class OpenPositionsCsv implements StreamedFileReader {

    public static final long ROW_CAP = 5_000_000;
    static final int TOP = 50;
    static final int CLOSEST = 10;
    /** The columns a kept row carries into the summary (the rest of the file's columns are read, not kept). */
    static final List<String> KEPT = List.of(
            "coin",
            "side",
            "value",
            "size",
            "entryPrice",
            "unrealizedPnl",
            "funding",
            "liquidationPrice",
            "liquidationProgress",
            "crossLeverage",
            "isolatedLeverage",
            "openTime",
            "address",
            "profile_sizeSegmentId",
            "profile_perpPnlSegmentId");

    private static final CsvMapper CSV =
            CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final long rowCap;

    public OpenPositionsCsv() {
        this(ROW_CAP);
    }

    OpenPositionsCsv(long rowCap) {
        this.rowCap = rowCap;
    }

    @Override
    public long heapBytes() {
        return 4L << 20; // kept rows (~60 x 1 KB), cohort tallies, the parser's buffers
    }

    @Override
    public String mediaType() {
        return "text/csv";
    }

    @Override
    public JsonNode read(InputStream file) throws IOException {
        Counting in = new Counting(file);
        Tally tally = new Tally();
        boolean capped = false;
        List<String> columns;
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(in)) {
            if (!rows.hasNext()) throw new IOException("the file is empty (no header row)");
            columns = List.of(rows.next());
            Map<String, Integer> at = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) at.put(columns.get(i).trim(), i);
            for (String needed : List.of("side", "value")) {
                if (!at.containsKey(needed))
                    throw new IOException("the file has no \"" + needed + "\" column (columns: " + columns + ")");
            }
            while (rows.hasNext()) {
                if (tally.rows == rowCap) {
                    capped = true;
                    break;
                }
                tally.add(at, rows.next());
            }
        } catch (JacksonException e) {
            throw new IOException("the file is not CSV (" + e.getOriginalMessage() + ")", e);
        }
        return tally.toJson(columns, in.count, capped, rowCap);
    }

    /** Counts the bytes read, for the summary's "bytes read". */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    /** A position kept for the summary: its rank score and the kept columns as text. */
    private record Kept(double score, long seq, Map<String, String> cells) {}

    private static final Comparator<Kept> WORST_FIRST =
            Comparator.comparingDouble(Kept::score).thenComparing(Kept::seq, Comparator.reverseOrder());

    /** Per axis, per cohort id: count, long |value|, short |value|. */
    private static final class CohortTally {
        long count;
        BigDecimal longValue = BigDecimal.ZERO, shortValue = BigDecimal.ZERO;
    }

    private static final class Tally {
        long rows, longCount, shortCount, unknownSide, unreadable;
        BigDecimal longValue = BigDecimal.ZERO, shortValue = BigDecimal.ZERO;
        BigDecimal longUpnl = BigDecimal.ZERO, shortUpnl = BigDecimal.ZERO, funding = BigDecimal.ZERO;
        final Map<String, Map<Integer, CohortTally>> cohorts = new LinkedHashMap<>();
        long withoutCohort;
        final PriorityQueue<Kept> largest = new PriorityQueue<>(WORST_FIRST);
        final PriorityQueue<Kept> closest = new PriorityQueue<>(WORST_FIRST);
        String coin;

        Tally() {
            cohorts.put("size", new LinkedHashMap<>());
            cohorts.put("pnl", new LinkedHashMap<>());
        }

        void add(Map<String, Integer> at, String[] row) {
            long seq = rows++;
            String side = cell(at, row, "side").toLowerCase(Locale.ROOT);
            BigDecimal value = number(cell(at, row, "value"));
            BigDecimal size = value == null ? null : value.abs();
            BigDecimal upnl = number(cell(at, row, "unrealizedPnl"));
            BigDecimal fund = number(cell(at, row, "funding"));
            if (fund != null) funding = funding.add(fund);
            if (coin == null && !cell(at, row, "coin").isEmpty()) coin = cell(at, row, "coin");
            boolean isLong = side.equals("long") || side.equals("b");
            boolean isShort = side.equals("short") || side.equals("a");
            if (isLong) {
                longCount++;
                if (size != null) longValue = longValue.add(size);
                if (upnl != null) longUpnl = longUpnl.add(upnl);
            } else if (isShort) {
                shortCount++;
                if (size != null) shortValue = shortValue.add(size);
                if (upnl != null) shortUpnl = shortUpnl.add(upnl);
            } else {
                unknownSide++;
            }
            boolean placed = cohort("size", cell(at, row, "profile_sizeSegmentId"), isLong, isShort, size);
            placed |= cohort("pnl", cell(at, row, "profile_perpPnlSegmentId"), isLong, isShort, size);
            if (!placed) withoutCohort++;
            if (size != null) keep(largest, TOP, size.doubleValue(), seq, at, row);
            BigDecimal progress = number(cell(at, row, "liquidationProgress"));
            if (progress != null) keep(closest, CLOSEST, progress.doubleValue(), seq, at, row);
        }

        private boolean cohort(String axis, String idText, boolean isLong, boolean isShort, BigDecimal size) {
            if (idText.isEmpty()) return false;
            int id;
            try {
                id = Integer.parseInt(idText.trim());
            } catch (NumberFormatException e) {
                unreadable++;
                return false;
            }
            if (id < Cohort.MIN_ID || id > Cohort.MAX_ID) return false;
            CohortTally t = cohorts.get(axis).computeIfAbsent(id, k -> new CohortTally());
            t.count++;
            if (size != null && isLong) t.longValue = t.longValue.add(size);
            if (size != null && isShort) t.shortValue = t.shortValue.add(size);
            return true;
        }

        private static void keep(
                PriorityQueue<Kept> heap, int capacity, double score, long seq, Map<String, Integer> at, String[] row) {
            if (heap.size() == capacity && score <= heap.peek().score()) return;
            Map<String, String> cells = new LinkedHashMap<>();
            for (String name : KEPT) {
                String v = cell(at, row, name);
                if (!v.isEmpty()) cells.put(name, v);
            }
            heap.add(new Kept(score, seq, cells));
            if (heap.size() > capacity) heap.poll();
        }

        private static String cell(Map<String, Integer> at, String[] row, String name) {
            Integer i = at.get(name);
            return i == null || i >= row.length || row[i] == null ? "" : row[i].trim();
        }

        /** The cell's decimal; empty is absent, other text counts as unreadable. */
        private BigDecimal number(String text) {
            if (text.isEmpty()) return null;
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                unreadable++;
                return null;
            }
        }

        JsonNode toJson(List<String> columns, long bytes, boolean capped, long rowCap) {
            ObjectNode out = NODES.objectNode();
            if (coin != null) out.put("coin", coin);
            ObjectNode file = out.putObject("file");
            file.put("rowsRead", rows);
            file.put("bytesRead", bytes);
            file.put("complete", !capped);
            file.put("rowCap", rowCap);
            file.put("unreadableValues", unreadable);
            ArrayNode cols = file.putArray("columns");
            columns.forEach(cols::add);
            ObjectNode totals = out.putObject("totals");
            totals.put("count", rows);
            totals.put("longCount", longCount);
            totals.put("shortCount", shortCount);
            totals.put("unknownSideCount", unknownSide);
            totals.put("longValue", longValue);
            totals.put("shortValue", shortValue);
            totals.put("longUnrealizedPnl", longUpnl);
            totals.put("shortUnrealizedPnl", shortUpnl);
            totals.put("funding", funding);
            totals.put("withoutCohort", withoutCohort);
            ArrayNode byCohort = out.putArray("cohorts");
            cohorts.forEach((axis, ids) -> ids.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> {
                        ObjectNode c = byCohort.addObject();
                        c.put("segmentId", e.getKey());
                        c.put("axis", axis);
                        c.put("count", e.getValue().count);
                        c.put("longValue", e.getValue().longValue);
                        c.put("shortValue", e.getValue().shortValue);
                    }));
            out.set("closestToLiquidation", rowsOf(closest));
            out.set("positions", rowsOf(largest));
            return out;
        }

        /** Kept rows best first, numbers as exact decimals. */
        private static ArrayNode rowsOf(PriorityQueue<Kept> heap) {
            List<Kept> kept = new ArrayList<>(heap);
            kept.sort(WORST_FIRST.reversed());
            ArrayNode rows = NODES.arrayNode();
            for (Kept k : kept) {
                ObjectNode row = rows.addObject();
                k.cells().forEach((name, text) -> {
                    if (NUMERIC.contains(name)) {
                        try {
                            row.put(name, new BigDecimal(text));
                            return;
                        } catch (NumberFormatException e) {
                            // shown as written
                        }
                    }
                    row.put(name, text);
                });
            }
            return rows;
        }
    }

    /** The kept columns that hold numbers (the rest are text: coin, side, openTime, address). */
    private static final java.util.Set<String> NUMERIC = KEPT.stream()
            .filter(c ->
                    !java.util.Set.of("coin", "side", "openTime", "address").contains(c))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
}
