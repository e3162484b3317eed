package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.api.ApiException.Kind;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where an export's redirect may lead: only where export files live. https only (http only when the base URL
 * itself is http, as for the sandbox), never from https to http, no user info, and never to a loopback,
 * link-local or private address unless the base URL itself is in that same class (a local sandbox). Every
 * address the host resolves to is checked. A refusal is an {@link ApiException} and nothing is downloaded.
 */
public final class ExportRedirectPolicy {

    /** Where an address is. */
    enum Place {
        PUBLIC,
        LOOPBACK,
        LINK_LOCAL,
        PRIVATE
    }

    /** Resolves a host name (a seam for tests: the JDK resolver in production). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final URI base;
    private final Resolver resolver;

    ExportRedirectPolicy(URI base, Resolver resolver) {
        this.base = base;
        this.resolver = resolver;
    }

    public ExportRedirectPolicy(URI base) {
        this(base, InetAddress::getAllByName);
    }

    /** The file URL to fetch, or an ApiException saying why the redirect is refused. */
    public URI check(String tool, URI from, String location) {
        URI target;
        try {
            target = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw refused(tool, "an unreadable Location");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        boolean baseHttps = "https".equalsIgnoreCase(base.getScheme());
        if (!scheme.equals("https") && !(scheme.equals("http") && !baseHttps)) {
            throw refused(tool, scheme.equals("http") ? "a downgrade from https to http" : "a '" + scheme + "' URL");
        }
        if (target.getRawUserInfo() != null) throw refused(tool, "a URL with user info");
        String host = target.getHost();
        if (host == null || host.isEmpty()) throw refused(tool, "a URL without a host");
        Place allowed = placeOf(base.getHost());
        try {
            for (InetAddress a : resolver.resolve(host)) {
                Place p = place(a);
                if (p != Place.PUBLIC && p != allowed) {
                    throw refused(
                            tool,
                            "a " + p.name().toLowerCase(Locale.ROOT).replace('_', '-') + " address (" + host + ")");
                }
            }
        } catch (UnknownHostException e) {
            throw refused(tool, "a host that does not resolve (" + host + ")");
        }
        return target;
    }

    private Place placeOf(String host) {
        try {
            Place worst = Place.PUBLIC;
            for (InetAddress a : resolver.resolve(host)) {
                Place p = place(a);
                if (p != Place.PUBLIC) worst = p;
            }
            return worst;
        } catch (UnknownHostException e) {
            return Place.PUBLIC;
        }
    }

    static Place place(InetAddress a) {
        if (a.isLoopbackAddress()) return Place.LOOPBACK;
        if (a.isLinkLocalAddress()) return Place.LINK_LOCAL;
        byte[] b = a.getAddress();
        if (a.isSiteLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) return Place.PRIVATE;
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return Place.PRIVATE; // fc00::/7 unique local
            return Place.PUBLIC;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) return Place.PRIVATE; // 0.0.0.0/8: "this network"
        if (first == 100 && second >= 64 && second < 128) return Place.PRIVATE; // 100.64/10 carrier-grade NAT
        if (first == 198 && (second == 18 || second == 19)) return Place.PRIVATE; // benchmark nets
        return Place.PUBLIC;
    }

    private static ApiException refused(String tool, String why) {
        return new ApiException(
                Kind.REDIRECT_REFUSED,
                302,
                "The " + tool + " export redirected to " + why + "; this server "
                        + "downloads export files only over https from public addresses, so it refused and fetched nothing. If "
                        + "this keeps happening, HYPERTRACKER_BASE_URL may point at the wrong host.");
    }
}
