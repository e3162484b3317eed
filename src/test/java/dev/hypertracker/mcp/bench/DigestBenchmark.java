package dev.hypertracker.mcp.bench;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Digest;
import dev.hypertracker.mcp.digest.DigestOptions;
import dev.hypertracker.mcp.digest.Fixtures;
import dev.hypertracker.mcp.digest.ReplayedPositions;
import dev.hypertracker.mcp.digest.SampleData;
import dev.hypertracker.mcp.digest.Summarizer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonParser;

/** How long a digest takes: a positions page, a streamed 100,000-position body, the 1 MB heatmap, a 1,440-point series. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DigestBenchmark {

    static final int STREAMED_ROWS = 100_000;

    private final Summarizer summarizer = new Summarizer();
    private Fixtures.Case positionsPage;
    private Fixtures.Case heatmap;
    private Fixtures.Case series;

    @Setup
    public void setUp() {
        List<Fixtures.Case> cases = Fixtures.largestInputs();
        positionsPage = find(cases, Catalog.LIST_POSITIONS);
        heatmap = find(cases, Catalog.GET_POSITIONS_HEATMAP);
        series = find(cases, Catalog.GET_MARKET_OVERVIEW_METRICS);
    }

    private static Fixtures.Case find(List<Fixtures.Case> cases, Endpoint endpoint) {
        return cases.stream()
                .filter(c -> c.endpoint().equals(endpoint))
                .findFirst()
                .orElseThrow();
    }

    private Digest digest(Fixtures.Case c) {
        return summarizer.summarize(c.endpoint(), c.pages(), DigestOptions.defaults(), Paging.single());
    }

    /** 1,000 parsed positions to a 2,000-token digest (accumulate + budget). */
    @Benchmark
    public Digest positionsPage() {
        return digest(positionsPage);
    }

    /** 100,000 positions parsed from bytes one row at a time and digested: rows/s = 100,000 / time. */
    @Benchmark
    public Digest streamedPositions() {
        return summarizer.summarizePositions(
                new ReplayedPositions(1, 1_000, STREAMED_ROWS / 1_000), DigestOptions.defaults());
    }

    @Benchmark
    public Digest heatmap() {
        return digest(heatmap);
    }

    @Benchmark
    public Digest series() {
        return digest(series);
    }

    /** Tokenizing the same body without building rows: how much of streamedPositions is JSON parsing. */
    @Benchmark
    public long parseOnly() {
        try (JsonParser parser =
                SampleData.MAPPER.createParser(new ReplayedPositions(1, 1_000, STREAMED_ROWS / 1_000))) {
            long tokens = 0;
            while (parser.nextToken() != null) tokens++;
            return tokens;
        }
    }
}
