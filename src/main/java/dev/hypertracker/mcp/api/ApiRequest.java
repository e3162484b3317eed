package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.catalog.Endpoint;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One upstream GET, built only from validated values. Path values and query values are percent-encoded here,
 * so no argument can change the path, add a query parameter or smuggle a fragment.
 *
 * @param endpoint the endpoint called
 * @param path     the encoded path under the base URL (/api/external/…)
 * @param query    query parameters in order (a key may repeat, e.g. address)
 */
public record ApiRequest(Endpoint endpoint, String path, List<Map.Entry<String, String>> query) {

    public ApiRequest {
        query = List.copyOf(query);
    }

    /** Fills the endpoint's path template with the given (already validated) values. */
    public static ApiRequest of(
            Endpoint endpoint, Map<String, String> pathValues, List<Map.Entry<String, String>> query) {
        String path = endpoint.fullPathTemplate();
        for (var param : endpoint.pathParams()) {
            String value = pathValues.get(param.name());
            String placeholder = "{" + param.name() + "}";
            if (param.isPathSuffix()) {
                // a file-name variant: …-by-size-24h when given, …-by-size when not
                path = path.replace(placeholder, value == null ? "" : "-" + encode(value));
                continue;
            }
            if (value == null) throw new IllegalArgumentException("missing path value " + param.name());
            path = path.replace(placeholder, encode(value));
        }
        return new ApiRequest(endpoint, path, query);
    }

    /** The same request with one query parameter set (replacing any earlier value): for the next page. */
    public ApiRequest withQuery(String key, String value) {
        List<Map.Entry<String, String>> next = new ArrayList<>();
        for (var e : query) if (!e.getKey().equals(key)) next.add(e);
        if (value != null) next.add(Map.entry(key, value));
        return new ApiRequest(endpoint, path, next);
    }

    /** The path and query, e.g. /api/external/positions?coin=BTC&limit=1000: also the cache key. */
    public String pathAndQuery() {
        if (query.isEmpty()) return path;
        StringBuilder sb = new StringBuilder(path).append('?');
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) sb.append('&');
            sb.append(encode(query.get(i).getKey()))
                    .append('=')
                    .append(encode(query.get(i).getValue()));
        }
        return sb.toString();
    }

    public URI uri(URI baseUrl) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + pathAndQuery());
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters and ':' (kept for xyz:GOLD). */
    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == ':') {
                sb.append((char) c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
