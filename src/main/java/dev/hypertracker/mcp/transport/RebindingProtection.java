package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives the allowed {@code Origin} and {@code Host} values from the bound address, against DNS rebinding:
 * a page on an attacker's domain that resolves to 127.0.0.1 sends its own Origin and Host, and is refused.
 * <ul>
 *   <li>loopback bind: the loopback names ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) with the bound port;</li>
 *   <li>a specific address: that address with the bound port;</li>
 *   <li>wildcard bind ({@code 0.0.0.0}, {@code ::}): clients may use any name of the machine, so Host is only
 *       checked when extra hosts are configured; Origin still is (the bearer token, required there, is the guard).</li>
 * </ul>
 * Configured extras are added in every case. A request without Origin (any non-browser client) passes.
 */
final class RebindingProtection {
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    private RebindingProtection() {}

    static DefaultServerTransportSecurityValidator validator(
            InetAddress boundAddress,
            String configuredHost,
            int port,
            List<String> extraOrigins,
            List<String> extraHosts) {
        Set<String> names = new LinkedHashSet<>();
        if (boundAddress.isLoopbackAddress() || boundAddress.isAnyLocalAddress()) {
            names.addAll(LOOPBACK_NAMES);
        }
        if (!boundAddress.isAnyLocalAddress()) {
            names.add(hostLiteral(configuredHost, boundAddress));
        }
        List<String> origins = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String name : names) {
            origins.add("http://" + name + ":" + port);
            hosts.add(name + ":" + port);
        }
        origins.addAll(extraOrigins);
        hosts.addAll(extraHosts);
        boolean checkHost = !boundAddress.isAnyLocalAddress() || !extraHosts.isEmpty();
        return DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(origins)
                .allowedHosts(checkHost ? hosts : List.of())
                .build();
    }

    /** The name as it appears in a URL authority: IPv6 literals in brackets. */
    static String hostLiteral(String configuredHost, InetAddress address) {
        boolean bareIpv6 = address instanceof Inet6Address && !configuredHost.startsWith("[");
        return bareIpv6 && configuredHost.contains(":") ? "[" + configuredHost + "]" : configuredHost;
    }
}
