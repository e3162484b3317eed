package dev.hypertracker.mcp.cli;

import dev.hypertracker.mcp.tools.ToolManifest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hypertracker-mcp tools-json > tools.json}: prints the tool manifest, generated from the code. */
@Command(
        name = "tools-json",
        mixinStandardHelpOptions = true,
        description =
                "Prints every tool's name, title, description, upstream endpoint, schemas and annotations as JSON.")
public final class ToolsJsonCommand implements Callable<Integer> {
    @Option(names = "--markdown", description = "Print the README's tool table instead.")
    boolean markdown;

    @Override
    public Integer call() {
        System.out.print(markdown ? ToolManifest.markdownTable() : ToolManifest.json());
        System.out.flush();
        return 0;
    }
}
