package dev.hypertracker.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Item 1 on the real jar at the launcher's defaults (-Xmx256m, SerialGC, ExitOnOutOfMemoryError): 1,000 distinct
 * 1,000-row list_positions pages in a row. Every call answers, the process stays up, and the heap after a full GC
 * is at most 60% of the maximum. Before the fix the stored results and the cache, bounded by wire bytes, held
 * about 4x that in parsed trees and the JVM died after ~85 such calls. Latency is not asserted here (a busy
 * machine decides it): bench/distinct-pages.sh reports it.
 */
class HeapBoundIT {
    static final int CALLS = 1_000;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aThousandDistinctPagesFitTheDefaultHeap() throws Exception {
        try (StdioMcpClient client =
                StdioMcpClient.launcher(Map.of("HYPERTRACKER_MCP_CDS", "off"), "--demo", "--rate-limit", "1000000")) {
            client.initialize();
            Instant start = Instant.parse("2025-04-05T00:00:00Z");
            for (int i = 0; i < CALLS; i++) {
                JsonNode result = client.callTool(
                        "list_positions",
                        Map.of("start", start.plus(Duration.ofMinutes(i)).toString(), "limit", 1000));
                assertThat(result.path("isError").asBoolean(false))
                        .as("call %d: %s", i, result)
                        .isFalse();
                assertThat(result.path("structuredContent").path("resourceUri").asString())
                        .as("call %d stored its result", i)
                        .startsWith("hypertracker://results/");
            }
            assertThat(client.process.isAlive()).as(client.stderr()).isTrue();

            long pid = client.process.pid();
            jcmd(pid, "GC.run");
            long used = heapUsedBytes(jcmd(pid, "GC.heap_info"));
            long max = maxHeapBytes(jcmd(pid, "VM.flags"));
            assertThat(max).isEqualTo(256L << 20);
            assertThat((double) used / max)
                    .as("heap after full GC: %d of %d bytes", used, max)
                    .isLessThanOrEqualTo(0.60);
            // the launcher's tight ratios, widened once bodies were kept (HeapHeadroom, through jdk.management)
            String all = jcmd(pid, "VM.flags -all");
            assertThat(flag(all, "MinHeapFreeRatio")).as(all).isEqualTo(40);
            assertThat(flag(all, "MaxHeapFreeRatio")).as(all).isEqualTo(70);

            assertThat(client.closeAndWait(Duration.ofSeconds(60))).isZero();
            client.assertStdoutIsOnlyJsonRpc();
        }
    }

    /** Sum of the generations' "used" figures of SerialGC's heap report, in bytes. */
    static long heapUsedBytes(String heapInfo) {
        Matcher m = Pattern.compile("(?:def new|tenured) generation\\s+total \\d+K, used (\\d+)K")
                .matcher(heapInfo);
        long usedK = 0;
        int generations = 0;
        while (m.find()) {
            usedK += Long.parseLong(m.group(1));
            generations++;
        }
        assertThat(generations).as(heapInfo).isEqualTo(2);
        return usedK * 1024;
    }

    static long maxHeapBytes(String flags) {
        Matcher m = Pattern.compile("MaxHeapSize=(\\d+)").matcher(flags);
        assertThat(m.find()).as(flags).isTrue();
        return Long.parseLong(m.group(1));
    }

    static long flag(String allFlags, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s+=\\s+(\\d+)").matcher(allFlags);
        assertThat(m.find()).as(name).isTrue();
        return Long.parseLong(m.group(1));
    }

    static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Stream.concat(
                                Stream.of(
                                        Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                                .toString(),
                                        Long.toString(pid)),
                                Stream.of(command.split(" ")))
                        .toList())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
