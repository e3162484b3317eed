package dev.hypertracker.mcp.wholeapi;

import static dev.hypertracker.mcp.support.SandboxHarness.num;
import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hypertracker.mcp.sandbox.BuilderEndpoints;
import dev.hypertracker.mcp.sandbox.BuilderEndpoints.Builder;
import dev.hypertracker.mcp.sandbox.BuilderEndpoints.Fill;
import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, builders: every builder tool called through the server's tool path against the sandbox, the exact upstream
 * path and query checked, and the digest's figures compared with sums computed here from the sandbox's generated
 * builders, users and fills (not from the digest code).
 */
class BuilderToolsTest {

    static SandboxHarness harness;
    static BuilderEndpoints.Truth truth;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start();
        truth = new BuilderEndpoints.Truth(harness.sandbox().data());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void clearLog() {
        harness.sandbox().requestLog().clear();
    }

    /** Every call bypasses the response cache, so that each one reaches the sandbox and its request can be checked. */
    static CallToolResult call(String tool, Map<String, Object> args) {
        Map<String, Object> fresh = new LinkedHashMap<>(args);
        fresh.put("fresh", true);
        return harness.call(tool, fresh);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(CallToolResult r) {
        assertThat(r.isError()).as(text(r)).isNotEqualTo(Boolean.TRUE);
        return (Map<String, Object>) r.structuredContent();
    }

    /** The one API request (not a file download) the sandbox received. */
    static RequestLog.Entry onlyApiRequest() {
        List<RequestLog.Entry> api = harness.sandbox().requestLog().entries().stream()
                .filter(e -> e.path().startsWith("/api/external/"))
                .toList();
        assertThat(api).hasSize(1);
        return api.get(0);
    }

    static double dollars(long cents) {
        return cents / 100.0;
    }

    @Test
    void listBuildersRanksByRevenueWithTheChangeAgainstThePreviousPeriod() {
        Map<String, Object> s = ok(call("list_builders", Map.of("timeframe", "7d", "top", 50, "maxTokens", 20_000)));
        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo("/api/external/builders/list/timeframe/7d");
        assertThat(request.rawQuery()).isNull();
        // the 302 was followed to the file, without the token
        List<RequestLog.Entry> downloads = harness.sandbox().requestLog().entries().stream()
                .filter(e -> e.path().startsWith("/files/generated/builders/list-7d.json"))
                .toList();
        assertThat(downloads).hasSize(1);
        assertThat(downloads.get(0).bearerSent()).isFalse();

        Instant anchor = harness.sandbox().data().anchor();
        Instant weekAgo = anchor.minus(Duration.ofDays(7));
        Map<String, long[]> expected = new LinkedHashMap<>(); // revenue, revenuePrev (cents)
        long total = 0, totalPrev = 0;
        for (Builder b : truth.builders()) {
            long now = 0, prev = 0;
            for (Fill f : truth.allFills(b)) {
                if (f.time().isAfter(weekAgo)) now += f.builderFeeCents();
                else if (f.time().isAfter(weekAgo.minus(Duration.ofDays(7)))) prev += f.builderFeeCents();
            }
            expected.put(b.address(), new long[] {now, prev});
            total += now;
            totalPrev += prev;
        }
        assertThat(num(s.get("totalRevenue"))).isCloseTo(dollars(total), within(0.005));
        assertThat(num(s.get("totalRevenuePrev"))).isCloseTo(dollars(totalPrev), within(0.005));
        assertThat(num(s.get("revenueChangePct")))
                .isCloseTo(Math.round((total - totalPrev) * 10_000.0 / totalPrev) / 100.0, within(0.0001));
        assertThat(s).containsEntry("builders", (long) truth.builders().size());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) s.get("items");
        List<String> byRevenue = expected.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(items).extracting(i -> i.get("builder")).containsExactlyElementsOf(byRevenue);
        Map<String, Object> first = items.get(0);
        long[] t = expected.get(byRevenue.get(0));
        assertThat(num(first.get("revenueChange"))).isCloseTo(dollars(t[0] - t[1]), within(0.005));
        assertThat(num(first.get("revenueChangePct")))
                .isCloseTo(Math.round((t[0] - t[1]) * 10_000.0 / t[1]) / 100.0, within(0.0001));
        assertThat(text(call("list_builders", Map.of("timeframe", "7d")))).contains("change = revenue - revenuePrev");
    }

    @Test
    void allTimeListHasNoPreviousPeriodAndSaysSo() {
        Map<String, Object> s = ok(call("list_builders", Map.of("timeframe", "all")));
        long total = truth.builders().stream()
                .flatMap(b -> truth.allFills(b).stream())
                .mapToLong(Fill::builderFeeCents)
                .sum();
        assertThat(num(s.get("totalRevenue"))).isCloseTo(dollars(total), within(0.005));
        assertThat(s).doesNotContainKeys("totalRevenuePrev", "revenueChangePct");
        assertThat(onlyApiRequest().path()).isEqualTo("/api/external/builders/list/timeframe/all");
    }

