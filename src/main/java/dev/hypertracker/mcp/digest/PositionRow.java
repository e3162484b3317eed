package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Cohort;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The fields of a /positions row that the digest reads, in a mutable holder reused row after row. It is read straight
 * from the streaming parser, without building a tree and without converting the fields the digest ignores (ids,
 * times, mid price …): that is what lets a million positions digest at parser speed. A parsed row is read through a
 * parser over its tree, so there is one field mapping.
 */
final class PositionRow {

    double positionValue, size, entryPrice, markPrice, liquidationPrice, unrealizedPnl, funding, crossLeverage,
            isolatedLeverage;
    String coin, side, address;
    boolean closed;
    int sizeCohort, pnlCohort;

    private void reset() {
        positionValue = size = entryPrice = markPrice = liquidationPrice = unrealizedPnl = funding = crossLeverage =
                isolatedLeverage = Double.NaN;
        coin = side = address = null;
        closed = false;
        sizeCohort = pnlCohort = 0;
    }

    boolean isLong() {
        return side != null ? side.equalsIgnoreCase("long") : size > 0;
    }

    /** crossLeverage or isolatedLeverage, whichever is non-zero (a position is one or the other); NaN when neither. */
    double leverage() {
        if (crossLeverage > 0) return crossLeverage;
        return isolatedLeverage > 0 ? isolatedLeverage : Double.NaN;
    }

    PositionRow fill(JsonNode row) {
        try (JsonParser p = Json.MAPPER.treeAsTokens(row)) {
            p.nextToken();
            return fill(p);
        }
    }

    /** Reads the row object the parser is at (its START_OBJECT is the current token), up to its END_OBJECT. */
    PositionRow fill(JsonParser p) {
        reset();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "positionValue" -> positionValue = number(p);
                case "size" -> size = number(p);
                case "entryPrice" -> entryPrice = number(p);
                case "markPrice" -> markPrice = number(p);
                case "liquidationPrice" -> liquidationPrice = number(p);
                case "unrealizedPnl" -> unrealizedPnl = number(p);
                case "funding" -> funding = number(p);
                case "crossLeverage" -> crossLeverage = number(p);
                case "isolatedLeverage" -> isolatedLeverage = number(p);
                case "coin" -> coin = text(p);
                case "side" -> side = text(p);
                case "address" -> address = text(p);
                case "closeTime" -> closed = p.currentToken() != JsonToken.VALUE_NULL;
                case "profile" -> readProfile(p);
                default -> p.skipChildren(); // a no-op for scalars
            }
        }
        return this;
    }

    /** A number, numeric text, or NaN for anything else (null, other text, a container). */
    private static double number(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) return p.getDoubleValue();
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Double.parseDouble(p.getString());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        p.skipChildren();
        return Double.NaN;
    }

    private static String text(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t.isScalarValue()) return t == JsonToken.VALUE_NULL ? null : p.getString();
        p.skipChildren();
        return null;
    }

    private void readProfile(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY && p.currentName().equals("segments")) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) segment(p.getIntValue());
                    else p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private void segment(int id) {
        Cohort c = CohortLookup.byId(id);
        if (c == null) return;
        if (c.axis() == Cohort.Axis.SIZE) sizeCohort = id;
        else pnlCohort = id;
    }
}
