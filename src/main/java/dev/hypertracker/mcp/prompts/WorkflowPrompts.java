package dev.hypertracker.mcp.prompts;

import static dev.hypertracker.mcp.validation.ArgumentValidator.ADDRESS;
import static dev.hypertracker.mcp.validation.ArgumentValidator.COIN;

import dev.hypertracker.mcp.catalog.Cohort;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prompts for the workflows users run. Each names the tools it expects and keeps to a frugal number of API
 * requests (stated in the prompt), since every request costs the user quota.
 */
public final class WorkflowPrompts {

    /** A prompt: its declaration and how its text is made from the arguments. */
    record WorkflowPrompt(Prompt prompt, Function<Map<String, Object>, String> text) {}

    private WorkflowPrompts() {}

    static List<WorkflowPrompt> all() {
        return List.of(
                new WorkflowPrompt(
                        prompt(
                                "coin_positioning_brief",
                                "Positioning brief for a coin",
                                "How each cohort is positioned on one coin, its trend, and its liquidation risk (about 4 API requests).",
                                List.of(argument("coin", "Coin symbol, e.g. BTC or xyz:GOLD", true))),
                        a -> {
                            String coin = coin(a);
                            return "Write a positioning brief for " + coin
                                    + " on Hyperliquid. Use at most 4 tool calls:\n"
                                    + "1. get_positions_heatmap (default arguments): the " + coin
                                    + " row: which cohorts lean long or short, with their value and bias.\n"
                                    + "2. get_coin_position_metrics coin=" + coin
                                    + ": how open value, long share, unrealized PnL and funding moved over 24h.\n"
                                    + "3. get_coin_segment_metrics coin=" + coin
                                    + " segmentId=\"Smart Money\": is smart money adding or cutting.\n"
                                    + "4. export_liquidation_heatmap coin=" + coin
                                    + ": price zones with the most liquidation value.\n"
                                    + "Report size cohorts and PnL cohorts separately (never add the two axes). Quote exact figures "
                                    + "with units and timestamps, and end with a 3-line summary.";
                        }),
                new WorkflowPrompt(
                        prompt(
                                "smart_vs_rekt_divergence",
                                "Smart money vs rekt divergence",
                                "Coins where profitable cohorts and losing cohorts lean opposite ways (1 API request).",
                                List.of(argument("top", "How many coins to report (default 10)", false))),
                        a -> "Call get_positions_heatmap once (top=" + top(a)
                                + "). From its divergences, list the coins where the "
                                + "profitable PnL cohorts (Money Printer, Smart Money, Grinder) lean the opposite way to the rekt "
                                + "cohorts (Exit Liquidity, Semi-Rekt, Full Rekt, Giga-Rekt), with each side's value-weighted bias "
                                + "and value. Rank by the size of the disagreement and say which side is larger in value. "
                                + "Do not add size cohorts and PnL cohorts together."),
                new WorkflowPrompt(
                        prompt(
                                "liquidation_risk_scan",
                                "Liquidation risk scan",
                                "Which coins have the most open interest near liquidation for a cohort (2 API requests).",
                                List.of(argument("segmentId", "Cohort id or name (default Whale)", false))),
                        a -> {
                            String cohort = cohort(a);
                            return "Scan liquidation risk for the " + cohort
                                    + " cohort. 1) get_liquidation_risk_by_asset segmentId="
                                    + cohort
                                    + " limit=50: rank coins by percentRisk and by riskValue (dollars at risk matter more "
                                    + "than percent on small coins). 2) For the coin with the largest riskValue, call "
                                    + "export_liquidation_heatmap to show the price bins holding most liquidation value and the "
                                    + "most impacted cohort. Give exact numbers with units; at most 2 tool calls.";
                        }),
                new WorkflowPrompt(
                        prompt(
                                "wallet_deep_dive",
                                "Wallet deep dive",
                                "One wallet's open and recent closed positions, cohorts, leverage and risk (1-2 API requests).",
                                List.of(argument("address", "Wallet address, 0x + 40 hex", true))),
                        a -> {
                            String address = address(a);
                            return "Analyse wallet " + address + ". 1) list_positions address=" + address
                                    + " open=true: its open "
                                    + "positions by value, side, leverage, liquidation distance, unrealized PnL and funding, and its "
                                    + "size and PnL cohorts. 2) list_positions address=" + address + " open=false "
                                    + "start=<30 days ago, ISO 8601> sortBy=pnl: its recent closed trades and realized style. "
                                    + "Summarise its positioning and risk in 5 bullet points.";
                        }),
                new WorkflowPrompt(
                        prompt(
                                "what_changed",
                                "What changed for a coin",
                                "How positioning in one coin changed over the last N hours (2 API requests).",
                                List.of(
                                        argument("coin", "Coin symbol, e.g. ETH", true),
                                        argument("hours", "Look-back in hours, 1-720 (default 24)", false))),
                        a -> {
                            String coin = coin(a);
                            int hours = hours(a);
                            return "What changed in " + coin + " positioning over the last " + hours + " hours? Use "
                                    + "get_coin_position_metrics coin=" + coin + " start=<now minus " + hours
                                    + "h, ISO 8601 UTC> "
                                    + "and get_coin_segment_metrics with the same window for segmentId=\"Smart Money\". Report the "
                                    + "change and changePct of open value, long value share, position counts, unrealized PnL and "
                                    + "funding, from the digests' stats (first = oldest point). At most 2 tool calls.";
                        }));
    }

