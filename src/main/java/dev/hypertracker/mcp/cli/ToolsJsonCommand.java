package dev.hypertracker.mcp.cli;

import dev.hypertracker.mcp.tools.ToolManifest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code hypertracker-mcp tools-json > tools.json}: prints the tool manifest, generated from the code. */
@Command(name = "tools-json", mixinStandardHelpOptions = true,
        description = "Prints every tool's name, title, description, upstream endpoint, schemas and annotations as JSON.")
public final class ToolsJsonCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(ToolManifest.json());
        System.out.flush();
        return 0;
    }
}
