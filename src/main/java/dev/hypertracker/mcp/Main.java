package dev.hypertracker.mcp;

import dev.hypertracker.mcp.cli.ServeArguments;

/** Entry point of the runnable jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int exit = ServeArguments.execute(args);
        if (exit != 0) System.exit(exit);
    }
}
