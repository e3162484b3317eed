package dev.hypertracker.mcp.briefs;

import dev.hypertracker.mcp.api.Pager;
import dev.hypertracker.mcp.digest.Summarizer;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.validation.ArgumentValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The brief tools (toolset {@code briefs}): one call answering the common question families about a coin, a cohort
 * or a wallet, built from the single tools' cached reads.
 */
public final class Briefs {

    /** What every brief shares with the endpoint tools: the same validator, pager (cache, coalescing), summarizer. */
    public record Context(
            ArgumentValidator validator,
            Pager pager,
            Summarizer summarizer,
            UpstreamStats stats,
            Duration callDeadline,
            boolean demo,
            Clock clock) {}

    private static final List<Brief<?>> ALL = List.of(new CoinBrief(), new CohortBrief(), new WalletBrief());

    private Briefs() {}

    /** The brief tools' names, in tool-list order. */
    public static List<String> names() {
        return ALL.stream().map(Brief::name).toList();
    }

    public static List<Tool> definitions() {
        return ALL.stream().map(BriefTool::definition).toList();
    }

    public static List<SyncToolSpecification> specifications(Context context) {
        return ALL.stream()
                .map(b -> new BriefTool<>(b, context).specification())
                .toList();
    }
}
