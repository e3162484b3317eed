package dev.hypertracker.mcp.sandbox;

/** A request the API refuses, carrying the API's own error body; thrown by routes, answered by the server. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Reply reply;
    /** Set for a validation error (400): the older error shape is built from it on demand. */
    private final String property;

    private final String[] messages;

    private ApiError(Reply reply, String property, String[] messages) {
        super(null, null, false, false);
        this.reply = reply;
        this.property = property;
        this.messages = messages;
    }

    Reply reply() {
        return reply;
    }

    /** The reply in the older validation shape when asked for and this is a validation error. */
    Reply reply(boolean legacyErrors) {
        return legacyErrors && property != null ? legacyBadRequest(property, messages) : reply;
    }

    /**
     * 400 as NestJS's validation pipe words it: {"statusCode":400,"message":["start should not be empty",…],
     * "error":"Bad Request"}.
     */
    static ApiError badRequest(String property, String... messages) {
        return new ApiError(
                Reply.json(400, JsonOut.write(g -> {
                    g.writeStartObject();
                    g.writeNumberProperty("statusCode", 400);
                    g.writeName("message");
                    g.writeStartArray();
                    for (String m : messages) g.writeString(m);
                    g.writeEndArray();
                    g.writeStringProperty("error", "Bad Request");
                    g.writeEndObject();
                })),
                property,
                messages.clone());
    }

    /** The older, unconfirmed validation shape: {"errors":[{"property":"start","errors":["…"]}]}. */
    private static Reply legacyBadRequest(String property, String... messages) {
        return Reply.json(400, JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("errors");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringProperty("property", property);
            g.writeName("errors");
            g.writeStartArray();
            for (String m : messages) g.writeString(m);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** 404 for an unknown coin, e.g. {"message":"XYZ:GOLD not found",…}. */
    static ApiError notFound(String what) {
        return new ApiError(nestError(404, what + " not found", "Not Found"), null, null);
    }

    /** The body the API (a NestJS app behind a gateway) gives for a bare status code. */
    static Reply forStatus(int status) {
        return switch (status) {
            case 401 -> nestError(401, "Unauthorized", null);
            case 402 -> nestError(402, "Request quota exhausted for the current plan", "Payment Required");
            case 403 -> nestError(403, "Forbidden resource", "Forbidden");
            case 404 -> nestError(404, "Not Found", null);
            case 429 -> rateLimited(60);
            case 500 -> nestError(500, "Internal server error", null);
            // the gateway, not the app, answers 502: an HTML page, as real proxies do
            case 502 ->
                Reply.text(
                        502,
                        "text/html; charset=utf-8",
                        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n");
            case 503 -> nestError(503, "Service Unavailable", null);
            default -> nestError(status, "HTTP " + status, null);
        };
    }

    static Reply rateLimited(int retryAfterSeconds) {
        return Reply.json(429, JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("error", "rate_limit_exceeded");
            g.writeStringProperty("message", "You have exceeded your rate limit");
            g.writeNumberProperty("retry_after", retryAfterSeconds);
            g.writeEndObject();
        }));
    }

    /** 404 for a path no route serves, worded like NestJS: "Cannot GET /api/external/nope". */
    static Reply noRoute(String method, String path) {
        return nestError(404, "Cannot " + method + " " + path, "Not Found");
    }

    private static Reply nestError(int status, String message, String error) {
        return Reply.json(status, JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("message", message);
            if (error != null) g.writeStringProperty("error", error);
            g.writeNumberProperty("statusCode", status);
            g.writeEndObject();
        }));
    }
}
