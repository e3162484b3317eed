package dev.hypertracker.mcp.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the heap room to grow once the server is in use. The launcher starts the JVM with tight heap-free ratios
 * (MinHeapFreeRatio=5, MaxHeapFreeRatio=20) so that a server that was started and not used stays small; under a
 * stream of calls those ratios keep the old generation nearly full, and SerialGC then runs a full collection (30-40
 * ms on a 2-core machine, whatever the live set) every second or third call. Both flags are manageable: when the
 * first upstream body is kept, this raises them to the JVM's defaults (40 and 70) on a background thread (the
 * management classes load off the call path). Never lowers what is set (e.g. by HYPERTRACKER_MCP_JAVA_OPTS);
 * {@code -Dhypertracker.heapHeadroom=off} leaves the ratios alone.
 */
public final class HeapHeadroom {
    private static final Logger log = LoggerFactory.getLogger(HeapHeadroom.class);

    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";
    static final int WORKING_MIN_FREE = 40;
    static final int WORKING_MAX_FREE = 70;

    private static final AtomicBoolean WIDENED = new AtomicBoolean();

    private HeapHeadroom() {}

    /** {@code -Dhypertracker.heapHeadroom=off} keeps the launcher's tight ratios (a smaller heap, more collections). */
    static final String SWITCH = "hypertracker.heapHeadroom";

    /** Widens the heap-free ratios once per JVM, on a background thread. */
    public static void widenOnce() {
        if (!wanted() || !WIDENED.compareAndSet(false, true)) return;
        Thread thread = new Thread(HeapHeadroom::widen, "heap-headroom");
        thread.setDaemon(true);
        thread.start();
    }

    static boolean wanted() {
        return !"off".equals(System.getProperty(SWITCH));
    }

    /** Raises both ratios to at least the working values; the maximum first, as the minimum may not exceed it. */
    static void widen() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            raise(vm, MAX_FREE, WORKING_MAX_FREE);
            raise(vm, MIN_FREE, WORKING_MIN_FREE);
        } catch (RuntimeException | LinkageError e) {
            // another JVM, or a runtime without jdk.management: the tight ratios stay, which is only slower
            log.debug("heap-free ratios left as they are: {}", e.toString());
        }
    }

    private static void raise(HotSpotDiagnosticMXBean vm, String flag, int atLeast) {
        if (Integer.parseInt(vm.getVMOption(flag).getValue()) < atLeast)
            vm.setVMOption(flag, Integer.toString(atLeast));
    }
}
