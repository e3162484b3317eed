package dev.hypertracker.mcp.bench;

import dev.hypertracker.mcp.sandbox.Fault;
import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import java.time.Duration;
import java.util.List;

/**
 * The upstream of bench/soak.sh: the sandbox at its default scale on loopback, with a fault armed on the market
 * overview route every second, in turn: 503, 500, 429 with Retry-After, a body that is not JSON, a body cut off
 * mid-transfer, JSON that ends early, and a 3 s delay. Prints "BASE_URL TOKEN" on the first stdout line and runs
 * until its stdin closes.
 */
public final class SoakSandbox {
    static final String FAULTY_ROUTE = "/api/external/position-metrics/general";
    static final List<Fault> FAULTS = List.of(
            Fault.status(503),
            Fault.status(500),
            Fault.rateLimited(1, true),
            Fault.malformedBody(),
            Fault.truncatedBody(),
            Fault.truncatedJson(),
            Fault.delay(Duration.ofSeconds(3)));

    private SoakSandbox() {}

    public static void main(String[] args) throws Exception {
        try (SandboxServer sandbox =
                SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            System.out.println(sandbox.baseUrl() + " " + sandbox.token());
            System.out.flush();
            Thread faults = new Thread(
                    () -> {
                        for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                            sandbox.faults().on(FAULTY_ROUTE, FAULTS.get(i % FAULTS.size()));
                            try {
                                Thread.sleep(1000);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "fault-schedule");
            faults.setDaemon(true);
            faults.start();
            while (System.in.read() >= 0) {
                // until the script closes our stdin
            }
            faults.interrupt();
        }
    }
}
