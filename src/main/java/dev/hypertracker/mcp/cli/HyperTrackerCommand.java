package dev.hypertracker.mcp.cli;

import dev.hypertracker.mcp.auth.OAuthResourceServer;
import dev.hypertracker.mcp.config.ConfigurationException;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.server.HyperTrackerServer;
import dev.hypertracker.mcp.shared.SharedStore;
import dev.hypertracker.mcp.shared.Sharing;
import dev.hypertracker.mcp.stats.StatsReporter;
import dev.hypertracker.mcp.tools.ToolSelection;
import dev.hypertracker.mcp.transport.HttpTransportConfig;
import dev.hypertracker.mcp.transport.HttpTransportServer;
import dev.hypertracker.mcp.transport.StdioTransport;
import dev.hypertracker.mcp.transport.TransportKind;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hypertracker-mcp [serve options]}: runs the MCP server (stdio by default). */
@Command(
        name = "hypertracker-mcp",
        mixinStandardHelpOptions = true,
        versionProvider = HyperTrackerCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "MCP server for the HyperTracker API: Hyperliquid positions, open interest, cohort positioning, "
                    + "liquidation risk.",
            "",
            "Environment: HYPERTRACKER_API_TOKEN (required unless --demo), HYPERTRACKER_BASE_URL "
                    + "(default https://ht-api.coinmarketman.com), HYPERTRACKER_MCP_AUTH_TOKEN, HYPERTRACKER_MCP_MAX_SESSIONS, "
                    + "HYPERTRACKER_MCP_SESSION_IDLE_TIMEOUT (HTTP transports), HYPERTRACKER_MCP_REDIS_URL, "
                    + "HYPERTRACKER_LOG_LEVEL.",
            ""
        },
        subcommands = {CallCommand.class, SandboxCommand.class, ToolsJsonCommand.class, DoctorCommand.class})
