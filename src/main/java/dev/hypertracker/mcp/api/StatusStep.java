package dev.hypertracker.mcp.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sorts answers: a 5xx is a failure (retried above), a 200 must parse as JSON (a malformed or truncated body is a
 * failure too), anything else goes up as it is (4xx worded by {@link ErrorMapper}, an export's redirect followed).
 */
final class StatusStep implements UpstreamStep {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public UpstreamResponse proceed(UpstreamCall call, Chain next) {
        UpstreamResponse r = next.proceed(call);
        if (r.status() >= 500) throw new UpstreamFailure(UpstreamFailure.Kind.SERVER_ERROR, r);
        if (r.status() == 200) return r.json() != null ? r : r.withJson(parse(r));
        return r;
    }

    /** The body's tree: parsed already by the transport as it streamed, else parsed from its bytes here. */
    static JsonNode parse(UpstreamResponse r) {
        if (r.json() != null) return r.json();
        try {
            if (!GzipBodies.isGzip(r.body())) return JSON.readTree(r.body());
            // bytes a test transport held whole: inflated within the largest body a real transport admits
            return JSON.readTree(GzipBodies.decoded(
                    new ByteArrayInputStream(r.body()), JdkTransport.MAX_INFLATED_BYTES, inflated -> {}));
        } catch (JacksonException | IOException e) {
            if (e.getCause() instanceof Transport.BodyTooLargeException tooLarge) throw UpstreamFailure.of(tooLarge);
            if (e instanceof Transport.BodyTooLargeException tooLarge) throw UpstreamFailure.of(tooLarge);
            throw new UpstreamFailure(UpstreamFailure.Kind.MALFORMED, r, 1, e);
        }
    }
}
