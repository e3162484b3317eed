package dev.hypertracker.mcp.completions;

import dev.hypertracker.mcp.api.CoinDirectory;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;
import dev.hypertracker.mcp.resources.ReferenceResources;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.spec.McpSchema.CompleteReference;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult.CompleteCompletion;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ResourceReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Completions for prompt and resource-template arguments: coin (from the live coin list, cached), segmentId
 * (ids and cohort names), sizeBucketId (ids and ranges).
 */
public final class ArgumentCompletions {
    /** MCP caps a completion answer at 100 values. */
    static final int MAX_VALUES = 100;

    private final CoinDirectory coins;

    public ArgumentCompletions(CoinDirectory coins) {
        this.coins = coins;
    }

    public List<SyncCompletionSpecification> specifications() {
        List<CompleteReference> refs = List.of(
                new PromptReference("coin_positioning_brief"),
                new PromptReference("what_changed"),
                new PromptReference("liquidation_risk_scan"),
                new ResourceReference(ReferenceResources.COINS + "/{coin}"),
                new ResourceReference(ReferenceResources.COHORTS + "/{segmentId}"));
        return refs.stream()
                .map(ref -> new SyncCompletionSpecification(ref, (exchange, request) -> complete(request)))
                .toList();
    }

    CompleteResult complete(CompleteRequest request) {
        String name = request.argument().name();
        String prefix =
                request.argument().value() == null ? "" : request.argument().value();
        Stream<String> candidates = switch (name) {
            case "coin" -> coins.coins().stream();
            case "segmentId" ->
                Cohort.inIdOrder().stream().flatMap(c -> Stream.of(Integer.toString(c.id()), c.displayName()));
            case "sizeBucketId" ->
                Arrays.stream(SizeBucket.values()).flatMap(b -> Stream.of(Integer.toString(b.id()), b.range()));
            default -> Stream.empty();
        };
        String p = prefix.toLowerCase(Locale.ROOT);
        List<String> all = new ArrayList<>(
                candidates.filter(v -> v.toLowerCase(Locale.ROOT).startsWith(p)).toList());
        List<String> shown = all.size() > MAX_VALUES ? all.subList(0, MAX_VALUES) : all;
        return new CompleteResult(new CompleteCompletion(List.copyOf(shown), all.size(), all.size() > MAX_VALUES));
    }
}
