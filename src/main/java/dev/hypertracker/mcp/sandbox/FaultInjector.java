package dev.hypertracker.mcp.sandbox;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Faults queued per route for the next N matching requests. A route is an exact path
 * ("/api/external/positions/coins") or a catalog template ("/api/external/position-metrics/coin/{coin}");
 * rules apply in the order they were added.
 */
public final class FaultInjector {

    private static final class Rule {
        final PathPattern route;
        final Fault fault;
        int remaining;

        Rule(PathPattern route, Fault fault, int remaining) {
            this.route = route;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    /** The next {@code times} requests to the route get the fault. */
    public synchronized FaultInjector on(String route, Fault fault, int times) {
        if (times < 1) throw new IllegalArgumentException("times must be at least 1: " + times);
        rules.add(new Rule(new PathPattern(route), fault, times));
        return this;
    }

    /** The next request to the route gets the fault. */
    public FaultInjector on(String route, Fault fault) {
        return on(route, fault, 1);
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** Faults still to be served to requests of this path. */
    public synchronized int pending(String path) {
        return rules.stream()
                .filter(r -> r.route.matches(path))
                .mapToInt(r -> r.remaining)
                .sum();
    }

    /** Takes the fault for a request to this path, if one is due. */
    synchronized Optional<Fault> take(String path) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule r = it.next();
            if (!r.route.matches(path)) continue;
            if (--r.remaining == 0) it.remove();
            return Optional.of(r.fault);
        }
        return Optional.empty();
    }
}
