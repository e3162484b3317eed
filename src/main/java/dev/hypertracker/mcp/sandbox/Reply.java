package dev.hypertracker.mcp.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer before it is written: status, content type, extra headers, body bytes. */
record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";

    static Reply json(int status, byte[] body) {
        return new Reply(status, JSON, Map.of(), body);
    }

    static Reply json(byte[] body) {
        return json(200, body);
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    Reply withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new Reply(status, contentType, Map.copyOf(merged), body);
    }
}
