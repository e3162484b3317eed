package dev.hypertracker.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.server.HyperTrackerServer;
import dev.hypertracker.mcp.server.ServerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The install channels' descriptors, parsed and checked against the fields their formats document, and against the
 * server itself: the Claude Desktop bundle's manifest (MCPB 0.3; the build also runs the official validator),
 * server.json (MCP Registry, schema 2025-12-11) with the Docker label it must match, and jbang-catalog.json.
 */
class PublishingManifestsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode read(String path) throws Exception {
        return JSON.readTree(Files.readString(Path.of(path)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void bundleManifestDescribesABinaryServerWithASecretTokenAndADemoSwitch() throws Exception {
        JsonNode m = read("src/mcpb/manifest.json");
        assertThat(m.path("manifest_version").asString()).isEqualTo("0.3");
        for (String required : List.of("name", "version", "description", "author", "server"))
            assertThat(m.has(required)).as(required).isTrue();
        assertThat(m.path("author").path("name").asString()).isNotBlank();
        assertThat(m.path("name").asString()).isEqualTo(HyperTrackerServer.NAME);
        assertThat(m.path("display_name").asString()).isEqualTo(ServerIdentity.TITLE);
        assertThat(m.path("description").asString()).isEqualTo(ServerIdentity.DESCRIPTION);
        assertThat(m.path("icon").asString()).isEqualTo("icon.png"); // build.sh copies ServerIdentity's icon there

        JsonNode server = m.path("server");
        assertThat(server.path("type").asString()).isEqualTo("binary");
        String entry = server.path("entry_point").asString();
        assertThat(entry).isEqualTo("bin/mcpb-start");
        assertThat(Path.of("src/mcpb/mcpb-start")).isExecutable();
        assertThat(server.path("mcp_config").path("command").asString()).isEqualTo("${__dirname}/" + entry);
        JsonNode env = server.path("mcp_config").path("env");
        assertThat(env.path(Settings.ENV_TOKEN).asString()).isEqualTo("${user_config.api_token}");
        assertThat(env.path("HYPERTRACKER_MCP_DEMO").asString()).isEqualTo("${user_config.demo}");

        JsonNode token = m.path("user_config").path("api_token");
        assertThat(token.path("type").asString()).isEqualTo("string");
        assertThat(token.path("sensitive").asBoolean()).isTrue();
        assertThat(token.path("title").asString()).isNotBlank();
        assertThat(token.path("description").asString()).isNotBlank();
        JsonNode demo = m.path("user_config").path("demo");
        assertThat(demo.path("type").asString()).isEqualTo("boolean");
        assertThat(demo.path("default").asBoolean(true)).isFalse();
        // the entry point turns the switch into --demo
        assertThat(Files.readString(Path.of("src/mcpb/mcpb-start")))
                .contains("HYPERTRACKER_MCP_DEMO")
                .contains("--demo");
    }

    @Test
    void registryServerJsonHasTheDocumentedFieldsAndMatchesTheDockerLabel() throws Exception {
        JsonNode s = read("server.json");
        assertThat(s.path("$schema").asString())
                .startsWith("https://static.modelcontextprotocol.io/schemas/")
                .endsWith("/server.schema.json");
        String name = s.path("name").asString();
        assertThat(name).matches("^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$").hasSizeBetween(3, 200);
        assertThat(s.path("description").asString()).isNotEmpty().hasSizeLessThanOrEqualTo(100);
        assertThat(s.path("version").asString()).isEqualTo(PackagingTest.pomVersion());
        assertThat(s.path("title").asString()).isEqualTo(ServerIdentity.TITLE);
        assertThat(s.path("websiteUrl").asString()).isEqualTo(ServerIdentity.WEBSITE);

        List<String> types = new ArrayList<>();
        for (JsonNode p : s.path("packages")) {
            types.add(p.path("registryType").asString());
            assertThat(p.path("transport").path("type").asString()).isEqualTo("stdio");
            for (JsonNode v : p.path("environmentVariables")) {
                assertThat(v.path("name").asString()).isIn(Settings.ENV_TOKEN, Settings.ENV_BASE_URL);
                if (v.path("name").asString().equals(Settings.ENV_TOKEN))
                    assertThat(v.path("isSecret").asBoolean()).isTrue();
            }
        }
        assertThat(types).containsExactly("oci", "mcpb");
        JsonNode oci = s.path("packages").path(0);
        assertThat(oci.path("identifier").asString())
                .endsWith("/" + HyperTrackerServer.NAME + ":" + PackagingTest.pomVersion());
        JsonNode mcpb = s.path("packages").path(1);
        assertThat(mcpb.path("identifier").asString())
                .startsWith("https://")
                .endsWith("/v" + PackagingTest.pomVersion() + "/hypertracker-mcp-linux-x64.mcpb");
        assertThat(mcpb.path("version").asString()).isEqualTo(PackagingTest.pomVersion());
        // filled in by src/mcpb/build.sh (target/server.json); McpbBundleIT checks it is the bundle's sha256
        assertThat(mcpb.path("fileSha256").asString()).isEqualTo("@BUNDLE_SHA256@");

        Matcher label = Pattern.compile("LABEL io\\.modelcontextprotocol\\.server\\.name=\"([^\"]+)\"")
                .matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(label.find())
                .as("Dockerfile labels the image for the registry")
                .isTrue();
        assertThat(label.group(1)).isEqualTo(name);
    }

    @Test
    void jbangCatalogRunsTheReleasedJarWithTheLaunchersJvmFlags() throws Exception {
        JsonNode alias = read("jbang-catalog.json").path("aliases").path(HyperTrackerServer.NAME);
        assertThat(alias.isObject()).as("alias %s", HyperTrackerServer.NAME).isTrue();
        assertThat(alias.path("script-ref").asString())
                .startsWith("https://")
                .endsWith("/v" + PackagingTest.pomVersion() + "/" + PackagingTest.pomFinalName() + ".jar");
        assertThat(alias.path("java").asString()).isEqualTo("17+");
        assertThat(alias.path("description").asString()).isNotBlank();
        List<String> options = texts(alias.path("java-options"));
        // the stdio flags of bin/hypertracker-mcp; above all, JVM warnings must not reach stdout
        String launcher = Files.readString(Path.of("bin", "hypertracker-mcp"));
        String flags =
                launcher.substring(launcher.indexOf("flags=("), launcher.indexOf(')', launcher.indexOf("flags=(")));
        Matcher flag = Pattern.compile("-X[^\\s\"$)]+").matcher(flags);
        while (flag.find()) {
            String f = flag.group();
            assertThat(options)
                    .as("jbang java-options has the launcher's %s", f)
                    .anyMatch(o -> o.startsWith(f));
        }
        assertThat(options).contains("-Xlog:all=warning:stderr", "-XX:TieredStopAtLevel=1");
    }
}
