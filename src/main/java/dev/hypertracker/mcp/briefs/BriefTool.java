package dev.hypertracker.mcp.briefs;

import dev.hypertracker.mcp.api.ApiException;
import dev.hypertracker.mcp.api.Deadline;
import dev.hypertracker.mcp.digest.TokenCounter;
import dev.hypertracker.mcp.digest.UpstreamBodyException;
import dev.hypertracker.mcp.toolresults.ToolResults;
import dev.hypertracker.mcp.validation.InvalidArgumentException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP glue of one brief: validate the subject and budget (no request on any error), build the sections from the
 * brief's reads with a progress notification after each, fit the result to the token budget by shortening the
 * longest lists (saying what was cut), answer with text + structuredContent.
 */
final class BriefTool<S> {
    private static final Logger log = LoggerFactory.getLogger(BriefTool.class);
    static final String MAX_TOKENS = "maxTokens";
    static final int DEFAULT_MAX_TOKENS = 5_000;
    static final int MIN_MAX_TOKENS = 2_000;
    static final int MAX_MAX_TOKENS = 20_000;
    static final String SYNTHETIC_NOTE =
            "SYNTHETIC DEMO DATA from the embedded sandbox (--demo), not real market data.";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Brief<S> brief;
    private final Briefs.Context context;

    BriefTool(Brief<S> brief, Briefs.Context context) {
        this.brief = brief;
        this.context = context;
    }

