package dev.hypertracker.mcp.api;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One upstream answer as the transport read it: status, headers and the (bounded) body bytes.
 *
 * @param status  HTTP status
 * @param headers response headers
 * @param body      the body's bytes, never longer than the transport's cap (empty when it was parsed as it streamed)
 * @param json      the parsed body (a 200), else null
 * @param wireBytes the body's size on the wire
 */
public record UpstreamResponse(int status, HttpHeaders headers, byte[] body, JsonNode json, long wireBytes) {

    /** A body as the transport delivers it: bytes, or (a 200 parsed while it streamed) the tree and no bytes. */
    public record Payload(byte[] bytes, JsonNode json, long wireBytes) {}

    public UpstreamResponse(int status, HttpHeaders headers, byte[] body) {
        this(status, headers, body, null, body.length);
    }

    public UpstreamResponse(int status, HttpHeaders headers, Payload payload) {
        this(status, headers, payload.bytes(), payload.json(), payload.wireBytes());
    }

    public UpstreamResponse withJson(JsonNode parsed) {
        return new UpstreamResponse(status, headers, body, parsed, wireBytes);
    }

    /** For test doubles: a response with these headers and a UTF-8 body. */
    public static UpstreamResponse of(int status, Map<String, String> headers, String body) {
        Map<String, List<String>> multi =
                headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        return new UpstreamResponse(
                status, HttpHeaders.of(multi, (k, v) -> true), body.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
