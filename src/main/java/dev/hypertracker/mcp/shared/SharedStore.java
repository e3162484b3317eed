package dev.hypertracker.mcp.shared;

import dev.hypertracker.mcp.config.Secret;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the Redis (or Valkey) that several instances share: the upstream rate limit, the response
 * cache, cross-instance coalescing and the result store. Keys are namespaced by a hash of the API token (never the
 * token itself), so instances serving different tokens never mix.
 *
 * <p>Redis is never what makes a call fail: every command is bounded by {@link #COMMAND_TIMEOUT}; the first failure
 * marks the store {@code down} (logged once) and each user of it falls back to this instance's own limiter, cache
 * and store. While down, a new connection is tried at most every {@link #RETRY_INTERVAL} (on the store's clock),
 * and sharing resumes as soon as one works.
 */
public final class SharedStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedStore.class);

    /** The longest any one Redis command may take before the store counts as down. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** How often a store that is down is tried again (by the first user after this long). */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

    /** What {@code get_server_status} shows as {@code sharedStore}. */
    public enum State {
        OFF,
        UP,
        DOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One live connection pair: text commands, and byte values for Bucket4j's bucket states. */
    record Link(StatefulRedisConnection<String, String> text, StatefulRedisConnection<String, byte[]> bytes) {
        RedisCommands<String, String> commands() {
            return text.sync();
        }

        void close() {
            text.closeAsync();
            bytes.closeAsync();
        }
    }

    private final RedisClient client;
    private final RedisURI uri;
    private final String prefix;
    private final Clock clock;
    private final ReentrantLock reconnecting = new ReentrantLock();
    private volatile Link link;
    private volatile Instant retryAt = Instant.MIN;
    /** Whether the last attempt failed: the state change is logged once, not every failure. */
    private volatile boolean down;
    /** Bumped on every new connection, so users can rebuild what they built on the old one. */
    private volatile int generation;

    private SharedStore(RedisClient client, RedisURI uri, String prefix, Clock clock) {
        this.client = client;
        this.uri = uri;
        this.prefix = prefix;
        this.clock = clock;
    }

    /** No Redis: every user keeps to its own instance ({@code sharedStore: "off"}). */
    public static SharedStore off() {
        return new SharedStore(null, null, null, Clock.systemUTC());
    }

    /**
     * A store on {@code redisUrl} ({@code redis://[user:password@]host:port[/db]}, {@code rediss://} for TLS),
     * namespaced by the hash of {@code apiToken}. Connects now; if Redis is unreachable the store starts down
     * (logged) and the server serves anyway.
     */
    public static SharedStore connect(URI redisUrl, Secret apiToken, Clock clock) {
        RedisURI uri;
        try {
            uri = RedisURI.create(redisUrl);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--redis-url: not a redis:// or rediss:// URL (" + redisUrl.getScheme()
                    + "://" + redisUrl.getHost() + ")");
        }
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                // a dead connection is replaced by this class (on its clock), not retried in the background
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(
                        SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        SharedStore store = new SharedStore(client, uri, "hypertracker-mcp:" + namespace(apiToken) + ":", clock);
        store.current();
        return store;
    }

    /** The first 128 bits of the token's SHA-256, hex: the same for every instance with this token, not the token. */
    static String namespace(Secret apiToken) {
        return sha256Hex(apiToken.reveal()).substring(0, 32);
    }

    /** SHA-256 of the text's UTF-8 bytes, hex. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean enabled() {
        return client != null;
    }

    public State state() {
        if (client == null) return State.OFF;
        return current() != null ? State.UP : State.DOWN;
    }

    /** The full Redis key of {@code kind}/{@code name} in this token's namespace. */
    public String key(String kind, String name) {
        return prefix + kind + ":" + name;
    }

    /** {@code redis://host:port}: never the password. */
    public String where() {
        return uri == null ? "-" : uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Runs one bounded Redis operation. Empty when the store is off or down, or when the operation failed (which
     * marks it down): the caller then does without Redis.
     */
    public <T> Optional<T> call(Function<RedisCommands<String, String>, T> operation) {
        return withLink(l -> operation.apply(l.commands()));
    }

    <T> Optional<T> withLink(Function<Link, T> operation) {
        Link l = current();
        if (l == null) return Optional.empty();
        try {
            return Optional.ofNullable(operation.apply(l));
        } catch (RedisCommandInterruptedException e) {
            Thread.currentThread().interrupt(); // our caller gave up (e.g. its deadline), Redis is fine
            return Optional.empty();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) return Optional.empty();
            markDown(l, e);
            return Optional.empty();
        }
    }

    int generation() {
        return generation;
    }

    /** The live link, or a new one if the store is down and the retry interval has passed; null when there is none. */
    private Link current() {
        Link l = link;
        if (l != null || client == null) return l;
        if (clock.instant().isBefore(retryAt) || !reconnecting.tryLock()) return null;
        try {
            if (link != null) return link;
            retryAt = clock.instant().plus(RETRY_INTERVAL);
            StatefulRedisConnection<String, String> text = null;
            try {
                text = client.connect(StringCodec.UTF8);
                text.sync().ping();
                Link fresh = new Link(text, client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
                generation++;
                link = fresh;
                log.info("shared store (Redis at {}) is up: rate limit, cache and results are shared", where());
                down = false;
                return fresh;
            } catch (RuntimeException e) {
                if (text != null) text.closeAsync();
                wentDown(e);
                return null;
            }
        } finally {
            reconnecting.unlock();
        }
    }

    private void markDown(Link failed, RuntimeException cause) {
        synchronized (this) {
            if (link != failed) return; // another caller already noticed
            link = null;
            retryAt = clock.instant().plus(RETRY_INTERVAL);
        }
        failed.close();
        wentDown(cause);
    }

    private void wentDown(RuntimeException cause) {
        if (down) return;
        down = true;
        log.warn(
                "shared store (Redis at {}) is down ({}: {}): this instance uses its own rate limiter, cache and result "
                        + "store until it is back; retrying every {} s",
                where(),
                cause.getClass().getSimpleName(),
                cause.getMessage(),
                RETRY_INTERVAL.toSeconds());
        log.debug("shared store failure", cause);
    }

    @Override
    public void close() {
        if (client == null) return;
        link = null;
        client.shutdown(0, 2, TimeUnit.SECONDS); // closes the connections too
    }
}
