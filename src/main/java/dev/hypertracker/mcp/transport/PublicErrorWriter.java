package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sits between an SDK servlet and the response's writer and rewrites what must not reach a client verbatim
 * (see {@link PublicErrors}):
 * <ul>
 *   <li>{@link Mode#EVENTS} (an SSE stream): each complete event is examined; a JSON-RPC error response gets a
 *       public message; every response is reported to {@code onResponse} and an
 *       {@code endpoint} event's data to {@code onEndpoint};</li>
 *   <li>{@link Mode#ERROR_BODY} (a 4xx/5xx JSON body): the whole body is replaced by a JSON-RPC error with the same
 *       code and a public message, answering {@code requestId}.</li>
 * </ul>
 * The SDK writes whole events and then flushes, so events are never split across a flush.
 */
final class PublicErrorWriter extends PrintWriter {
    enum Mode {
        EVENTS,
        ERROR_BODY
    }

    /** How the SDK serializes a JSON-RPC response; a server-to-client request starts with "method" instead. */
    private static final String RESPONSE_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":";

    private static final String DATA = "data: ";

    private final PrintWriter target;
    private final Mode mode;
    private final McpJsonMapper json;
    private final Object requestId;
    private final String method;
    private final Runnable onResponse;
    private final Consumer<String> onEndpoint;
    private final StringBuilder pending = new StringBuilder();
    private boolean errorBodyWritten;

    PublicErrorWriter(
            PrintWriter target,
            Mode mode,
            McpJsonMapper json,
            Object requestId,
            String method,
            Runnable onResponse,
            Consumer<String> onEndpoint) {
        super(new StringWriter()); // never used: every write is overridden
        this.target = target;
        this.mode = mode;
        this.json = json;
        this.requestId = requestId;
        this.method = method;
        this.onResponse = onResponse;
        this.onEndpoint = onEndpoint;
    }

    @Override
    public void write(int c) {
        append(String.valueOf((char) c));
    }

    @Override
    public void write(char[] buf, int off, int len) {
        append(new String(buf, off, len));
    }

    @Override
    public void write(String s, int off, int len) {
        append(s.substring(off, off + len));
    }

    @Override
    public void flush() {
        synchronized (lock) {
            if (mode == Mode.ERROR_BODY) {
                writeErrorBody();
            } else if (pending.length() > 0 && pending.indexOf("\n\n") < 0) {
                target.write(pending.toString()); // not an event: pass on as is
                pending.setLength(0);
            }
            target.flush();
        }
    }

    @Override
    public void close() {
        flush();
        target.close();
    }

    @Override
    public boolean checkError() {
        return target.checkError();
    }

    private void append(String text) {
        synchronized (lock) {
            pending.append(text);
            if (mode == Mode.EVENTS) {
                int end;
                while ((end = pending.indexOf("\n\n")) >= 0) {
                    String event = pending.substring(0, end + 2);
                    pending.delete(0, end + 2);
                    target.write(publicEvent(event));
                }
            }
        }
    }

    private String publicEvent(String event) {
        int dataAt = event.indexOf(DATA);
        if (dataAt < 0) {
            return event;
        }
        int dataEnd = event.indexOf('\n', dataAt);
        String data = event.substring(dataAt + DATA.length(), dataEnd);
        if (event.startsWith("event: endpoint")) {
            onEndpoint.accept(data);
            return event;
        }
        if (!data.startsWith(RESPONSE_PREFIX)) {
            return event;
        }
        onResponse.run();
        Map<String, Object> message = data.contains("\"error\":{") ? parse(data) : null; // results are not re-read
        if (message == null || !(message.get("error") instanceof Map<?, ?> error)) {
            return event;
        }
        int code = error.get("code") instanceof Number n ? n.intValue() : ErrorCodes.INTERNAL_ERROR;
        String raw = error.get("message") instanceof String s ? s : null;
        String replaced = PublicErrors.body(
                json, message.get("id"), PublicErrors.code(code, raw), PublicErrors.message(code, raw, method));
        return event.substring(0, dataAt + DATA.length()) + replaced + event.substring(dataEnd);
    }

    private void writeErrorBody() {
        if (errorBodyWritten || pending.length() == 0) {
            return;
        }
        errorBodyWritten = true;
        Map<String, Object> body = parse(pending.toString());
        pending.setLength(0);
        Object error = body == null
                ? null
                : body.containsKey("jsonRpcError")
                        ? body.get("jsonRpcError") // an McpError, serialized whole
                        : body.get("error");
        int code = ErrorCodes.INTERNAL_ERROR;
        String raw = null;
        if (error instanceof Map<?, ?> fields) {
            code = fields.get("code") instanceof Number n ? n.intValue() : code;
            raw = fields.get("message") instanceof String s ? s : null;
        }
        target.write(PublicErrors.body(
                json, requestId, PublicErrors.code(code, raw), PublicErrors.message(code, raw, method)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