    @Test
    void aProfileIsAskedByItsLowercaseAddressAndShowsTheApiFields() {
        Builder b = truth.builders().get(2);
        Map<String, Object> s = ok(call(
                "get_builder_profile",
                Map.of("builder", b.address().toUpperCase(Locale.ROOT).replace("0X", "0x"))));
        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo("/api/external/builders/" + b.address() + "/profile");
        assertThat(request.rawQuery()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> profile = (Map<String, Object>) s.get("profile");
        List<Fill> fills = truth.allFills(b);
        assertThat(num(profile.get("totalRevenue")))
                .isCloseTo(
                        dollars(fills.stream().mapToLong(Fill::builderFeeCents).sum()), within(0.005));
        assertThat(num(profile.get("totalUsers")))
                .isEqualTo(fills.stream().map(Fill::address).distinct().count());
        assertThat(profile).containsEntry("name", b.name()).containsEntry("address", b.address());
    }

    @Test
    void anUnknownBuilderIsTheApisNotFoundClearlySaid() {
        CallToolResult r = call("get_builder_profile", Map.of("builder", "0x" + "ab".repeat(20)));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).containsIgnoringCase("not found");
    }

    @Test
    void theRevenueFileIsSummedPerDayWithLastSevenAndThirtyDays() {
        Map<String, Object> s = ok(call("export_builders_revenue", Map.of()));
        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo("/api/external/builders/all-time-revenue");
        assertThat(request.rawQuery()).isNull();
        List<LocalDate> days = truth.days();
        long total = 0, last7 = 0, last30 = 0, peak = -1;
        for (int i = 0; i < days.size(); i++) {
            long day = 0;
            for (Builder b : truth.builders()) for (Fill f : truth.fills(b, days.get(i))) day += f.builderFeeCents();
            total += day;
            if (i >= days.size() - 7) last7 += day;
            if (i >= days.size() - 30) last30 += day;
            peak = Math.max(peak, day);
        }
        assertThat(s).containsEntry("points", (long) days.size());
        assertThat(num(s.get("totalRevenue"))).isCloseTo(dollars(total), within(0.005));
        assertThat(num(s.get("last7dRevenue"))).isCloseTo(dollars(last7), within(0.005));
        assertThat(num(s.get("last30dRevenue"))).isCloseTo(dollars(last30), within(0.005));
        @SuppressWarnings("unchecked")
        Map<String, Object> peakPoint = (Map<String, Object>) s.get("peak");
        assertThat(num(peakPoint.get("revenue"))).isCloseTo(dollars(peak), within(0.005));
        assertThat(s)
                .containsEntry(
                        "to",
                        days.get(days.size() - 1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                                .toString());
    }

    @Test
    void builderFillsSendTheDayAndEveryFilterAndSumTheFlowExactly() {
        Builder b = truth.builders().get(0);
        LocalDate day = truth.days().get(truth.days().size() - 2);
        String start = day + "T00:00:00.000Z";
        String end = day + "T23:59:59.999Z";
        Map<String, Object> s =
                ok(call("list_builder_fills", Map.of("builder", b.address(), "start", day.toString(), "end", end)));
        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo("/api/external/builders/" + b.address() + "/fills");
        assertThat(request.rawQuery()).isEqualTo("start=" + enc(start) + "&end=" + enc(end) + "&limit=1000");
        List<Fill> fills = truth.fills(b, day);
        assertThat(fills).isNotEmpty();
        assertThat(s).containsEntry("fills", (long) fills.size());
        assertThat(num(s.get("builderFees")))
                .isCloseTo(
                        dollars(fills.stream().mapToLong(Fill::builderFeeCents).sum()), within(0.005));
        double volume = fills.stream()
                .mapToDouble(f -> f.px().multiply(f.sz()).doubleValue())
                .sum();
        assertThat(num(s.get("volume"))).isCloseTo(volume, within(0.01));
        Set<String> traders = new HashSet<>();
        fills.forEach(f -> traders.add(f.address()));
        assertThat(s).containsEntry("traders", (long) traders.size());

        // every filter reaches the API in its own name, lists as repeated keys
        Fill one = fills.get(0);
        harness.sandbox().requestLog().clear();
        Map<String, Object> filtered = ok(call(
                "list_builder_fills",
                Map.of(
                        "builder", b.address(),
                        "start", start,
                        "coin", List.of(one.coin(), "ETH"),
                        "address", List.of(one.address()),
                        "fillType", one.fillType(),
                        "side", one.side().toLowerCase(Locale.ROOT),
                        "limit", 50)));
        assertThat(onlyApiRequest().rawQuery())
                .isEqualTo("start=" + enc(start) + "&coin=" + enc(one.coin()) + "&coin=ETH&address=" + one.address()
                        + "&fillType=" + one.fillType() + "&side=" + one.side() + "&limit=50");
        long matching = fills.stream()
                .filter(f -> List.of(one.coin(), "ETH").contains(f.coin()))
                .filter(f -> f.address().equals(one.address())
                        && f.fillType().equals(one.fillType())
                        && f.side().equals(one.side()))
                .count();
        assertThat(filtered).containsEntry("fills", matching);
    }

    @Test
    void builderFillsFollowTheCursorAcrossPages() {
        Builder b = truth.builders().get(0);
        LocalDate day = truth.days().get(truth.days().size() - 3);
        List<Fill> fills = truth.fills(b, day);
        assertThat(fills.size()).isGreaterThan(4);
        Map<String, Object> s = ok(call(
                "list_builder_fills",
                Map.of("builder", b.address(), "start", day.toString(), "limit", 2, "maxPages", 20)));
        int pages = (fills.size() + 1) / 2;
        assertThat(harness.sandbox().requestLog().count("/api/external/builders/{builder}/fills"))
                .isEqualTo(Math.min(pages, 20));
        if (pages <= 20) {
            assertThat(s).containsEntry("fills", (long) fills.size()).containsEntry("complete", true);
        }
    }

    @Test
    void builderUsersAreAskedWithTheApisNamesAndSummedOverThePage() {
        Builder b = truth.builders().get(1);
        Map<String, Object> s = ok(call(
                "list_builder_users",
                Map.of(
                        "builder",
                        b.address(),
                        "offset",
                        5,
                        "limit",
                        10,
                        "orderBy",
                        "builderfee",
                        "period",
                        "7d",
                        "order",
                        "DESC")));
        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo("/api/external/builders/" + b.address() + "/users");
        assertThat(request.rawQuery()).isEqualTo("offset=5&limit=10&order=desc&orderBy=builderFee&period=7d");
        List<BuilderEndpoints.UserRow> rows = BuilderEndpoints.userRows(truth, b, "7d").stream()
                .sorted(Comparator.comparingLong(BuilderEndpoints.UserRow::builderFeeCents)
                        .reversed()
                        .thenComparing(BuilderEndpoints.UserRow::address))
                .toList();
        List<BuilderEndpoints.UserRow> page = rows.subList(5, 15);
        assertThat(s)
                .containsEntry("usersFetched", 10L)
                .containsEntry("totalCount", (long) rows.size())
                .containsEntry("offset", 5L)
                .containsEntry("nextOffset", 15L);
        assertThat(num(s.get("builderFees")))
                .isCloseTo(
                        dollars(page.stream()
                                .mapToLong(BuilderEndpoints.UserRow::builderFeeCents)
                                .sum()),
                        within(0.005));
        assertThat(num(s.get("pnl")))
                .isCloseTo(
                        page.stream().mapToDouble(BuilderEndpoints.UserRow::pnl).sum(), within(0.01));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> users = (List<Map<String, Object>>) s.get("users");
        assertThat(users.get(0)).containsEntry("address", page.get(0).address()).containsEntry("rank", 6L);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyRequest() {
        String builder = truth.builders().get(0).address();
        String day = truth.days().get(truth.days().size() - 2).toString();
        Map<Map<String, Object>, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("tool", "get_builder_profile", "builder", "0x1234"), "builder");
        cases.put(Map.of("tool", "get_builder_profile", "builder", builder + "/../x"), "builder");
        cases.put(Map.of("tool", "get_builder_profile", "builder", List.of(builder, builder)), "builder");
        cases.put(Map.of("tool", "list_builders", "timeframe", "1y"), "timeframe");
        cases.put(Map.of("tool", "list_builder_fills", "builder", builder), "start");
        cases.put(
                Map.of("tool", "list_builder_fills", "builder", builder, "start", day, "end", day + "T23:59:59Z"), "");
        cases.put(
                Map.of(
                        "tool",
                        "list_builder_fills",
                        "builder",
                        builder,
                        "start",
                        day + "T12:00:00Z",
                        "end",
                        LocalDate.parse(day).plusDays(1) + "T01:00:00Z"),
                "is not on start's UTC day");
        cases.put(
                Map.of("tool", "list_builder_fills", "builder", builder, "start", day, "fillType", "futures"),
                "fillType");
        cases.put(Map.of("tool", "list_builder_fills", "builder", builder, "start", day, "side", "buy"), "side");
        cases.put(Map.of("tool", "list_builder_fills", "builder", builder, "start", day, "limit", 1001), "limit");
        cases.put(Map.of("tool", "list_builder_users", "builder", builder, "orderBy", "fees"), "orderBy");
        cases.put(Map.of("tool", "list_builder_users", "builder", builder, "limit", 501), "limit");
        for (var c : cases.entrySet()) {
            Map<String, Object> args = new LinkedHashMap<>(c.getKey());
            String tool = (String) args.remove("tool");
            CallToolResult r = call(tool, args);
            if (c.getValue().isEmpty()) {
                assertThat(r.isError()).as("%s %s", tool, args).isNotEqualTo(Boolean.TRUE); // same day: fine
                harness.sandbox().requestLog().clear();
                continue;
            }
            assertThat(r.isError()).as("%s %s", tool, args).isTrue();
            assertThat(text(r)).contains(c.getValue()).contains("No request was sent");
            assertThat(harness.sandbox().requestLog().entries())
                    .as("%s %s", tool, args)
                    .isEmpty();
        }
    }

    /** The client percent-encodes query values but keeps ':' (RFC 3986 allows it there). */
    private static String enc(String s) {
        return s;
    }
}
