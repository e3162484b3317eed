package dev.hypertracker.mcp;

import dev.hypertracker.mcp.cli.ServeArguments;

/** Entry point of the runnable jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        ParallelStart.run();
        int exit = ServeArguments.execute(args);
        // always exit explicitly: after stdin EOF a call may still be blocked on the upstream, and its thread
        // must not keep the process alive (shutdown hooks still run)
        System.out.flush();
        System.exit(exit);
    }
}
