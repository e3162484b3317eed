package dev.hypertracker.mcp.api;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's own words from an error body, whichever shape it comes in: NestJS's {"statusCode":400,"message":[…] or
 * "…","error":"Bad Request"}, the older {"errors":[{"property":…,"errors":[…]}]}, or a bare {"error":…}. Control
 * characters become spaces and the text is clipped, so an upstream cannot flood or garble a tool error.
 * Self-contained on purpose: the client calls it wherever it maps an error status.
 */
public final class UpstreamErrorText {

    static final int MAX_CHARS = 300;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private UpstreamErrorText() {}

    /** The message text, or "" when the body has none (not JSON, or no known field). */
    public static String of(byte[] body) {
        if (body == null || body.length == 0) return "";
        try {
            return clip(of(JSON.readTree(body)));
        } catch (JacksonException e) {
            return "";
        }
    }

    private static String of(JsonNode root) {
        if (root == null || !root.isObject()) return "";
        JsonNode errors = root.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) return legacyErrors(errors);
        String message = texts(root.get("message"));
        if (!message.isEmpty()) return message;
        return texts(root.get("error"));
    }

    /** [{"property":"start","errors":["…","…"]}] → "start: …, …; …". */
    private static String legacyErrors(JsonNode errors) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : errors) {
            if (sb.length() > 0) sb.append("; ");
            String property = e.isObject() ? texts(e.get("property")) : "";
            if (!property.isEmpty()) sb.append(property).append(": ");
            sb.append(e.isObject() ? texts(e.get("errors")) : texts(e));
        }
        return sb.toString();
    }

    /** A string as it is, an array's strings joined with "; ", anything else "". */
    private static String texts(JsonNode n) {
        if (n == null || n.isNull()) return "";
        if (n.isString() || n.isNumber()) return n.asString();
        if (n.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode item : n) {
                String t = texts(item);
                if (t.isEmpty()) continue;
                if (sb.length() > 0) sb.append("; ");
                sb.append(t);
            }
            return sb.toString();
        }
        return "";
    }

    private static String clip(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").trim();
        return clean.length() > MAX_CHARS ? clean.substring(0, MAX_CHARS) + "…" : clean;
    }
}
