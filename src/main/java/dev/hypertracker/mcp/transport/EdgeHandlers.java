package dev.hypertracker.mcp.transport;

import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Jetty handlers that act on the connection before any servlet sees a request. */
final class EdgeHandlers {
    private EdgeHandlers() {}

    /** TRACE answers 405 on every path (it would echo the request's headers, Authorization included). */
    static Handler refuseTrace(Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (HttpMethod.TRACE.is(request.getMethod())) {
                    response.getHeaders().put(HttpHeader.ALLOW, McpEndpointGuard.ALLOWED_METHODS);
                    Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                    return true;
                }
                return super.handle(request, response, callback);
            }
        };
    }

    /**
     * Once a request's body is in, its connection may stay silent for {@code callIdleTimeout} (a call's stream is
     * silent until its result); before that, and between requests, the connector's short timeout applies, so a
     * client that drips its body is cut off early.
     */
    static Handler callIdleTimeout(Duration callIdleTimeout, Duration readTimeout, Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                EndPoint endPoint =
                        request.getConnectionMetaData().getConnection().getEndPoint();
                endPoint.setIdleTimeout(callIdleTimeout.toMillis());
                return super.handle(
                        request,
                        response,
                        Callback.from(callback, () -> endPoint.setIdleTimeout(readTimeout.toMillis())));
            }
        };
    }
}
