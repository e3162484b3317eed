package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Endpoint;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the rows in an upstream body, one rule for every endpoint: a bare array is the rows; in an object, the rows
 * are the endpoint's rowsKey array (or the first array-valued field when the catalog names none, as for the export
 * files whose key is unpublished); a columns-and-data table is turned into row objects; an object with no rows is
 * itself the one row. Everything else in the body is the page's envelope (nextCursor, totalCount, coin, createdAt).
 */
final class RowSource {

    /** Receives a page: its rows one at a time, then its envelope. */
    interface Sink {
        void row(JsonNode row);

        /**
         * Offered each streamed row before a tree is built: a sink that reads the row object from the parser itself
         * (consuming it up to its END_OBJECT) returns true, and no tree is built.
         */
        default boolean readRow(JsonParser parser) {
            return false;
        }

        void envelope(ObjectNode envelope);
    }

    private RowSource() {}

    /** Feeds a parsed body to the sink; a body that is not the route's shape is an {@link UpstreamBodyException}. */
    static void read(Endpoint endpoint, JsonNode body, Sink sink) {
        if (body == null) {
            sink.envelope(Json.MAPPER.createObjectNode());
            return;
        }
        if (body.isArray()) {
            if (!bareArrayAllowed(endpoint)) throw notTheShape(endpoint, body);
            for (JsonNode row : body.values()) sink.row(checkedRow(endpoint, row));
            sink.envelope(Json.MAPPER.createObjectNode());
            return;
        }
        if (!body.isObject()) throw notTheShape(endpoint, body);
        if (endpoint.rowsKey() == null && isTable(body)) {
            // a file that is itself a columns-and-data table (the builders' revenue, the chart exports)
            ObjectNode envelope = Json.MAPPER.createObjectNode();
            body.forEachEntry((name, value) -> {
                if (!name.equals("columns") && !name.equals("data")) envelope.set(name, value);
            });
            tableRows(body, envelope.get("coin")).forEach(sink::row);
            sink.envelope(envelope);
            return;
        }
        String rowsField = rowsField(endpoint, body);
        if (rowsField == null && !singleObjectAllowed(endpoint)) throw notTheShape(endpoint, body);
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        body.forEachEntry((name, value) -> {
            if (!name.equals(rowsField)) envelope.set(name, value);
        });
        if (rowsField == null) {
            sink.row(body);
        } else {
            JsonNode rows = body.get(rowsField);
            if (rows.isArray()) {
                for (JsonNode row : rows.values()) sink.row(checkedRow(endpoint, row));
            } else {
                tableRows(rows, envelope.get("coin")).forEach(sink::row);
            }
        }
        sink.envelope(envelope);
    }

    /**
     * What a route answers, in words: a list of row objects (/positions/coins, /segments), an object with the rows
     * under its key ({"positions":[…]}), an export file holding a list of rows, or one object (the status).
     */
    static String expectedShape(Endpoint endpoint) {
        if (endpoint.rowsKey() != null) {
            return "an object with a \"" + endpoint.rowsKey() + "\" list of row objects"
                    + (endpoint.export() ? " (or a columns-and-data table)" : "");
        }
        if (singleObjectAllowed(endpoint)) return "a JSON object";
        if (endpoint.export()) return "an object holding a list of row objects";
        return "a JSON list of row objects";
    }

    /** Routes without a rows key answer a bare list, except the status (one object) and export files (an object). */
    private static boolean bareArrayAllowed(Endpoint endpoint) {
        return endpoint.rowsKey() == null && !endpoint.export() && !singleObjectAllowed(endpoint);
    }

    /** The status route's body is itself the one row. */
    private static boolean singleObjectAllowed(Endpoint endpoint) {
        return endpoint.digest().traits().bodyIsOneRow();
    }

    private static JsonNode checkedRow(Endpoint endpoint, JsonNode row) {
        if (!row.isObject()) {
            throw UpstreamBodyException.onRoute(
                    endpoint, "expected " + expectedShape(endpoint) + ", but a row is " + describe(row));
        }
        return row;
    }

    private static UpstreamBodyException notTheShape(Endpoint endpoint, JsonNode body) {
        return UpstreamBodyException.onRoute(
                endpoint, "expected " + expectedShape(endpoint) + ", got " + describe(body));
    }

