package dev.hypertracker.mcp.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Opaque pagination cursors: base64url of a small JSON object naming where the next page starts, so they
 * look like the API's ("eyJ…"). Anything that does not decode to a known row is a 400.
 */
final class Cursors {

    private static final String PROPERTY = "nextCursor";

    private Cursors() {}

    /** The next position: its open time and sequence number. */
    static String position(Instant openTime, int sequence) {
        return encode(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("openTime", JsonOut.time(openTime));
            g.writeNumberProperty("seq", sequence);
            g.writeEndObject();
        }));
    }

    /** The next series row, by its time. */
    static String seriesRow(Instant createdAt) {
        return encode(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("createdAt", JsonOut.time(createdAt));
            g.writeEndObject();
        }));
    }

    static JsonNode decode(String cursor) {
        try {
            JsonNode node =
                    JsonOut.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) throw invalid();
            return node;
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
    }

    static ApiError invalid() {
        return ApiError.badRequest(PROPERTY, PROPERTY + " must be a valid cursor");
    }

    static String encode(byte[] json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }
}
