package dev.hypertracker.mcp.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional OAuth 2.1 resource-server mode of the HTTP transports (remote connectors): clients present an access
 * token issued by the operator's authorization server; this server checks its signature against the issuer's JWKS,
 * its issuer, audience (this resource), expiry and, when configured, its scopes, and publishes where to get one as
 * RFC 9728 protected-resource metadata. The client's token never leaves this server: upstream calls carry the
 * HyperTracker API token only.
 */
public final class OAuthResourceServer {
    private static final Logger log = LoggerFactory.getLogger(OAuthResourceServer.class);

    /** RFC 9728 section 3: the metadata lives at this path, with the resource's own path appended. */
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    /** Clock skew tolerated on exp and nbf, as most resource servers do. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** The JWKS fetch: bounded in time and size (an issuer's key set is a few KB). */
    static final int JWKS_TIMEOUT_MS = 5_000;

    static final int JWKS_MAX_BYTES = 256 * 1024;

    /** Asymmetric signatures only: a shared-secret (HS*) or unsigned token can never pass. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA);

    private final Settings settings;
    private final ConfigurableJWTProcessor<SecurityContext> processor;

    /**
     * @param resource       the public URL of the MCP endpoint as clients reach it (https://mcp.example.com/mcp)
     * @param issuer         the authorization server's issuer identifier, matched exactly against {@code iss}
     * @param audience       the {@code aud} a token must carry; by default the resource URL
     * @param jwksUrl        where the issuer publishes its signing keys
     * @param requiredScopes scopes a token must hold (space-separated {@code scope} or a {@code scp} list), or none
     */
    public record Settings(URI resource, String issuer, String audience, URI jwksUrl, List<String> requiredScopes) {
        public Settings {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(jwksUrl, "jwksUrl");
            requireSecureUrl("--oauth-resource", resource);
            requireSecureUrl("--oauth-issuer", URI.create(issuer));
            requireSecureUrl("--oauth-jwks-url", jwksUrl);
            if (resource.getRawQuery() != null || resource.getRawFragment() != null)
                throw new IllegalArgumentException("--oauth-resource must not carry a query or fragment (RFC 9728)");
            audience = audience == null || audience.isBlank() ? resource.toString() : audience;
            requiredScopes = requiredScopes == null ? List.of() : List.copyOf(requiredScopes);
        }
    }

    /** The outcome of checking one request's bearer token. */
    public sealed interface Verdict {
        /** A valid token: who presented it, as {@code issuer#subject}. */
        record Accepted(String principal) implements Verdict {}

        /** No usable token: 401, with RFC 6750's error code (null when no token was sent) and a fixed description. */
        record Rejected(String error, String description) implements Verdict {}

        /** A valid token without the required scopes: 403 insufficient_scope. */
        record MissingScope(String description) implements Verdict {}
    }

    public OAuthResourceServer(Settings settings, Clock clock) {
        this(settings, remoteKeys(settings.jwksUrl()), clock);
    }

