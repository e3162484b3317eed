package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an HTTP client may read of an error: a JSON-RPC error whose message names the problem in MCP terms. The SDK
 * serializes its exception (stack frames, class and module names, the JVM version) or puts Jackson's text, full of
 * Java type names, into the message; {@link #message} keeps a message only when it reads as plain text.
 */
final class PublicErrors {
    /**
     * A qualified Java class name ({@code java.util.HashMap}, {@code tools.jackson.databind.exc.Mismatched...}), an
     * exception or nested class name, or Jackson's wording; a host name such as {@code api.example.com} is not one.
     */
    private static final Pattern JAVA_TEXT = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z][\\w$]*"
            + "|Exception\\b|\\$[A-Z]|\\bat \\[|Cannot deserialize|Cannot construct|Unrecognized field");
    /** Jackson's reference chain: the last {@code ["name"]} is the offending member. */
    private static final Pattern LAST_MEMBER = Pattern.compile("\\[\\\\?\"([A-Za-z_][\\w]*)\\\\?\"\\](?!.*\\[\\\\?\")");

    private static final Pattern PROBLEM = Pattern.compile("problem: ([^\\n]*)");

    private PublicErrors() {}

    /**
     * A message safe to show for an error raised while handling {@code method} (null when unknown).
     * Deserialization failures become "Invalid params for METHOD: 'member' has the wrong type".
     */
    static String message(int code, String raw, String method) {
        String subject = method == null ? "" : " for " + method;
        if (raw == null || raw.isBlank()) {
            return generic(code) + subject;
        }
        if (!JAVA_TEXT.matcher(raw).find()) {
            return raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
        }
        if (raw.contains("Cannot deserialize") || raw.contains("Cannot construct") || raw.contains("Mismatched")) {
            Matcher member = LAST_MEMBER.matcher(raw);
            if (member.find()) {
                return "Invalid params" + subject + ": '" + member.group(1) + "' has the wrong type";
            }
            Matcher problem = PROBLEM.matcher(raw);
            if (problem.find() && !JAVA_TEXT.matcher(problem.group(1)).find()) {
                return "Invalid params" + subject + ": " + problem.group(1).strip();
            }
            return "Invalid params" + subject + ": params must be an object of the shape the MCP schema gives";
        }
        return generic(code) + subject;
    }

    /** The JSON-RPC code a shape failure should carry: the SDK reports them as internal errors. */
    static int code(int code, String raw) {
        boolean shape = raw != null
                && (raw.contains("Cannot deserialize")
                        || raw.contains("Cannot construct")
                        || raw.contains("Mismatched"));
        return shape && code == ErrorCodes.INTERNAL_ERROR ? ErrorCodes.INVALID_PARAMS : code;
    }

    static String generic(int code) {
        return switch (code) {
            case ErrorCodes.PARSE_ERROR -> "Parse error";
            case ErrorCodes.INVALID_REQUEST -> "Invalid request";
            case ErrorCodes.METHOD_NOT_FOUND -> "Method not found";
            case ErrorCodes.INVALID_PARAMS -> "Invalid params";
            case ErrorCodes.RESOURCE_NOT_FOUND -> "Resource not found";
            case ErrorCodes.INTERNAL_ERROR -> "Internal error";
            default -> "Error " + code;
        };
    }

    /** {@code {"jsonrpc":"2.0","id":ID,"error":{"code":CODE,"message":MESSAGE}}}. */
    static String body(McpJsonMapper json, Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}
