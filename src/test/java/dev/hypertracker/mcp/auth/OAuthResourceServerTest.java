package dev.hypertracker.mcp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.hypertracker.mcp.auth.OAuthResourceServer.Verdict;
import dev.hypertracker.mcp.support.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every check of an access token, each against a token that differs from a valid one in that check only. */
class OAuthResourceServerTest {
    private final ManualClock clock = new ManualClock();
    private final TestIssuer issuer = new TestIssuer();
    private final OAuthResourceServer server = new OAuthResourceServer(issuer.settings(List.of()), clock);

    @AfterEach
    void stop() {
        issuer.close();
    }

    private Verdict verify(String token) {
        return server.verify("Bearer " + token);
    }

    private Instant now() {
        return clock.instant();
    }

    @Test
    void aValidTokenNamesItsIssuerAndSubject() {
        assertThat(verify(issuer.token(now()))).isEqualTo(new Verdict.Accepted(issuer.issuer() + "#alice"));
        assertThat(issuer.jwksFetches())
                .as("the keys come from the issuer's JWKS URL")
                .isEqualTo(1);
    }

    @Test
    void expiryIsCheckedAgainstTheServersClockWithOneMinuteOfSkew() {
        String token = issuer.token(now()); // expires in 300 s
        clock.advance(Duration.ofSeconds(300 + 59));
        assertThat(verify(token)).isInstanceOf(Verdict.Accepted.class);
        clock.advance(Duration.ofSeconds(2));
        assertThat(verify(token)).isEqualTo(new Verdict.Rejected("invalid_token", "Token expired"));
    }

    @Test
    void aTokenNotYetValidIsRejected() {
        String token = issuer.token(now(), c -> c.notBeforeTime(Date.from(now().plusSeconds(600))));
        assertThat(verify(token)).isEqualTo(new Verdict.Rejected("invalid_token", "Token not valid yet (nbf)"));
    }

    @Test
    void anotherIssuerOrAudienceIsRejected() {
        assertThat(verify(issuer.token(now(), c -> c.issuer("https://evil.example"))))
                .isEqualTo(new Verdict.Rejected("invalid_token", "Token is from another issuer (iss)"));
        assertThat(verify(issuer.token(now(), c -> c.audience("https://other.example/mcp"))))
                .isEqualTo(new Verdict.Rejected("invalid_token", "Token is not for this resource (aud)"));
        assertThat(verify(issuer.token(now(), c -> c.audience((String) null)))).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void aTokenWithoutSubjectOrExpiryIsRejected() {
        assertThat(verify(issuer.token(now(), c -> c.subject(null))))
                .isEqualTo(new Verdict.Rejected("invalid_token", "Token lacks a required claim (sub, exp)"));
        assertThat(verify(issuer.token(now(), c -> c.expirationTime(null)))).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() {
        String forged = TestIssuer.sign(issuer.claims(now()).build(), TestIssuer.newKey("test-key"));
        assertThat(verify(forged)).isEqualTo(new Verdict.Rejected("invalid_token", "Signature or key not accepted"));
    }

    @Test
    void unsignedAndSharedSecretTokensNeverPass() throws JOSEException {
        JWTClaimsSet claims = issuer.claims(now()).build();
        assertThat(verify(new PlainJWT(claims).serialize())).isInstanceOf(Verdict.Rejected.class);
        // the classic confusion: HS256 keyed with the issuer's public key
        SignedJWT hs = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key").build(), claims);
        hs.sign(new MACSigner(issuer.key().toPublicKey().getEncoded()));
        assertThat(verify(hs.serialize())).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void garbageAndOtherSchemesAreRejectedWithoutEchoingThem() {
        Verdict garbage = verify("not.a.jwt\r\nX-Injected: 1");
        assertThat(garbage).isEqualTo(new Verdict.Rejected("invalid_token", "Not a signed JWT"));
        assertThat(server.verify("Basic YWxpY2U6c2VjcmV0"))
                .isEqualTo(new Verdict.Rejected("invalid_request", "Use the Bearer scheme"));
        assertThat(server.verify(null)).isEqualTo(new Verdict.Rejected(null, "No access token"));
    }

    @Test
    void descriptionsNeverQuoteTheTokensOwnValues() {
        String hostile = "https://evil.example\"\r\nSet-Cookie: x=1";
        Verdict v = verify(issuer.token(now(), c -> c.issuer(hostile).audience(hostile)));
        assertThat(((Verdict.Rejected) v).description()).doesNotContain("evil").doesNotContain("\r");
    }

    @Test
    void requiredScopesAreCheckedInScopeOrScp() {
        OAuthResourceServer scoped = new OAuthResourceServer(issuer.settings(List.of("mcp:read")), clock);
        assertThat(scoped.verify("Bearer " + issuer.token(now(), c -> c.claim("scope", "openid mcp:read"))))
                .isInstanceOf(Verdict.Accepted.class);
        assertThat(scoped.verify("Bearer " + issuer.token(now(), c -> c.claim("scp", List.of("mcp:read")))))
                .isInstanceOf(Verdict.Accepted.class);
        assertThat(scoped.verify("Bearer " + issuer.token(now(), c -> c.claim("scope", "openid"))))
                .isEqualTo(new Verdict.MissingScope("Token lacks scope mcp:read"));
        assertThat(scoped.challenge("insufficient_scope", "Token lacks scope mcp:read"))
                .isEqualTo(
                        "Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\""
                                + ", error=\"insufficient_scope\", error_description=\"Token lacks scope mcp:read\""
                                + ", scope=\"mcp:read\"");
    }

    @Test
    void metadataFollowsRfc9728() {
        assertThat(server.metadataUrl())
                .isEqualTo(URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/mcp"));
        assertThat(server.metadataPaths())
                .containsExactly("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource");
        assertThat(server.metadata())
                .containsEntry("resource", TestIssuer.RESOURCE)
                .containsEntry("authorization_servers", List.of(issuer.issuer()))
                .containsEntry("bearer_methods_supported", List.of("header"))
                .doesNotContainKey("scopes_supported");
    }

    @Test
    void plainHttpUrlsAreRefusedOffLoopback() {
        assertThatThrownBy(() -> new OAuthResourceServer.Settings(
                        URI.create("http://mcp.example.com/mcp"), issuer.issuer(), null, issuer.jwksUrl(), List.of()))
                .hasMessageContaining("--oauth-resource must be an https URL");
        assertThatThrownBy(() -> new OAuthResourceServer.Settings(
                        URI.create(TestIssuer.RESOURCE),
                        issuer.issuer(),
                        null,
                        URI.create("http://keys.example.com/jwks.json"),
                        List.of()))
                .hasMessageContaining("--oauth-jwks-url must be an https URL");
    }
}
