package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Param;
import dev.hypertracker.mcp.support.SandboxHarness;
import dev.hypertracker.mcp.validation.ToolArguments;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated corpus of malformed tool calls: every one must come back as a clear isError result naming the
 * argument, no request may reach the upstream, and the server must keep serving.
 */
class HostileInputTest {
    static SandboxHarness harness;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** A malformed call and the argument its error must name. */
    record BadCall(String tool, Map<String, Object> args, String argument) {}

    static final List<Object> BAD_COINS = List.of(
            "../segments",
            "..%2F..%2Fsegments",
            "BTC/../../segments",
            "BTC?limit=1",
            "BTC&open=true",
            "BTC#frag",
            "BTC\n",
            "BTC\u0000",
            "ＢＴＣ",
            "\uD83D\uDE00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "",
            " ",
            "BTC ETH",
            "a".repeat(100_000),
            "xyz:",
            ":GOLD",
            "XYZ:GOLD:X",
            "%2e%2e",
            42,
            true,
            List.of("BTC"),
            Map.of("a", 1));
    static final List<Object> BAD_INTS =
            List.of(0, -1, 1_000_000_000_000L, 1.5, "ten", "", true, List.of(1), Map.of(), "1e3", Double.NaN);
    static final List<Object> BAD_TIMES = List.of(
            "0000-01-01",
            "9999-12-31T00:00:00Z",
            "2026-13-45",
            "1700000000000",
            "now",
            "",
            "yesterday",
            1_700_000_000_000L,
            "2026-02-30T00:00:00Z",
            "2026-01-01T25:00:00Z",
            "2024-12-31",
            List.of());
    static final List<Object> BAD_ADDRESSES = List.of(
            "0x123",
            "0xZZ",
            "0x" + "a".repeat(39) + "&coin=ETH",
            "../../etc/passwd",
            List.of(),
            List.of("0x" + "a".repeat(40), 5),
            java.util.Collections.nCopies(51, "0x" + "b".repeat(40)),
            7,
            Map.of());
    static final List<Object> BAD_CURSORS = List.of("has space", "a\nb", "x".repeat(3000), 5, List.of("c"), "?&=#");

    static List<Object> notLists(List<Object> values) {
        return values.stream().filter(v -> !(v instanceof List<?>)).toList();
    }

    static List<BadCall> corpus() {
        List<BadCall> calls = new ArrayList<>();
        for (Endpoint e : Catalog.endpoints()) {
            Map<String, Object> valid = validArgs(e);
            List<Param> hostile = new ArrayList<>(e.params());
            ToolArguments.forEndpoint(e).stream()
                    .filter(p -> p.kind() == dev.hypertracker.mcp.catalog.ParamKind.COIN_LIST
                            || p.kind() == dev.hypertracker.mcp.catalog.ParamKind.COHORT_LIST)
                    .forEach(hostile::add);
            for (Param p : hostile) {
                List<Object> bad = switch (p.kind()) {
                    case COIN -> BAD_COINS;
                    // a list of one valid entry is a valid focus list
                    case COIN_LIST -> notLists(BAD_COINS);
                    case COHORT_LIST -> notLists(withRange(BAD_INTS, 17, 99));
                    case INTEGER -> outside(withRange(BAD_INTS, p.min() - 1, p.max() + 1), p.min(), p.max());
                    case COHORT -> withRange(BAD_INTS, 17, 99);
                    case SIZE_BUCKET -> withRange(BAD_INTS, 11, -3);
                    case DATETIME -> BAD_TIMES;
                    case ADDRESS_LIST -> BAD_ADDRESSES;
                    // one address only: a list, even of one, is refused too
                    case ADDRESS -> concat(BAD_ADDRESSES, List.of(List.of("0x" + "a".repeat(40))));
                    case BOOLEAN -> List.of("maybe", 1, "yes", List.of(true), Map.of());
                    case ENUM -> List.of("1y", "al l", 7, "", "24H;DROP");
                    case CURSOR -> BAD_CURSORS;
                    case FIELD_LIST -> List.of();
                };
                for (Object v : bad) calls.add(call(e, valid, p.name(), v));
            }
            // words that match no cohort / bucket
            for (Param p : e.params()) {
                if (p.kind() == dev.hypertracker.mcp.catalog.ParamKind.COHORT) {
                    for (String w : List.of("krakens", "whale whale", "Smart-Money-9", "\u202Ewhale"))
                        calls.add(call(e, valid, p.name(), w));
                }
                if (p.kind() == dev.hypertracker.mcp.catalog.ParamKind.SIZE_BUCKET) {
                    for (String w : List.of("$3k-$4k", "huge", "10k-25")) calls.add(call(e, valid, p.name(), w));
                }
            }
            // the server-side tool arguments
            calls.add(call(e, valid, ToolArguments.DETAIL, "everything"));
            calls.add(call(e, valid, ToolArguments.MAX_TOKENS, 10));
            calls.add(call(e, valid, ToolArguments.MAX_TOKENS, 1_000_000));
            calls.add(call(e, valid, ToolArguments.MAX_ROWS, 0));
            calls.add(call(e, valid, ToolArguments.FIELDS, List.of("a b")));
            calls.add(call(e, valid, ToolArguments.FIELDS, "coin;drop"));
            calls.add(call(e, valid, ToolArguments.FRESH, "sometimes"));
            // unknown fields
            for (String unknown : List.of(
                    "foo", "__proto__", "coin ", "cursor", "orderBy", "x".repeat(5000), "segment_id", "\u0000")) {
                if (e.param(unknown).isPresent()) continue;
                calls.add(call(e, valid, unknown, 1));
            }
        }
        return calls;
    }

