package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between stdin and the SDK's stdio transport and passes on only lines the SDK can take. The SDK (2.1.0)
 * stops reading stdin for good on the first line it cannot turn into a JSON-RPC message (garbage, {@code [1,2]},
 * {@code "str"}, an object without method/result/error, an empty line) or that is longer than its 16 MiB limit:
 * the server then answers nothing and never notices EOF. This filter drops such lines and answers each with a
 * JSON-RPC error (-32700 parse error, -32600 invalid request), written under the lock the SDK takes on the same
 * stream so lines never interleave. An incomplete last line at EOF is dropped and EOF passed on, so the server
 * exits cleanly.
 *
 * <p>It also answers requests sent after {@code initialize} but before {@code notifications/initialized}: the SDK
 * holds such a request (even a {@code ping}) until that notification arrives, so a client that waits for the answer
 * first would wait forever. The filter hands the SDK the notification just ahead of the early request and drops
 * the client's own when it comes later.
 */
final class JsonRpcLineFilter extends InputStream {
    private static final Logger log = LoggerFactory.getLogger(JsonRpcLineFilter.class);
    /** Longest line passed on; client→server messages are small, and the SDK's own limit is 16 MiB. */
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private static final String INITIALIZED_LINE =
            "{\"jsonrpc\":\"2.0\",\"method\":\"" + McpSchema.METHOD_NOTIFICATION_INITIALIZED + "\"}\n";

    private final InputStream in;
    private final OutputStream out;
    private final McpJsonMapper mapper;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPos;
    private int bufferLen;
    private boolean eof;
    private byte[] pending = new byte[0];
    private int pendingPos;
    private boolean initializeSeen;
    private boolean initializedPassed;
    private boolean initializedInjected;

    private final PendingRequests requests;

    JsonRpcLineFilter(InputStream in, OutputStream out, McpJsonMapper mapper) {
        this(in, out, mapper, new PendingRequests());
    }

    /** @param requests counts the requests passed on to the SDK, and those this filter answers itself */
    JsonRpcLineFilter(InputStream in, OutputStream out, McpJsonMapper mapper, PendingRequests requests) {
        this.in = in;
        this.out = out;
        this.mapper = mapper;
        this.requests = requests;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) return -1;
        return pending[pendingPos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, b, off, n);
        pendingPos += n;
        return n;
    }

    @Override
    public int available() {
        return pending.length - pendingPos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Makes sure unread bytes of an accepted line are pending; false at end of input. */
    private boolean fill() throws IOException {
        while (pendingPos >= pending.length) {
            if (eof) return false;
            Line line = nextLine();
            if (line == null) return false;
            byte[] accepted = accept(line);
            if (accepted != null) {
                pending = accepted;
                pendingPos = 0;
            }
        }
        return true;
    }

    private record Line(byte[] bytes, long length, boolean complete) {}

    /** The next line without its '\n', clipped at the limit (its full length kept); null at EOF. */
    private Line nextLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long length = 0;
        while (true) {
            if (bufferPos >= bufferLen) {
                bufferLen = in.read(buffer, 0, buffer.length);
                bufferPos = 0;
                if (bufferLen < 0) {
                    eof = true;
                    bufferLen = 0;
                    return length == 0 ? null : new Line(line.toByteArray(), length, false);
                }
            }
            int start = bufferPos;
            int newline = -1;
            for (int i = bufferPos; i < bufferLen; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? bufferLen : newline;
            int keep = (int) Math.max(0, Math.min(end - start, MAX_LINE_BYTES + 1L - length));
            line.write(buffer, start, keep);
            length += end - start;
            bufferPos = newline < 0 ? bufferLen : newline + 1;
            if (newline >= 0) return new Line(line.toByteArray(), length, true);
        }
    }

    /** The bytes to hand to the SDK for this line (with '\n'), or null to drop it. */
    private byte[] accept(Line line) throws IOException {
        if (!line.complete()) {
            log.warn("stdin closed in the middle of a message ({} bytes); ignored", line.length());
            return null;
        }
        if (line.length() > MAX_LINE_BYTES) {
            log.warn("dropped a {}-byte stdin line: longer than the {} MiB limit", line.length(), MAX_LINE_BYTES >> 20);
            reply(
                    null,
                    -32600,
                    "Invalid Request: message of " + line.length() + " bytes exceeds the " + (MAX_LINE_BYTES >> 20)
                            + " MiB limit");
            return null;
        }
        // a raw CR can only be whitespace in valid JSON, but the SDK's line reader would split the message there
        String text = new String(line.bytes(), StandardCharsets.UTF_8)
                .replace('\r', ' ')
                .strip();
        if (text.isEmpty()) return null;
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, text);
        } catch (Exception notJsonRpc) {
            reject(text);
            return null;
        }
        byte[] accepted = initializationOrder(message, text);
        if (accepted != null && message instanceof McpSchema.JSONRPCRequest) requests.received();
        return accepted;
    }

    /** The line for the SDK, preceded by {@code notifications/initialized} when a request comes before it. */
    private byte[] initializationOrder(McpSchema.JSONRPCMessage message, String text) {
        if (message instanceof McpSchema.JSONRPCRequest request) {
            if (McpSchema.METHOD_INITIALIZE.equals(request.method())) {
                initializeSeen = true;
            } else if (initializeSeen && !initializedPassed) {
                initializedPassed = true;
                initializedInjected = true;
                log.debug("request before notifications/initialized: passing that notification on first");
                return (INITIALIZED_LINE + text + "\n").getBytes(StandardCharsets.UTF_8);
            }
        } else if (message instanceof McpSchema.JSONRPCNotification notification
                && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(notification.method())) {
            if (initializedInjected) { // already passed on ahead of an early request
                initializedInjected = false;
                return null;
            }
            initializedPassed = true;
        }
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void reject(String text) throws IOException {
        Object parsed;
        try {
            parsed = mapper.readValue(text, Object.class);
        } catch (Exception e) {
            log.warn("dropped a stdin line that is not JSON: {}", preview(text));
            reply(null, -32700, "Parse error: not a JSON-RPC message");
            return;
        }
        Object id = parsed instanceof Map<?, ?> m ? m.get("id") : null;
        if (!(id instanceof String) && !(id instanceof Number)) id = null;
        if (parsed instanceof Map<?, ?> m && id == null && m.containsKey("method") && !m.containsKey("id")) {
            log.warn("dropped an invalid JSON-RPC notification: {}", preview(text));
            return; // notifications get no answer, not even an error
        }
        log.warn("dropped a stdin line that is not a valid JSON-RPC message: {}", preview(text));
        reply(id, -32600, "Invalid Request: expected a JSON-RPC 2.0 request, notification or response object");
    }

    private void reply(Object id, int code, String message) throws IOException {
        String json = "{\"jsonrpc\":\"2.0\",\"id\":" + mapper.writeValueAsString(id) + ",\"error\":{\"code\":" + code
                + ",\"message\":" + mapper.writeValueAsString(message) + "}}\n";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        requests.received(); // a message read, answered here rather than by the SDK
        synchronized (out) { // the SDK's writer holds this same lock for each message it writes
            out.write(bytes);
            out.flush();
        }
    }

    private static String preview(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 80 ? clean.substring(0, 80) + "… (" + text.length() + " chars)" : clean;
    }
}
