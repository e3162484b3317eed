package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One MCP request as the SDK servlet sees it, wrapped: the body already read (so the SDK never blocks on a slow
 * client), the response's writer routed through {@link PublicErrorWriter}, and, for a JSON-RPC request on a
 * Streamable HTTP stream, a JSON-RPC error written before the stream ends if the SDK ended it without an answer
 * while still handling the POST (SDK 2.1.0 does that when the params do not deserialize: the client would wait
 * for its own timeout). A stream ended later, by a session closing, is left as it is.
 */
final class GuardedExchange {
    private final Request request;
    private final Response response;
    private final McpJsonMapper json;
    private final Object requestId;
    private final String method;
    private volatile boolean answered;
    private volatile String sseSessionId;
    private volatile Thread servletThread;
    private final Consumer<String> onNewSession;

    /**
     * @param body         the request body already read, or null for a request without one (GET, DELETE)
     * @param requestId    the JSON-RPC id when the body is a request, else null
     * @param onNewSession told the id of a session the SDK created, before the client can learn it
     */
    GuardedExchange(
            HttpServletRequest request,
            HttpServletResponse response,
            byte[] body,
            Object requestId,
            String method,
            McpJsonMapper json,
            Consumer<String> onNewSession) {
        this.onNewSession = onNewSession;
        this.json = json;
        this.requestId = requestId;
        this.method = method;
        this.request = new Request(request, body);
        this.response = new Response(response);
    }

    /** The session id an SSE stream announced in its {@code endpoint} event, or null. */
    String sseSessionId() {
        return sseSessionId;
    }

    private void noteEndpoint(String endpointData) {
        int at = endpointData.indexOf("sessionId=");
        if (at >= 0) {
            sseSessionId = endpointData.substring(at + "sessionId=".length());
            onNewSession.accept(sseSessionId);
        }
    }

    /** Hands the exchange to the servlet chain and, once it returns, writes out a buffered error body. */
    void forward(FilterChain chain) throws IOException, ServletException {
        servletThread = Thread.currentThread();
        try {
            chain.doFilter(request, response);
        } finally {
            servletThread = null;
        }
        finish();
    }

    private void finish() {
        PublicErrorWriter writer = response.writer;
        if (writer != null && !request.isAsyncStarted()) {
            writer.flush();
        }
    }

    /** A POST's stream carries only the answer to its own request (besides notifications). */
    private void noteResponse() {
        answered = true;
    }

    /** Writes the error the SDK did not send, as one more event of the request's stream. */
    private void answerIfSilent() {
        PublicErrorWriter writer = response.writer;
        if (answered
                || requestId == null
                || writer == null
                || response.mode != PublicErrorWriter.Mode.EVENTS
                || servletThread != Thread.currentThread()) {
            return;
        }
        answered = true;
        String error = PublicErrors.body(
                json,
                requestId,
                ErrorCodes.INVALID_PARAMS,
                "Invalid params for " + method
                        + ": the params do not have the types the MCP schema gives (params and arguments are objects, "
                        + "uri is a string, a completion needs its argument)");
        writer.write("event: message\ndata: " + error + "\n\n");
        writer.flush();
    }

    private final class Request extends HttpServletRequestWrapper {
        private final byte[] body;

        Request(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            return body == null ? super.getInputStream() : new BodyStream(body);
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return body == null
                    ? super.getReader()
                    : new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public AsyncContext startAsync() {
            return new AnswerBeforeComplete(super.startAsync());
        }

        @Override
        public AsyncContext getAsyncContext() {
            return new AnswerBeforeComplete(super.getAsyncContext());
        }
    }

    private final class Response extends HttpServletResponseWrapper {
        private PublicErrorWriter writer;
        private PublicErrorWriter.Mode mode;

        Response(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, value);
            if (McpEndpointGuard.SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
                onNewSession.accept(value); // Streamable HTTP: initialize answered, body not written yet
            }
        }

        @Override
        public synchronized PrintWriter getWriter() throws IOException {
            if (writer != null) {
                return writer;
            }
            String type = getContentType();
            if (type != null && type.startsWith("text/event-stream")) {
                mode = PublicErrorWriter.Mode.EVENTS;
            } else if (getStatus() >= 400) {
                mode = PublicErrorWriter.Mode.ERROR_BODY;
                setContentType("application/json");
            } else {
                return super.getWriter();
            }
            writer = new PublicErrorWriter(
                    super.getWriter(),
                    mode,
                    json,
                    requestId,
                    method,
                    GuardedExchange.this::noteResponse,
                    GuardedExchange.this::noteEndpoint);
            return writer;
        }
    }

    /** The SDK completes a request's stream when it is done with it; an unanswered request is answered first. */
    private final class AnswerBeforeComplete implements AsyncContext {
        private final AsyncContext context;

        AnswerBeforeComplete(AsyncContext context) {
            this.context = context;
        }

        @Override
        public void complete() {
            try {
                answerIfSilent();
            } finally {
                context.complete();
            }
        }

        @Override
        public ServletRequest getRequest() {
            return context.getRequest();
        }

        @Override
        public ServletResponse getResponse() {
            return context.getResponse();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return context.hasOriginalRequestAndResponse();
        }

        @Override
        public void dispatch() {
            context.dispatch();
        }

        @Override
        public void dispatch(String path) {
            context.dispatch(path);
        }

        @Override
        public void dispatch(ServletContext servletContext, String path) {
            context.dispatch(servletContext, path);
        }

        @Override
        public void start(Runnable run) {
            context.start(run);
        }

        @Override
        public void addListener(AsyncListener listener) {
            context.addListener(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            context.addListener(listener, request, response);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> clazz) throws ServletException {
            return context.createListener(clazz);
        }

        @Override
        public void setTimeout(long timeout) {
            context.setTimeout(timeout);
        }

        @Override
        public long getTimeout() {
            return context.getTimeout();
        }
    }

    private static final class BodyStream extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        BodyStream(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body is already read");
        }
    }
}
