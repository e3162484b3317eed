package dev.hypertracker.mcp.sandbox;

/** A request the API refuses, carrying the API's own error body; thrown by routes, answered by the server. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;


    private final transient Reply reply;

    private ApiError(Reply reply) {
        super(null, null, false, false);
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }

    /** 400 in the API's validation format: {"errors":[{"property":"start","errors":["…"]}]}. */
    static ApiError badRequest(String property, String... messages) {
        return new ApiError(Reply.json(400, JsonOut.write(g -> {
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
        })));
    }

    /** 404 for an unknown coin, e.g. {"message":"XYZ:GOLD not found",…}. */
    static ApiError notFound(String what) {
        return new ApiError(nestError(404, what + " not found", "Not Found"));
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
            case 502 -> Reply.text(502, "text/html; charset=utf-8",
                    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n");
            case 503 -> nestError(503, "Service Unavailable", null);
            default -> nestError(status, "HTTP " + status, null);
        };
    }

    static Reply rateLimited(int retryAfterSeconds) {
        return Reply.json(429, JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("error", "rate_limit_exceeded");
            g.writeStringProperty("message", "Rate limit exceeded. Try again in " + retryAfterSeconds + " seconds.");
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
