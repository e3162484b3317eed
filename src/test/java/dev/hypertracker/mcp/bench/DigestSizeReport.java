package dev.hypertracker.mcp.bench;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.digest.Digest;
import dev.hypertracker.mcp.digest.DigestOptions;
import dev.hypertracker.mcp.digest.ExactTokens;
import dev.hypertracker.mcp.digest.Fixtures;
import dev.hypertracker.mcp.digest.ReplayedPositions;
import dev.hypertracker.mcp.digest.Summarizer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the speed and peak heap of digesting 1,000,000 streamed positions, then, per endpoint, the raw body against
 * its default digest (characters and O200K tokens). Run by bench/digest.sh.
 */
public final class DigestSizeReport {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Summarizer summarizer = new Summarizer();
        // first, before the sample inputs fill the heap: warm up on a smaller body, then measure
        summarizer.summarizePositions(new ReplayedPositions(1, 1_000, 100), DigestOptions.defaults());
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long heapBefore = usedHeap();
        ReplayedPositions body = new ReplayedPositions(1, 1_000, rows / 1_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        Digest streamed = summarizer.summarizePositions(body, DigestOptions.defaults());
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU time of this thread too: on a shared machine the wall clock also measures the neighbours
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        System.out.printf(
                Locale.ROOT,
                "streamed %,d positions (%,d MB of JSON) in %.2f s wall, %.2f s CPU: %,.0f rows/s"
                        + " (%,.0f rows/s per CPU second), %.0f MB/s%n",
                rows,
                body.bytes() >> 20,
                seconds,
                cpuSeconds,
                rows / seconds,
                rows / cpuSeconds,
                body.bytes() / 1e6 / seconds);
        System.out.printf(
                Locale.ROOT,
                "heap: %,d MB in use before, peak of heap pools during the run %,d MB (max heap %,d MB)%n",
                heapBefore >> 20,
                peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(
                Locale.ROOT,
                "digest: %,d tokens, omitted %s%n%n",
                ExactTokens.count(streamed.text())
                        + ExactTokens.count(MAPPER.writeValueAsString(streamed.structured())),
                streamed.omitted());

        System.out.printf(
                Locale.ROOT,
                "%-38s %11s %9s %7s %7s %7s %8s%n",
                "tool (largest input)",
                "raw chars",
                "raw tok",
                "chars",
                "tokens",
                "ratio",
                "omitted");
        for (Fixtures.Case c : Fixtures.largestInputs()) {
            String raw = c.pages().get(0).toString();
            Digest d = summarizer.summarize(c.endpoint(), c.pages(), DigestOptions.defaults(), Paging.single());
            String json = MAPPER.writeValueAsString(d.structured());
            int rawTokens = ExactTokens.count(raw);
            int tokens = ExactTokens.count(d.text()) + ExactTokens.count(json);
            System.out.printf(
                    Locale.ROOT,
                    "%-38s %,11d %,9d %,7d %,7d %6.1fx %8d%n",
                    c.tool(),
                    raw.length(),
                    rawTokens,
                    d.text().length() + json.length(),
                    tokens,
                    (double) rawTokens / tokens,
                    d.omitted().size());
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