public final class HyperTrackerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(HyperTrackerCommand.class);
    /** How often the upstream counters are logged (when they changed); they are logged at exit too. */
    static final Duration STATS_INTERVAL = Duration.ofMinutes(5);
    /** The environment variable read when {@code --redis-url} is absent. */
    static final String REDIS_URL_ENV = "HYPERTRACKER_MCP_REDIS_URL";

    @Option(
            names = "--transport",
            paramLabel = "KIND",
            defaultValue = "stdio",
            description =
                    "stdio (default), http (alias streamable: Streamable HTTP at /mcp), sse (/sse + /mcp/message), "
                            + "http,sse (alias both), or stateless (as --stateless).")
    String transport;

    @Option(
            names = "--stateless",
            description = "Streamable HTTP at /mcp without sessions: any instance answers any request (no progress "
                    + "notifications). Replaces http in --transport.")
    boolean stateless;

    @Option(
            names = "--redis-url",
            paramLabel = "URL",
            description = "Redis/Valkey shared by several instances (or HYPERTRACKER_MCP_REDIS_URL): one rate limit, "
                    + "response cache, coalescing and result store. redis://[user:password@]host:port[/db]")
    String redisUrl;

    @Option(
            names = "--rate-limit-day",
            paramLabel = "N",
            description = "With --redis-url: max HyperTracker requests per day for all instances together (plan).")
    Integer rateLimitDay;

    @Option(
            names = "--rate-limit-month",
            paramLabel = "N",
            description = "With --redis-url: max HyperTracker requests per 30 days for all instances together.")
    Integer rateLimitMonth;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "HTTP bind address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "HTTP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(
            names = "--demo",
            description = "Serve synthetic data from the embedded sandbox: no token, no network needed.")
    boolean demo;

    @Option(
            names = "--tools",
            paramLabel = "LIST",
            completionCandidates = ToolsetChoices.class,
            description = "Tools to serve and list: all, tool names and/or toolsets (${COMPLETION-CANDIDATES}). "
                    + "Default: the most used tools, the others found with list_toolsets / enable_toolset.")
    String tools;

    @Option(
            names = "--auth-token",
            paramLabel = "TOKEN",
            description = "Bearer token clients must send to the HTTP transports (or HYPERTRACKER_MCP_AUTH_TOKEN). "
                    + "Required when --host is not a loopback address.")
    String authToken;

    @Option(
            names = "--oauth-issuer",
            paramLabel = "URL",
            description = "HTTP transports: accept OAuth access tokens (JWT) from this issuer instead of --auth-token "
                    + "(or HYPERTRACKER_MCP_OAUTH_ISSUER). Needs --oauth-jwks-url and --oauth-resource.")
    String oauthIssuer;

    @Option(
            names = "--oauth-jwks-url",
            paramLabel = "URL",
            description = "The issuer's signing keys (JWKS) (or HYPERTRACKER_MCP_OAUTH_JWKS_URL).")
    String oauthJwksUrl;

    @Option(
            names = "--oauth-resource",
            paramLabel = "URL",
            description = "This server's public MCP URL, e.g. https://mcp.example.com/mcp: the token audience "
                    + "and the RFC 9728 resource (or HYPERTRACKER_MCP_OAUTH_RESOURCE).")
    String oauthResource;

    @Option(
            names = "--oauth-audience",
            paramLabel = "AUD",
            description = "The aud a token must carry, if not --oauth-resource (or HYPERTRACKER_MCP_OAUTH_AUDIENCE).")
    String oauthAudience;

    @Option(
            names = "--oauth-scope",
            paramLabel = "SCOPE",
            split = ",",
            description = "Scopes a token must hold (or HYPERTRACKER_MCP_OAUTH_SCOPES, comma-separated).")
    java.util.List<String> oauthScopes = new java.util.ArrayList<>();

    @Option(
            names = "--allowed-origin",
            paramLabel = "ORIGIN",
            split = ",",
            description = "Extra browser Origins allowed on the HTTP transports (localhost is always allowed).")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(
            names = "--max-sessions",
            paramLabel = "N",
            description =
                    "HTTP transports: most live sessions; new ones past it get 503 (or HYPERTRACKER_MCP_MAX_SESSIONS; "
                            + "default 1000).")
    Integer maxSessions;

    @Option(
            names = "--session-idle-timeout",
            paramLabel = "SECONDS",
            description =
                    "HTTP transports: a session unused this long is closed (or HYPERTRACKER_MCP_SESSION_IDLE_TIMEOUT; "
                            + "default 600).")
    Integer sessionIdleSeconds;

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            defaultValue = "60",
            description = "Max HyperTracker requests per minute, to match your plan (default ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(
            names = "--deadline",
            paramLabel = "SECONDS",
            defaultValue = "45",
            description = "Time budget of one tool call incl. retries and pages (default ${DEFAULT-VALUE}).")
    int deadlineSeconds;

    @Option(
            names = "--cache-mb",
            paramLabel = "MB",
            defaultValue = "64",
            description = "Response cache size (default ${DEFAULT-VALUE}; 0 disables).")
    int cacheMb;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Demo mode: the sandbox's data seed (default ${DEFAULT-VALUE}).")
    long seed;

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HyperTrackerCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // --help and --version exit before any protocol starts, so they may use stdout; errors go to stderr
        cl.setErr(new PrintWriter(System.err, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigurationException c) return configurationError(cmd.getErr(), c);
            throw e;
        });
        return cl;
    }

    /** A configuration the server cannot start with: one line on stderr, exit code 2 (with or without picocli). */
    static int configurationError(PrintWriter err, ConfigurationException e) {
        err.println("hypertracker-mcp: " + e.getMessage());
        return 2;
    }

    @Override
    public Integer call() throws Exception {
        Set<TransportKind> kinds = transports(transport, stateless);
        ToolSelection selection = ToolSelection.parse(tools);
        Map<String, String> env = System.getenv();
        OAuthResourceServer oauth = oauth(env); // read once, and checked before anything starts
        if (kinds.contains(TransportKind.STDIO) && oauth != null)
            throw new ConfigurationException("--oauth-issuer guards the HTTP transports; stdio has no bearer token "
                    + "to check. Use --transport http.");
        try (Upstream upstream = Upstream.connect(demo, seed, env)) {
            if (demo)
                log.info(
                        "demo mode: synthetic data from the embedded sandbox at {}",
                        upstream.settings().baseUrl());
            if (!upstream.settings().hasToken()) {
                log.warn(
                        "{} is not set: tools are listed, but calls will explain how to set it (or use --demo)",
                        Settings.ENV_TOKEN);
            }
            serve(kinds, selection, upstream.settings(), env, oauth);
        }
        return 0;
    }

    @SuppressWarnings("try") // the reporter is closed early on purpose, and closing twice is harmless
    private void serve(
            Set<TransportKind> kinds,
            ToolSelection selection,
            Settings base,
            Map<String, String> env,
            OAuthResourceServer oauth)
            throws Exception {
        Settings settings = base.withRateLimit(rateLimit)
                .withTimeouts(base.requestTimeout(), Duration.ofSeconds(deadlineSeconds))
                .withCache(cacheMb > 0, Math.max(1, cacheMb) * 1024L * 1024L);
        HyperTrackerServer server =
                new HyperTrackerServer(settings, selection, Clock.systemUTC(), sharing(settings, env));
        server.warmUpForFirstCall();
        try (SharedStore shared = server.sharing().store();
                StatsReporter reporter = StatsReporter.start(server.stats(), STATS_INTERVAL)) {
            if (kinds.contains(TransportKind.STDIO)) {
                StdioTransport.run(server);
                return;
            }
            String auth = authToken != null ? authToken : env.get("HYPERTRACKER_MCP_AUTH_TOKEN");
            HttpTransportConfig config = HttpTransportConfig.defaults()
                    .withHost(host)
                    .withPort(port)
                    .withKinds(kinds)
                    .withAuthToken(auth)
                    .withExtraAllowedOrigins(allowedOrigins)
                    .withOAuth(oauth)
                    .withMaxSessions(flagOrEnv(
                            "--max-sessions",
                            maxSessions,
                            env,
                            HttpTransportConfig.MAX_SESSIONS_ENV,
                            HttpTransportConfig.DEFAULT_MAX_SESSIONS))
                    .withSessionIdleTimeout(Duration.ofSeconds(flagOrEnv(
                            "--session-idle-timeout",
                            sessionIdleSeconds,
                            env,
                            HttpTransportConfig.SESSION_IDLE_TIMEOUT_ENV,
                            (int) HttpTransportConfig.DEFAULT_SESSION_IDLE_TIMEOUT.toSeconds())));
            CountDownLatch closed = new CountDownLatch(1);
            try (HttpTransportServer http = HttpTransportServer.start(config, server, server::buildStateless)) {
                System.err.println("hypertracker-mcp " + HyperTrackerServer.version() + " serving " + kinds + " at "
                        + http.baseUrl() + (demo ? " (demo: synthetic data)" : ""));
                awaitTermination(closed);
            } finally {
                reporter.close(); // log the counters before the shutdown hook lets the JVM go
                closed.countDown();
            }
        }
    }

    /** The Redis of {@code --redis-url} (else the environment's), or off. */
    private Sharing sharing(Settings settings, Map<String, String> env) {
        String url = redisUrl != null ? redisUrl : env.get(REDIS_URL_ENV);
        if (url == null || url.isBlank()) {
            if (rateLimitDay != null || rateLimitMonth != null)
                throw new ConfigurationException("--rate-limit-day and --rate-limit-month need --redis-url (or "
                        + REDIS_URL_ENV + "): they are budgets of all instances together.");
            return Sharing.off();
        }
        for (Integer budget : new Integer[] {rateLimitDay, rateLimitMonth}) {
            if (budget != null && budget < 1)
                throw new ConfigurationException("--rate-limit-day / --rate-limit-month must be positive.");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ConfigurationException("--redis-url (or " + REDIS_URL_ENV + ") is not a URL.");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigurationException(
                    "--redis-url (or " + REDIS_URL_ENV + ") must look like redis://host:6379 (or rediss:// for TLS).");
        }
        return new Sharing(
                SharedStore.connect(uri, settings.apiToken(), Clock.systemUTC()), rateLimitDay, rateLimitMonth);
    }

    /** The OAuth resource-server mode from the flags, else the environment; null when no issuer is set. */
    OAuthResourceServer oauth(Map<String, String> env) {
        String issuer = orEnv(oauthIssuer, env, "HYPERTRACKER_MCP_OAUTH_ISSUER");
        if (issuer == null) return null;
        String jwks = orEnv(oauthJwksUrl, env, "HYPERTRACKER_MCP_OAUTH_JWKS_URL");
        String resource = orEnv(oauthResource, env, "HYPERTRACKER_MCP_OAUTH_RESOURCE");
        if (jwks == null || resource == null)
            throw new ConfigurationException("--oauth-issuer needs --oauth-jwks-url (the issuer's keys) and "
                    + "--oauth-resource (this server's public MCP URL).");
        java.util.List<String> scopes = oauthScopes;
        String envScopes = env.get("HYPERTRACKER_MCP_OAUTH_SCOPES");
        if (scopes.isEmpty() && envScopes != null && !envScopes.isBlank())
            scopes = java.util.Arrays.stream(envScopes.split(","))
                    .map(String::strip)
                    .filter(x -> !x.isEmpty())
                    .toList();
        try {
            return new OAuthResourceServer(
                    new OAuthResourceServer.Settings(
                            URI.create(resource),
                            issuer,
                            orEnv(oauthAudience, env, "HYPERTRACKER_MCP_OAUTH_AUDIENCE"),
                            URI.create(jwks),
                            scopes),
                    Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + ".");
        }
    }

    private static String orEnv(String value, Map<String, String> env, String variable) {
        String text = value != null ? value : env.get(variable);
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The flag's value, else the environment variable's (a positive integer), else the default. */
    static int flagOrEnv(String flag, Integer value, Map<String, String> env, String variable, int defaultValue) {
        String text = value != null ? value.toString() : env.get(variable);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(text.strip());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException(
                flag + " (or " + variable + ") must be a positive whole number, got '" + text + "'.");
    }

    /**
     * The {@code --transport} value, parsed by {@link TransportKind#parseList}; {@code --stateless} turns stdio (the
     * default) or http into the stateless Streamable HTTP transport.
     */
    static Set<TransportKind> transports(String spec, boolean stateless) {
        Set<TransportKind> kinds;
        try {
            kinds = TransportKind.parseList(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--transport: " + e.getMessage() + ".");
        }
        if (stateless) {
            kinds = EnumSet.copyOf(kinds);
            kinds.remove(TransportKind.STDIO);
            kinds.remove(TransportKind.HTTP);
            kinds.add(TransportKind.STATELESS);
        }
        if (kinds.contains(TransportKind.STATELESS) && kinds.contains(TransportKind.HTTP)) {
            throw new ConfigurationException("--transport: http and stateless both serve /mcp: choose one.");
        }
        return kinds;
    }

    /**
     * Blocks until SIGTERM/SIGINT. The shutdown hook holds the JVM until {@code closed} is counted down, which the
     * caller does after its graceful close, so in-flight calls can finish.
     */
    static void awaitTermination(CountDownLatch closed) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                closed.await();
                            } catch (InterruptedException ignored) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "shutdown"));
        stop.await();
    }

    /** The toolset ids for --tools' help, from the Toolset enum (so a new toolset shows up without editing text). */
    static final class ToolsetChoices implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ToolSelection.toolsetIds().iterator();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {HyperTrackerServer.NAME + " " + HyperTrackerServer.version()};
        }
    }
}
