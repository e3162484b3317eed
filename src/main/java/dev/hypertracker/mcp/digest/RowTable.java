package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.DigestKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Rows as a table: the columns to show, cell values by (dotted) field name, and RFC 4180 CSV. */
final class RowTable {

    private RowTable() {}

    /** The requested fields, else the kind's default, else the scalar fields of the first row. */
    static List<String> fields(DigestKind kind, List<String> requested, JsonNode firstRow) {
        if (!requested.isEmpty()) return requested;
        List<String> defaults = kind.traits().columns();
        if (defaults != null) return defaults;
        List<String> scalars = new ArrayList<>();
        if (firstRow != null)
            firstRow.forEachEntry((name, value) -> {
                if (value.isValueNode()) scalars.add(name);
            });
        return scalars;
    }

    /** The node at a field name, where "a.b" reaches into nested objects; null when absent. */
    static JsonNode at(JsonNode row, String field) {
        JsonNode n = row.get(field);
        if (n != null || field.indexOf('.') < 0) return n;
        n = row;
        for (String part : field.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    /** A cell as a JSON-ready value: Long or Double for numbers (whatever width the parser chose), the node for containers. */
    static Object cell(JsonNode row, String field) {
        JsonNode n = at(row, field);
        if (n == null || n.isNull()) return null;
        if (n.isNumber())
            return n.isIntegralNumber() && n.canConvertToLong() ? (Object) n.longValue() : n.doubleValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isString()) return n.stringValue();
        return n;
    }

    /**
     * One text-table line: cells joined by " | "; null as empty, numbers in plain notation (never 1.0E7), text whole
     * with line breaks and "|" replaced so that a cell cannot break the table.
     */
    static String textRow(List<?> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(" | ");
            Object v = cells.get(i);
            if (v == null) continue;
            String text = v instanceof Double d
                    ? (Double.isFinite(d)
                            ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                            : d.toString())
                    : v.toString();
            sb.append(text.replaceAll("[\\p{Cntrl}|]", "/"));
        }
        return sb.toString();
    }

    static String csv(List<JsonNode> rows, List<String> fields) {
        StringBuilder sb = new StringBuilder();
        appendRecord(sb, fields);
        for (JsonNode row : rows) {
            List<String> values = new ArrayList<>(fields.size());
            for (String f : fields) {
                JsonNode n = at(row, f);
                values.add(n == null || n.isNull() ? "" : n.isValueNode() ? n.asString() : n.toString());
            }
            appendRecord(sb, values);
        }
        return sb.toString();
    }

    /** One CSV record ending in CRLF; a value holding a comma, quote or line break is quoted, quotes doubled. */
    private static void appendRecord(StringBuilder sb, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(',');
            String v = values.get(i);
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
            sb.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        sb.append("\r\n");
    }
}
