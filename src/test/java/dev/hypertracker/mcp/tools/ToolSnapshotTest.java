package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One snapshot file per tool (name, title, description, annotations, input and output schema), as github-mcp-server's
 * toolsnaps: a changed tool shows as a diff of its own file in review. After an intended change, regenerate with
 * {@code mvn test -Dtest=ToolSnapshotTest -Dupdate.toolsnaps=true} and commit the files.
 */
class ToolSnapshotTest {
    static final Path DIR = Path.of("src/test/resources/toolsnaps");
    static final String SUFFIX = ".snap.json";
    static final String HOW_TO_UPDATE = "regenerate with mvn test -Dtest=ToolSnapshotTest -Dupdate.toolsnaps=true, "
            + "review the diff and commit it";

    @Test
    void everyToolMatchesItsSnapshotAndEverySnapshotHasATool() throws IOException {
        Map<String, String> snapshots = ToolManifest.snapshots();
        if (Boolean.getBoolean("update.toolsnaps")) write(snapshots);
        List<String> problems = new ArrayList<>();
        snapshots.forEach((tool, expected) -> {
            Path file = DIR.resolve(tool + SUFFIX);
            try {
                if (!Files.exists(file)) {
                    problems.add(tool + ": no snapshot " + file);
                } else if (!Files.readString(file).equals(expected)) {
                    problems.add(tool + ": differs from " + file + firstDifference(Files.readString(file), expected));
                }
            } catch (IOException e) {
                problems.add(tool + ": " + e);
            }
        });
        for (String stale : snapshotNames()) {
            if (!snapshots.containsKey(stale)) problems.add(stale + ": snapshot of a tool that no longer exists");
        }
        assertThat(problems).as(HOW_TO_UPDATE).isEmpty();
    }

    @Test
    void thereIsOneSnapshotPerTool() throws IOException {
        assertThat(snapshotNames())
                .containsExactlyInAnyOrderElementsOf(
                        ToolManifest.definitions().stream().map(t -> t.name()).toList());
    }

    private static void write(Map<String, String> snapshots) throws IOException {
        Files.createDirectories(DIR);
        for (String stale : snapshotNames()) {
            if (!snapshots.containsKey(stale)) Files.delete(DIR.resolve(stale + SUFFIX));
        }
        for (Map.Entry<String, String> e : snapshots.entrySet())
            Files.writeString(DIR.resolve(e.getKey() + SUFFIX), e.getValue());
    }

    private static TreeSet<String> snapshotNames() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if (!Files.isDirectory(DIR)) return names;
        try (Stream<Path> files = Files.list(DIR)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX))
                    .forEach(n -> names.add(n.substring(0, n.length() - SUFFIX.length())));
        }
        return names;
    }

    /** The first differing line, so the failure says what changed without printing whole schemas. */
    private static String firstDifference(String snapshot, String current) {
        String[] a = snapshot.split("\n", -1);
        String[] b = current.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String was = i < a.length ? a[i] : "(end)";
            String now = i < b.length ? b[i] : "(end)";
            if (!was.equals(now))
                return " at line " + (i + 1) + ":\n  snapshot: " + was.strip() + "\n  code:     " + now.strip();
        }
        return "";
    }
}
