package dev.hypertracker.mcp.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived pre-signed files for every download route besides the per-coin exports (cohort and market summaries,
 * chart data, the open-positions CSV, order and leaderboard downloads): the API answers either 302 to the file or
 * 200 with {@code {"downloadUrl": …}}. Files live on {@value #ROUTE}{name}, fetchable without the Bearer header, their
 * expiry and signature in the query; the body is computed again on each fetch from the same ground truth.
 */
final class SignedFiles {

    static final String ROUTE = "/files/generated/";

    /** A file name: path segments of safe characters only, so a name can never escape the route. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]+(/[A-Za-z0-9._:-]+)*");

    private final Map<String, Supplier<Reply>> files = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Supplier<URI> baseUrl;
    private final Supplier<? extends Clock> clock;
    private final byte[] signingKey;

    SignedFiles(SandboxConfig config, Supplier<URI> baseUrl, Supplier<? extends Clock> clock) {
        this.ttl = config.exportTtl();
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.signingKey = sha256("sandbox-file-signing|" + config.seed() + "|" + config.token());
    }

    /**
     * 302 to the file {@code name} (for example {@code segments/3/summary-all.json}); {@code body} answers a fetch of
     * it with its status, content type (CSV, gzip without Content-Encoding, …) and bytes.
     */
    Reply redirect(String name, Supplier<Reply> body) {
        String location = signedUrl(name, body);
        return Reply.text(302, "text/plain; charset=utf-8", "Found. Redirecting to " + location)
                .withHeader("Location", location);
    }

    /** 200 {@code {"downloadUrl": "…"}}: the leaderboard and order downloads answer like this, not with 302. */
    Reply downloadUrl(String name, Supplier<Reply> body) {
        String url = signedUrl(name, body);
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("downloadUrl", url);
            g.writeEndObject();
        }));
    }

    /** A signed URL of the file {@code name}, for a JSON answer that names it (the open-positions snapshots). */
    String signedUrl(String name, Supplier<Reply> body) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("unsafe file name " + name);
        files.put(name, body);
        long expires = clock.get().millis() + ttl.toMillis();
        return baseUrl.get() + ROUTE
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%2F", "/") + "?expires=" + expires
                + "&signature=" + signature(name, expires);
    }

    /** GET /files/generated/{name}?expires&signature: no Bearer, S3-style 403 once expired or tampered. */
    Reply file(String path, QueryParams q) {
        String name = path.substring(ROUTE.length());
        Supplier<Reply> body = files.get(name);
        if (body == null) return s3Error(404, "NoSuchKey", "The specified key does not exist.");
        Reply refused = refuseUnlessSigned(
                q, expires -> signature(name, expires), clock.get().millis());
        if (refused != null) return refused;
        return body.get();
    }

    private String signature(String name, long expires) {
        return hmacHex(signingKey, name + "?" + expires);
    }

    /**
     * The checks of a pre-signed link, S3's way (the per-coin export files and these): expires and signature present,
     * the signature the one {@code signatureFor} computes for that expiry, and not expired at {@code nowMillis}. Null
     * when the link is good, else the S3 error to answer.
     */
    static Reply refuseUnlessSigned(QueryParams q, LongFunction<String> signatureFor, long nowMillis) {
        long expires;
        try {
            expires = Long.parseLong(q.first("expires").orElse(""));
        } catch (NumberFormatException e) {
            return s3Error(
                    403, "AccessDenied", "Query-string authentication requires the expires and signature parameters");
        }
        boolean signed = MessageDigest.isEqual(
                signatureFor.apply(expires).getBytes(StandardCharsets.US_ASCII),
                q.first("signature").orElse("").getBytes(StandardCharsets.US_ASCII));
        if (!signed)
            return s3Error(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
        if (nowMillis > expires) return s3Error(403, "AccessDenied", "Request has expired");
        return null;
    }

    /** HMAC-SHA256 of {@code text} under {@code key}, hex. */
    static String hmacHex(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Errors of the file host are S3's XML, not the API's JSON. */
    static Reply s3Error(int status, String code, String message) {
        return Reply.text(
                status,
                "application/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>");
    }
}
