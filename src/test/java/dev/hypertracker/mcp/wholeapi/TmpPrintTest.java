package dev.hypertracker.mcp.wholeapi;

import dev.hypertracker.mcp.support.SandboxHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TmpPrintTest {
    @Test
    void print() throws Exception {
        try (SandboxHarness h = SandboxHarness.start()) {
            StringBuilder out = new StringBuilder();
            for (var c : new Object[][] {
                {"get_biggest_positions", Map.of()},
                {"get_pnl_leaderboard", Map.of()},
                {"get_all_pnl_leaderboard", Map.of("rankBy", "pnlAllTime", "orderBy", "pnlAllTime", "order", "desc")},
                {"list_hype_holders", Map.of()},
                {"list_wallets", Map.of()},
                {"export_open_positions", Map.of("coin", "btc")},
                {"get_open_positions_history", Map.of("coin", "BTC", "maxPages", 2)},
            }) {
                @SuppressWarnings("unchecked")
                var r = h.call((String) c[0], (Map<String, Object>) c[1]);
                out.append("=== ")
                        .append(c[0])
                        .append(" error=")
                        .append(r.isError())
                        .append('\n');
                out.append(SandboxHarness.text(r)).append('\n');
                out.append(r.structuredContent()).append("\n\n");
            }
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/x/out.txt"), out);
        }
    }
}
