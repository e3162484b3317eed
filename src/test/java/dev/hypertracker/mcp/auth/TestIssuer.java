package dev.hypertracker.mcp.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A local authorization server for the tests: an RSA key minted per run, its public JWKS served on a loopback port
 * (so the resource server fetches it as it would an issuer's), and access tokens signed with it.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String RESOURCE = "https://mcp.example.com/mcp";

    private final RSAKey key;
    private final HttpServer jwksServer;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    public TestIssuer() {
        this.key = newKey("test-key");
        try {
            jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksServer.createContext("/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        jwksServer.start();
    }

    static RSAKey newKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort();
    }

    public URI jwksUrl() {
        return URI.create(issuer() + "/jwks.json");
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    public OAuthResourceServer.Settings settings(List<String> scopes) {
        return new OAuthResourceServer.Settings(URI.create(RESOURCE), issuer(), null, jwksUrl(), scopes);
    }

    /** Claims a valid token carries at {@code now}: this issuer, this resource, subject alice, 5 minutes left. */
    public JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(RESOURCE)
                .subject("alice")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    public String token(Instant now) {
        return sign(claims(now).build(), key);
    }

    public String token(Instant now, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(now)).build(), key);
    }

    static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(with.getKeyID())
                            .type(new JOSEObjectType("at+jwt"))
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    RSAKey key() {
        return key;
    }

    @Override
    public void close() {
        jwksServer.stop(0);
    }
}
