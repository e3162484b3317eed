package dev.hypertracker.mcp.transport;

/**
 * Serves the {@link TestAssembly} for trying real clients and the load benchmark by hand:
 * {@code TestServerMain <stdio|http|sse|both|stateless> [port] [token]}. For HTTP kinds it prints
 * {@code READY <baseUrl>} on stdout and serves until SIGTERM/Ctrl-C.
 */
public final class TestServerMain {
    private TestServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        String kinds = args.length > 0 ? args[0] : "http";
        TestAssembly assembly = new TestAssembly();
        if (kinds.equals("stdio")) {
            StdioTransport.run(assembly);
            return;
        }
        HttpTransportConfig config = HttpTransportConfig.defaults()
                .withKinds(TransportKind.parseList(kinds))
                .withPort(args.length > 1 ? Integer.parseInt(args[1]) : 0)
                .withAuthToken(args.length > 2 ? args[2] : null);
        HttpTransportServer server = HttpTransportServer.start(config, assembly, assembly);
        System.out.println("READY " + server.baseUrl());
        System.out.flush();
        server.join();
    }
}
