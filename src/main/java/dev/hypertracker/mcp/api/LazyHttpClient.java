package dev.hypertracker.mcp.api;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} built on its first request. Building the JDK client initialises the default
 * {@link SSLContext} (security providers, cipher suites, the CA store: several hundred classes) and starts its
 * selector thread, ~100–300 ms on a cold JVM. A stdio server must answer {@code initialize} first and may never make
 * a request at all, so that cost moves from the start path to the first upstream call.
 */
final class LazyHttpClient extends HttpClient {
    private final Supplier<HttpClient> factory;
    private volatile HttpClient delegate;

    LazyHttpClient(Supplier<HttpClient> factory) {
        this.factory = factory;
    }

    private HttpClient client() {
        HttpClient c = delegate;
        if (c == null) {
            synchronized (this) {
                c = delegate;
                if (c == null) delegate = c = factory.get();
            }
        }
        return c;
    }

    @Override public Optional<CookieHandler> cookieHandler() { return client().cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return client().connectTimeout(); }
    @Override public Redirect followRedirects() { return client().followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return client().proxy(); }
    @Override public SSLContext sslContext() { return client().sslContext(); }
    @Override public SSLParameters sslParameters() { return client().sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return client().authenticator(); }
    @Override public Version version() { return client().version(); }
    @Override public Optional<Executor> executor() { return client().executor(); }
    @Override public WebSocket.Builder newWebSocketBuilder() { return client().newWebSocketBuilder(); }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client().send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client().sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return client().sendAsync(request, handler, pushPromiseHandler);
    }
}