    public static List<SyncPromptSpecification> specifications() {
        return all().stream()
                .map(w -> new SyncPromptSpecification(
                        w.prompt(),
                        (exchange, request) -> GetPromptResult.builder(List.of(new PromptMessage(
                                        Role.USER,
                                        TextContent.builder(w.text()
                                                        .apply(
                                                                request.arguments() == null
                                                                        ? Map.of()
                                                                        : request.arguments()))
                                                .build())))
                                .description(w.prompt().description())
                                .build()))
                .toList();
    }

    private static Prompt prompt(String name, String title, String description, List<PromptArgument> arguments) {
        return Prompt.builder(name)
                .title(title)
                .description(description)
                .arguments(arguments)
                .build();
    }

    private static PromptArgument argument(String name, String description, boolean required) {
        return PromptArgument.builder(name)
                .description(description)
                .required(required)
                .build();
    }

    private static String coin(Map<String, Object> a) {
        Object v = a.get("coin");
        if (v instanceof String s && COIN.matcher(s.trim()).matches()) return s.trim();
        throw invalid("coin must be a coin symbol such as BTC, kPEPE or xyz:GOLD");
    }

    private static String address(Map<String, Object> a) {
        Object v = a.get("address");
        if (v instanceof String s && ADDRESS.matcher(s.trim()).matches())
            return s.trim().toLowerCase();
        throw invalid("address must be a wallet address: 0x followed by 40 hex digits");
    }

    private static String cohort(Map<String, Object> a) {
        Object v = a.get("segmentId");
        if (v == null || v.toString().isBlank()) return "Whale";
        String s = v.toString().trim();
        Cohort c = Cohort.parse(s)
                .orElseThrow(() -> invalid("segmentId must be a cohort id 1-16 or a name such as \"Smart Money\""));
        return "\"" + c.displayName() + "\"";
    }

    private static int top(Map<String, Object> a) {
        return intArg(a, "top", 10, 1, 50);
    }

    private static int hours(Map<String, Object> a) {
        return intArg(a, "hours", 24, 1, 720);
    }

    private static int intArg(Map<String, Object> a, String name, int fallback, int min, int max) {
        Object v = a.get(name);
        if (v == null || v.toString().isBlank()) return fallback;
        try {
            int n = Integer.parseInt(v.toString().trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(name + " must be a whole number from " + min + " to " + max);
    }

    private static McpError invalid(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                .message(message)
                .build();
    }
}