    /** Drops the whole numbers that happen to be valid for this parameter (e.g. 0 for offset). */
    private static List<Object> outside(List<Object> values, long min, long max) {
        return values.stream()
                .filter(v -> !((v instanceof Integer || v instanceof Long)
                        && ((Number) v).longValue() >= min
                        && ((Number) v).longValue() <= max))
                .toList();
    }

    private static List<Object> withRange(List<Object> base, long below, long above) {
        List<Object> out = new ArrayList<>(base);
        out.add(below);
        out.add(above);
        return out;
    }

    private static BadCall call(Endpoint e, Map<String, Object> valid, String name, Object value) {
        Map<String, Object> args = new HashMap<>(valid);
        args.put(name, value);
        return new BadCall(e.tool(), args, name.length() > 40 ? name.substring(0, 40) : name);
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Arguments that make a valid call, so only the one bad argument is wrong. */
    static Map<String, Object> validArgs(Endpoint e) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (Param p : e.params()) {
            if (!p.required()) continue;
            switch (p.kind()) {
                case COIN -> args.put(p.name(), "BTC");
                case COHORT -> args.put(p.name(), 9);
                case SIZE_BUCKET -> args.put(p.name(), 3);
                case ADDRESS -> args.put(p.name(), "0x" + "a".repeat(40));
                case ENUM -> args.put(p.name(), p.choices().get(0));
                case DATETIME -> args.put(p.name(), "2025-06-01");
                default -> throw new IllegalStateException("no valid sample for " + p);
            }
        }
        return args;
    }

    @Test
    void everyMalformedCallIsAClearToolErrorAndNothingReachesTheUpstream() {
        List<BadCall> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);
        harness.sandbox().requestLog().clear();
        for (BadCall bad : corpus) {
            CallToolResult r = harness.call(bad.tool(), bad.args());
            String text = ((TextContent) r.content().get(0)).text();
            assertThat(r.isError()).as(bad + " → " + text).isTrue();
            assertThat(text)
                    .as(bad.toString())
                    .startsWith("Invalid argument ")
                    .contains(bad.argument().replace("\u0000", ""))
                    .containsAnyOf("Allowed", "allowed");
            assertThat(text.length()).as("error stays short: " + bad).isLessThan(1_500);
        }
        assertThat(harness.sandbox().requestLog().entries())
                .as("upstream requests caused by malformed calls")
                .isEmpty();
        // and the server still serves
        assertThat(harness.call("list_cohorts", Map.of()).isError()).isNotEqualTo(Boolean.TRUE);
    }
}