    static Tool definition(Brief<?> brief) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(brief.subjectArgument(), brief.subjectSchema());
        properties.put(
                MAX_TOKENS,
                Map.of(
                        "type",
                        "integer",
                        "minimum",
                        MIN_MAX_TOKENS,
                        "maximum",
                        MAX_MAX_TOKENS,
                        "default",
                        DEFAULT_MAX_TOKENS,
                        "description",
                        "Token budget of the whole result; longer lists are shortened, saying what was cut."));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "object");
        input.put("properties", properties);
        input.put("required", List.of(brief.subjectArgument()));
        input.put("additionalProperties", false);
        return Tool.builder(brief.name(), input)
                .title(brief.title())
                .description(brief.description())
                .outputSchema(outputSchema(brief))
                .annotations(ToolResults.readsTheApi())
                .build();
    }

    private static Map<String, Object> outputSchema(Brief<?> brief) {
        Map<String, Object> object = Map.of("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(brief.subjectArgument(), typeOf(brief));
        properties.put("name", Map.of("type", "string"));
        properties.put("sections", Map.of("type", "object", "additionalProperties", object));
        properties.put("reads", object);
        properties.put("omitted", Map.of("type", "array", "items", Map.of("type", "string")));
        properties.put("synthetic", Map.of("type", "boolean"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("required", List.of(brief.subjectArgument(), "sections", "reads"));
        schema.put("properties", properties);
        return schema;
    }

    /** The subject as structuredContent carries it: a cohort as its id, the others as text. */
    private static Map<String, Object> typeOf(Brief<?> brief) {
        return Map.of("type", brief.subjectArgument().equals("segmentId") ? "integer" : "string");
    }

    SyncToolSpecification specification() {
        return SyncToolSpecification.builder()
                .tool(definition(brief))
                .callHandler(this::call)
                .build();
    }

    CallToolResult call(McpSyncServerExchange exchange, CallToolRequest request) {
        try {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            for (String name : args.keySet()) {
                if (!name.equals(brief.subjectArgument()) && !name.equals(MAX_TOKENS))
                    throw new InvalidArgumentException(
                            name,
                            "is not an argument of " + brief.name() + "; it takes " + brief.subjectArgument() + " and "
                                    + MAX_TOKENS + ".");
            }
            Object raw = args.get(brief.subjectArgument());
            if (raw == null) throw new InvalidArgumentException(brief.subjectArgument(), "is required.");
            S subject = brief.subject(raw);
            int maxTokens = maxTokens(args.get(MAX_TOKENS));
            Object token = ToolResults.progressToken(request);
            BriefUpstream upstream = new BriefUpstream(
                    context,
                    Deadline.after(context.callDeadline(), context.clock()),
                    brief.plannedReads(),
                    (done, planned, tool) -> ToolResults.progress(
                            exchange,
                            token,
                            done,
                            planned,
                            "Read " + done + " of up to " + planned + " (" + tool + ")"));
            List<BriefSection> sections = brief.sections(subject, upstream);
            context.stats().toolCall(false);
            return result(subject, fit(sections, subject, upstream, maxTokens), upstream);
        } catch (InvalidArgumentException e) {
            context.stats().toolCall(true);
            return error("Invalid argument " + e.getMessage() + " No request was sent to HyperTracker.");
        } catch (ApiException e) {
            context.stats().toolCall(true);
            log.warn("{} failed: {}", brief.name(), e.getMessage());
            return error(e.getMessage());
        } catch (UpstreamBodyException e) {
            context.stats().toolCall(true);
            log.warn("{}: {}", brief.name(), e.getMessage());
            return error(e.getMessage());
        } catch (RuntimeException e) {
            context.stats().toolCall(true);
            log.error("{} failed unexpectedly", brief.name(), e);
            return error("Internal error in " + brief.name() + " ("
                    + e.getClass().getSimpleName() + "). The server keeps running; try again.");
        }
    }

    private static int maxTokens(Object raw) {
        if (raw == null) return DEFAULT_MAX_TOKENS;
        long v;
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) v = n.longValue();
        else if (raw instanceof String s && s.matches("\\d{1,9}")) v = Long.parseLong(s);
        else throw new InvalidArgumentException(MAX_TOKENS, "must be a whole number; got " + shown(raw) + ".");
        if (v < MIN_MAX_TOKENS || v > MAX_MAX_TOKENS)
            throw new InvalidArgumentException(
                    MAX_TOKENS, "must be " + MIN_MAX_TOKENS + " to " + MAX_MAX_TOKENS + "; got " + v + ".");
        return (int) v;
    }

    static String shown(Object raw) {
        String s = String.valueOf(raw).replaceAll("\\p{Cntrl}", " ");
        return '"' + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + '"';
    }

    /** The sections within the budget: the longest shown list loses a quarter of its items (at least one) until it fits. */
    private List<BriefSection> fit(List<BriefSection> sections, S subject, BriefUpstream upstream, int maxTokens) {
        List<BriefSection> fitted = new ArrayList<>(sections);
        while (charged(subject, fitted, upstream) > maxTokens) {
            int longest = -1;
            for (int i = 0; i < fitted.size(); i++) {
                if (fitted.get(i).itemsShown() > 0
                        && (longest < 0
                                || fitted.get(i).itemsShown()
                                        > fitted.get(longest).itemsShown())) longest = i;
            }
            if (longest < 0) break; // only the always-shown lines are left
            BriefSection s = fitted.get(longest);
            fitted.set(longest, s.showing(s.itemsShown() - Math.max(1, s.itemsShown() / 4)));
        }
        return fitted;
    }

    private int charged(S subject, List<BriefSection> sections, BriefUpstream upstream) {
        return TokenCounter.charged(
                text(subject, sections, upstream), JSON.writeValueAsString(structured(subject, sections, upstream)));
    }

    private String text(S subject, List<BriefSection> sections, BriefUpstream upstream) {
        StringBuilder b = new StringBuilder();
        if (context.demo()) b.append(SYNTHETIC_NOTE).append('\n');
        b.append(brief.headline(subject)).append('\n');
        sections.forEach(s -> b.append(s.text()));
        b.append("Reads: ")
                .append(upstream.tools().size())
                .append(" (")
                .append(upstream.fromCache())
                .append(" from this server's cache): ")
                .append(String.join(", ", upstream.tools()))
                .append('.');
        return b.toString();
    }

    private Map<String, Object> structured(S subject, List<BriefSection> sections, BriefUpstream upstream) {
        Map<String, Object> m = new LinkedHashMap<>(brief.subjectFields(subject));
        Map<String, Object> bySection = new LinkedHashMap<>();
        sections.forEach(s -> bySection.put(s.key(), s.structured()));
        m.put("sections", bySection);
        m.put("reads", Map.of("tools", upstream.tools(), "fromCache", upstream.fromCache()));
        List<String> omitted = sections.stream()
                .filter(s -> s.cut() > 0)
                .sorted(Comparator.comparing(BriefSection::key))
                .map(s -> s.key() + ": " + s.cut() + " " + s.itemsKey() + " not shown")
                .toList();
        if (!omitted.isEmpty()) m.put("omitted", omitted);
        if (context.demo()) m.put("synthetic", true);
        return m;
    }

    private CallToolResult result(S subject, List<BriefSection> sections, BriefUpstream upstream) {
        return CallToolResult.builder()
                .addTextContent(text(subject, sections, upstream))
                .structuredContent(structured(subject, sections, upstream))
                .build();
    }

    private static CallToolResult error(String message) {
        return ToolResults.error(message);
    }
}
