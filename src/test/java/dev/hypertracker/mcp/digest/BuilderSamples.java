package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.SampleData.MAPPER;

import dev.hypertracker.mcp.catalog.BuilderEndpoints;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The builder routes' largest realistic bodies (issue 15), with every field their digests can show. */
final class BuilderSamples {

    private final SplittableRandom random = new SplittableRandom(15);

    private BuilderSamples() {}

    static List<Fixtures.Case> largestInputs() {
        BuilderSamples s = new BuilderSamples();
        return List.of(
                new Fixtures.Case(BuilderEndpoints.LIST_BUILDERS, List.of(s.ranking(400))),
                new Fixtures.Case(BuilderEndpoints.GET_BUILDER_PROFILE, List.of(s.profile())),
                new Fixtures.Case(BuilderEndpoints.EXPORT_BUILDERS_REVENUE, List.of(s.revenue(1_000))),
                new Fixtures.Case(BuilderEndpoints.LIST_BUILDER_FILLS, List.of(s.fills(1_000))),
                new Fixtures.Case(BuilderEndpoints.LIST_BUILDER_USERS, List.of(s.users(500, 12_345))));
    }

    private String address() {
        StringBuilder a = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) a.append(Character.forDigit(random.nextInt(16), 16));
        return a.toString();
    }

    /** Money as the API writes it: a JSON number with at most two decimals. */
    private double cents(double max) {
        return Math.round(random.nextDouble() * max * 100) / 100.0;
    }

    ObjectNode ranking(int n) {
        ObjectNode body = MAPPER.createObjectNode().put("timeframe", "7d");
        ArrayNode rows = body.putArray("builders");
        for (int i = 0; i < n; i++) {
            rows.addObject()
                    .put("builder", address())
                    .put("name", "Builder " + i)
                    .put("revenue", cents(1e6))
                    .put("revenuePrev", cents(1e6))
                    .put("volume", cents(1e9))
                    .put("volumePrev", cents(1e9))
                    .put("users", random.nextInt(50_000))
                    .put("usersPrev", random.nextInt(50_000));
        }
        return body;
    }

    ObjectNode profile() {
        ObjectNode body = MAPPER.createObjectNode()
                .put("address", address())
                .put("name", "Atlas")
                .put("builderFee", "0.0005")
                .put("totalRevenue", cents(1e7))
                .put("totalUsers", 4_321);
        body.putObject("links").put("site", "https://example.org");
        return body;
    }

    ObjectNode revenue(int days) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("columns").add("timestamp").add("revenue").add("countUsers");
        ArrayNode data = body.putArray("data");
        long day = java.time.Instant.parse("2023-06-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < days; i++) {
            data.addArray()
                    .add(java.time.Instant.ofEpochMilli(
                                    day + i * Duration.ofDays(1).toMillis())
                            .toString())
                    .add(cents(5e5))
                    .add(random.nextInt(20_000));
        }
        data.addArray().addNull().add(cents(10)).add(1); // a row without a readable time
        return body;
    }

    ObjectNode fills(int n) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode rows = body.putArray("fills");
        String[] coins = {"BTC", "ETH", "SOL", "HYPE", "xyz:GOLD", "@107"};
        long start = java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            String coin = coins[random.nextInt(coins.length)];
            rows.addObject()
                    .put("address", address())
                    .put("coin", coin)
                    .put("fillType", coin.startsWith("@") ? "spot" : "perp")
                    .put("px", cents(1e5))
                    .put("sz", (random.nextInt(1_000_000) + 1) / 10_000.0)
                    .put("side", random.nextBoolean() ? "B" : "A")
                    .put(
                            "time",
                            java.time.Instant.ofEpochMilli(start + i * 60_000L).toString())
                    .put("hash", "0x" + Long.toHexString(random.nextLong()))
                    .put("fee", cents(100))
                    .put("builderFee", cents(50));
        }
        body.putNull("nextCursor");
        return body;
    }

    ObjectNode users(int n, int totalCount) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode rows = body.putArray("items");
        for (int i = 0; i < n; i++) {
            rows.addObject()
                    .put("address", address())
                    .put("volume", cents(1e8))
                    .put("builderFee", cents(1e4))
                    .put("pnl", cents(2e6) - 1_000_000)
                    .put("equity", cents(1e7));
        }
        body.put("totalCount", totalCount);
        return body;
    }
}
