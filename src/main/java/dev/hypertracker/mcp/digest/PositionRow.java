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

    /** Open, closed, or unknown (closeTime missing or not a time): the API marks an open position with closeTime null. */
    enum Status {
        OPEN,
        CLOSED,
        UNKNOWN
    }

    /** long, short, or unknown (side missing, null or another word): never guessed from the size's sign. */
    enum Side {
        LONG,
        SHORT,
        UNKNOWN
    }

    double positionValue,
            size,
            entryPrice,
            markPrice,
            liquidationPrice,
            unrealizedPnl,
            funding,
            crossLeverage,
            isolatedLeverage;
    String coin, address, openTime;
    Side side;
    Status status;
    int sizeCohort, pnlCohort;
    /** closeTime in epoch millis; Long.MIN_VALUE while open or unreadable. */
    long closeMillis;

    private void reset() {
        positionValue = size = entryPrice =
                markPrice = liquidationPrice = unrealizedPnl = funding = crossLeverage = isolatedLeverage = Double.NaN;
        coin = address = openTime = null;
        side = Side.UNKNOWN;
        status = Status.UNKNOWN;
        sizeCohort = pnlCohort = 0;
        closeMillis = Long.MIN_VALUE;
    }

    boolean isLong() {
        return side == Side.LONG;
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
                case "positionValue" -> positionValue = number(p, field);
                case "size" -> size = number(p, field);
                case "entryPrice" -> entryPrice = number(p, field);
                case "markPrice" -> markPrice = number(p, field);
                case "liquidationPrice" -> liquidationPrice = number(p, field);
                case "unrealizedPnl" -> unrealizedPnl = number(p, field);
                case "funding" -> funding = number(p, field);
                case "crossLeverage" -> crossLeverage = number(p, field);
                case "isolatedLeverage" -> isolatedLeverage = number(p, field);
                case "coin" -> coin = text(p);
                case "side" -> side = side(text(p));
                case "address" -> address = text(p);
                case "openTime" -> openTime = text(p);
                case "closeTime" -> {
                    closeMillis = p.currentToken() == JsonToken.VALUE_STRING
                            ? Json.epochMillis(p.getString())
                            : Long.MIN_VALUE;
                    status = status(p);
                }
                case "profile" -> readProfile(p);
                default -> p.skipChildren(); // a no-op for scalars
            }
        }
        return this;
    }

    /** A number or numeric text; null is NaN; anything else NaN and counted as unreadable (see {@link Json#num}). */
    private static double number(JsonParser p, String field) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return Json.inRange(field, p.getDoubleValue(), p.getString());
        }
        if (t == JsonToken.VALUE_STRING) return Json.parse(field, p.getString());
        if (t == JsonToken.VALUE_NULL) return Double.NaN;
        UnreadableValues.count(
                field, t.isScalarValue() ? p.getString() : "a " + (t == JsonToken.START_ARRAY ? "list" : "object"));
        p.skipChildren();
        return Double.NaN;
    }

    private static Side side(String text) {
        if ("long".equalsIgnoreCase(text)) return Side.LONG;
        if ("short".equalsIgnoreCase(text)) return Side.SHORT;
        return Side.UNKNOWN;
    }

    /** closeTime: null = open; a time = closed; anything else (a number, a word, a list) unknown. */
    private static Status status(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return Status.OPEN;
        if (t == JsonToken.VALUE_STRING && Json.epochMillis(p.getString()) != Long.MIN_VALUE) {
            return Status.CLOSED;
        }
        p.skipChildren();
        return Status.UNKNOWN;
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
                    double id = number(p, "profile.segments");
                    if (id == Math.rint(id)) segment((int) id);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private void segment(int id) {
        Cohort c = CohortLookup.byId(id);
        if (c == null) {
            UnreadableValues.count("profile.segments", String.valueOf(id));
            return;
        }
        if (c.axis() == Cohort.Axis.SIZE) sizeCohort = id;
        else pnlCohort = id;
    }
}
