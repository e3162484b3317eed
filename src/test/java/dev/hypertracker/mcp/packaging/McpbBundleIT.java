package dev.hypertracker.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hypertracker.mcp.e2e.StdioMcpClient;
import dev.hypertracker.mcp.server.ServerIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Claude Desktop bundle as a user gets it: unpacked (with the file modes the zip carries, as Claude Desktop
 * does), started from its manifest's entry point with no Java on PATH and no JAVA_HOME, it answers initialize and a
 * demo tool call on its own runtime, with its AppCDS archive mapped ({@code -Xshare:on} makes a misfit fatal).
 */
class McpbBundleIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Path bundle() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> bundles = files.filter(
                            f -> f.getFileName().toString().matches("hypertracker-mcp-[a-z0-9]+-[a-z0-9]+\\.mcpb"))
                    .toList();
            assertThat(bundles)
                    .as("the build writes one bundle (skip with -Dskip.mcpb)")
                    .hasSize(1);
            return bundles.get(0);
        }
    }

    /** Unpacks like Claude Desktop: Unix modes from the zip's external attributes. Returns the executable entries. */
    static List<String> unpack(Path zip, Path into) throws IOException {
        List<String> executables = new ArrayList<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                Path target = into.resolve(e.getName()).normalize();
                assertThat(target.startsWith(into))
                        .as("entry %s stays inside", e.getName())
                        .isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target);
                }
                int mode = e.getUnixMode();
                if ((mode & 0100) != 0) {
                    executables.add(e.getName());
                    Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rwxr-xr-x");
                    Files.setPosixFilePermissions(target, perms);
                }
            }
        }
        return executables;
    }

    @Test
    void unpackedBundleServesWithoutAnyJavaOnTheMachine(@TempDir Path dir) throws Exception {
        assumeFalse(Boolean.getBoolean("hypertracker.mcpb.skipped"), "built with -Dskip.mcpb");
        assumeFalse(
                System.getProperty("os.name").toLowerCase().contains("win"),
                "the bundle's entry point is a bash script");
        Path unpacked = dir.resolve("HyperTracker");
        List<String> executables = unpack(bundle(), unpacked);
        // the registry entry the build wrote carries this bundle's sha256 and file name
        JsonNode registryEntry = JSON.readTree(Path.of("target", "server.json").toFile())
                .path("packages")
                .path(1);
        assertThat(registryEntry.path("fileSha256").asString())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(bundle()))));
        assertThat(registryEntry.path("identifier").asString()).endsWith("/" + bundle().getFileName());
        assertThat(executables)
                .as("executable bits survive the zip")
                .contains("bin/mcpb-start", "bin/hypertracker-mcp", "runtime/bin/java");

        JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile());
        String entry = manifest.path("server").path("entry_point").asString();
        assertThat(manifest.path("server").path("mcp_config").path("command").asString())
                .isEqualTo("${__dirname}/" + entry);

        // a PATH with the shell tools the scripts use and no java; no JAVA_HOME
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "dirname", "readlink", "sed", "touch")) {
            Path real = Stream.of("/usr/bin/", "/bin/")
                    .map(p -> Path.of(p + tool))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow();
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        Map<String, String> env = Map.of(
                "PATH",
                tools.toString(),
                "HYPERTRACKER_MCP_DEMO",
                "true",
                "HYPERTRACKER_API_TOKEN",
                "",
                "HYPERTRACKER_MCP_JAVA_OPTS",
                "-Xshare:on");
        try (StdioMcpClient client = StdioMcpClient.launch(
                List.of(unpacked.resolve(entry).toString()),
                env,
                Set.of("JAVA_HOME", "HYPERTRACKER_MCP_CDS", "HYPERTRACKER_MCP_HEAP"))) {
            JsonNode init = client.initialize();
            assertThat(init.path("result").path("serverInfo").path("title").asString())
                    .as("stderr: %s", client.stderr())
                    .isEqualTo(ServerIdentity.TITLE);
            Path runtime = unpacked.toRealPath().resolve("runtime");
            assertThat(client.process.info().command())
                    .as("the bundled runtime runs the server")
                    .hasValueSatisfying(java -> assertThat(Path.of(java).startsWith(runtime))
                            .as(java)
                            .isTrue());
            JsonNode result = client.callTool("get_data_freshness", Map.of());
            assertThat(result.path("isError").asBoolean(false)).as("%s", result).isFalse();
            assertThat(result.path("content").path(0).path("text").asString()).contains("freshness");
            // the bundled runtime draws PNG charts (java.desktop and fonts are in it)
            JsonNode chart = client.callTool("get_coin_position_metrics", Map.of("coin", "BTC", "chart", "png"));
            assertThat(chart.path("isError").asBoolean(false)).as("%s", chart).isFalse();
            assertThat(chart.path("content").findValuesAsString("type"))
                    .as("%s", chart)
                    .contains("image");
            assertThat(client.closeAndWait(Duration.ofSeconds(60))).isZero();
            assertThat(client.stdoutLines).allSatisfy(l -> assertThat(l).startsWith("{\"jsonrpc\":\"2.0\""));
        }
    }
}