    OAuthResourceServer(Settings settings, JWKSource<SecurityContext> keys, Clock clock) {
        this.settings = settings;
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        // RFC 9068 access tokens say typ at+jwt; many issuers still say JWT or nothing
        p.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"), JOSEObjectType.JWT, null));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        Set.of(settings.audience()),
                        new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                        Set.of("sub", "exp"),
                        null) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        p.setJWTClaimsSetVerifier(claims);
        this.processor = p;
    }

    private static JWKSource<SecurityContext> remoteKeys(URI jwksUrl) {
        try {
            return JWKSourceBuilder.create(
                            jwksUrl.toURL(),
                            new DefaultResourceRetriever(JWKS_TIMEOUT_MS, JWKS_TIMEOUT_MS, JWKS_MAX_BYTES))
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("--oauth-jwks-url is not a URL", e);
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Checks an {@code Authorization} header value; the token itself never appears in a log or an answer. */
    public Verdict verify(String authorization) {
        if (authorization == null || authorization.isBlank()) return new Verdict.Rejected(null, "No access token");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7))
            return new Verdict.Rejected("invalid_request", "Use the Bearer scheme");
        String token = authorization.substring(7).strip();
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (java.text.ParseException e) {
            return new Verdict.Rejected("invalid_token", "Not a signed JWT");
        } catch (RemoteKeySourceException e) {
            log.warn("cannot fetch the issuer's signing keys from {}: {}", settings.jwksUrl(), e.getMessage());
            return new Verdict.Rejected("invalid_token", "Signing keys unavailable; try again later");
        } catch (BadJWTException e) {
            return new Verdict.Rejected("invalid_token", claimProblem(e.getMessage()));
        } catch (BadJOSEException | com.nimbusds.jose.JOSEException e) {
            return new Verdict.Rejected("invalid_token", "Signature or key not accepted");
        }
        List<String> missing = new ArrayList<>(settings.requiredScopes());
        missing.removeAll(scopes(claims));
        if (!missing.isEmpty()) return new Verdict.MissingScope("Token lacks scope " + String.join(" ", missing));
        return new Verdict.Accepted(settings.issuer() + "#" + claims.getSubject());
    }

    /**
     * A fixed description per failed claim check: Nimbus's messages quote the token's own values, and those must not
     * reach a response header.
     */
    private static String claimProblem(String message) {
        String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("missing required audience")) return "Token is not for this resource (aud)";
        if (m.contains("missing required")) return "Token lacks a required claim (sub, exp)";
        if (m.contains("expired")) return "Token expired";
        if (m.contains("before use")) return "Token not valid yet (nbf)";
        if (m.contains("aud")) return "Token is not for this resource (aud)";
        if (m.contains(" iss ")) return "Token is from another issuer (iss)";
        return "Token claims not accepted";
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s) return List.of(s.trim().split("\\s+"));
        Object scp = claims.getClaim("scp");
        if (scp instanceof List<?> list)
            return list.stream().map(String::valueOf).toList();
        if (scp instanceof String s) return List.of(s.trim().split("\\s+"));
        return List.of();
    }

    /** The metadata document's URL: the well-known path with the resource's path appended (RFC 9728 section 3.1). */
    public URI metadataUrl() {
        URI r = settings.resource();
        String path = r.getRawPath() == null || r.getRawPath().equals("/") ? "" : r.getRawPath();
        return URI.create(r.getScheme() + "://" + r.getRawAuthority() + METADATA_PATH + path);
    }

    /** The local paths that serve the metadata: the path-aware one and the bare well-known path. */
    public List<String> metadataPaths() {
        String path = metadataUrl().getRawPath();
        return path.equals(METADATA_PATH) ? List.of(METADATA_PATH) : List.of(path, METADATA_PATH);
    }

    /** RFC 9728 protected-resource metadata. */
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource", settings.resource().toString());
        m.put("authorization_servers", List.of(settings.issuer()));
        m.put("bearer_methods_supported", List.of("header"));
        if (!settings.requiredScopes().isEmpty()) m.put("scopes_supported", settings.requiredScopes());
        m.put("resource_name", "HyperTracker MCP");
        return m;
    }

    /** The {@code WWW-Authenticate} value of a 401 or 403 (RFC 6750 section 3, RFC 9728 section 5.1). */
    public String challenge(String error, String description) {
        StringBuilder b = new StringBuilder("Bearer resource_metadata=\"")
                .append(metadataUrl())
                .append('"');
        if (error != null) b.append(", error=\"").append(error).append('"');
        if (description != null)
            b.append(", error_description=\"").append(description).append('"');
        if (!settings.requiredScopes().isEmpty())
            b.append(", scope=\"")
                    .append(String.join(" ", settings.requiredScopes()))
                    .append('"');
        return b.toString();
    }

    /** https, or http on a loopback host (tests, a local issuer). */
    static void requireSecureUrl(String flag, URI url) {
        String scheme = url.getScheme();
        String host = url.getHost();
        boolean loopback =
                host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
        if ("https".equalsIgnoreCase(scheme) && host != null) return;
        if ("http".equalsIgnoreCase(scheme) && loopback) return;
        throw new IllegalArgumentException(flag + " must be an https URL (http only on loopback), got " + url);
    }
}