    /** A body in a few words: a string ("hello"), a number (42), an empty object, an object with fields a, b. */
    static String describe(JsonNode n) {
        if (n == null || n.isNull()) return "null";
        if (n.isString()) {
            String t = n.stringValue();
            return "a string (\"" + (t.length() > 30 ? t.substring(0, 30) + "…" : t).replaceAll("\\p{Cntrl}", " ")
                    + "\")";
        }
        if (n.isNumber()) return "a number (" + n.toString() + ")";
        if (n.isBoolean()) return "a boolean (" + n.asString() + ")";
        if (n.isArray()) return n.isEmpty() ? "an empty list" : "a list";
        if (n.isObject()) {
            if (n.isEmpty()) return "an empty object";
            List<String> names = new ArrayList<>();
            for (String name : n.propertyNames()) {
                if (names.size() == 5) {
                    names.add("…");
                    break;
                }
                names.add(name);
            }
            return "an object with fields " + String.join(", ", names);
        }
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Streams a body: the rows array is read one row at a time, so memory does not grow with the number of rows.
     * Everything else is small and read whole.
     */
    static void stream(Endpoint endpoint, InputStream in, Sink sink) {
        try (JsonParser parser = Json.MAPPER.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                if (!bareArrayAllowed(endpoint)) throw notTheShape(endpoint, Json.MAPPER.createArrayNode());
                streamArray(endpoint, parser, sink);
                sink.envelope(Json.MAPPER.createObjectNode());
                return;
            }
            if (first != JsonToken.START_OBJECT) {
                read(endpoint, parser.readValueAsTree(), sink);
                return;
            }
            ObjectNode rest = Json.MAPPER.createObjectNode();
            boolean streamed = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                // a columns-and-data table's two arrays are read whole and turned into rows by read()
                boolean tablePart = endpoint.rowsKey() == null && (name.equals("columns") || name.equals("data"));
                boolean isRowsArray = value == JsonToken.START_ARRAY
                        && !streamed
                        && !tablePart
                        && (endpoint.rowsKey() == null || endpoint.rowsKey().equals(name));
                if (isRowsArray) {
                    streamArray(endpoint, parser, sink);
                    streamed = true;
                } else {
                    rest.set(name, parser.readValueAsTree());
                }
            }
            if (streamed) {
                sink.envelope(rest);
            } else {
                read(endpoint, rest, sink);
            }
        } catch (JacksonException e) {
            throw UpstreamBodyException.onRoute(
                    endpoint, "the body is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static void streamArray(Endpoint endpoint, JsonParser parser, Sink sink) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.START_OBJECT && sink.readRow(parser)) continue;
            sink.row(checkedRow(endpoint, parser.readValueAsTree()));
        }
    }

    private static String rowsField(Endpoint endpoint, JsonNode body) {
        String key = endpoint.rowsKey();
        if (key != null && isRows(body.get(key))) return key;
        for (String name : body.propertyNames()) {
            if (body.get(name).isArray()) return name;
        }
        return null;
    }

    private static boolean isRows(JsonNode n) {
        return n != null && (n.isArray() || isTable(n));
    }

    private static boolean isTable(JsonNode n) {
        return n.isObject() && n.path("columns").isArray() && n.path("data").isArray();
    }

    /**
     * Row objects from a columns-and-data table. The position-metrics export lists "coin" among the columns but its
     * data rows leave it out: when a row is one value short and "coin" is a column, the coin comes from the envelope.
     */
    static List<JsonNode> tableRows(JsonNode table, JsonNode envelopeCoin) {
        List<String> columns = new ArrayList<>();
        table.path("columns").values().forEach(c -> columns.add(c.asString()));
        List<String> withoutCoin = new ArrayList<>(columns);
        boolean hasCoinColumn = withoutCoin.remove("coin");
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode data : table.path("data").values()) {
            boolean coinLeftOut = hasCoinColumn && data.size() == columns.size() - 1;
            List<String> names = coinLeftOut ? withoutCoin : columns;
            ObjectNode row = Json.MAPPER.createObjectNode();
            if (coinLeftOut && envelopeCoin != null) row.set("coin", envelopeCoin);
            for (int i = 0; i < names.size() && i < data.size(); i++) row.set(names.get(i), data.get(i));
            rows.add(row);
        }
        return rows;
    }
}
