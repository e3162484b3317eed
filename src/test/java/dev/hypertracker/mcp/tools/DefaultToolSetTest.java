package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Toolset;
import dev.hypertracker.mcp.tools.DefaultToolSet.Member;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default set names real tools of the toolsets it says, and is what the server lists without --tools. */
class DefaultToolSetTest {
    /**
     * Toolsets whose default members are built on other branches (issue 15: the cohort tools, biggest positions): until those are merged, their members may be missing from this build and are skipped. AFTER THE
     * MERGE make this {@code EnumSet.noneOf(Toolset.class)}: then every member must be a real tool. The test
     * below fails as soon as every member exists and this set is still not empty, as a reminder.
     */
    static final Set<Toolset> MAY_BE_MISSING_UNTIL_MERGED = EnumSet.noneOf(Toolset.class);

    @Test
    void everyMemberIsARealToolOfItsToolsetOrAwaitsAMerge() {
        Map<String, Toolset> inventory = ToolSelection.inventory();
        for (Member member : DefaultToolSet.MEMBERS) {
            Toolset actual = inventory.get(member.tool());
            if (actual == null) {
                assertThat(MAY_BE_MISSING_UNTIL_MERGED)
                        .as("default-set member %s is not a tool of this server", member.tool())
                        .contains(member.toolset());
            } else {
                assertThat(actual).as("toolset of %s", member.tool()).isEqualTo(member.toolset());
            }
        }
    }

    @Test
    void theMergeExemptionIsEmptyOnceEveryMemberExists() {
        boolean allExist = DefaultToolSet.MEMBERS.stream()
                .allMatch(m -> ToolSelection.inventory().containsKey(m.tool()));
        if (allExist) {
            assertThat(MAY_BE_MISSING_UNTIL_MERGED)
                    .as("every default-set member exists now: empty MAY_BE_MISSING_UNTIL_MERGED")
                    .isEmpty();
        }
    }

    @Test
    void membersAreDistinctAndWithinTheLimitAndSayWhy() {
        List<String> names = DefaultToolSet.MEMBERS.stream().map(Member::tool).toList();
        assertThat(names).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(ToolListSizeTest.MAX_DEFAULT_TOOLS);
        assertThat(DefaultToolSet.MEMBERS).allSatisfy(m -> assertThat(m.why()).isNotBlank());
    }

    @Test
    void withoutToolsTheServerServesEveryToolAndListsTheExistingMembers() {
        ToolSelection defaults = ToolSelection.parse(null);
        assertThat(defaults.names())
                .containsExactlyElementsOf(ToolSelection.inventory().keySet());
        List<String> existing = DefaultToolSet.MEMBERS.stream()
                .map(Member::tool)
                .filter(ToolSelection.inventory()::containsKey)
                .toList();
        assertThat(defaults.listedAtStartNames()).containsExactlyInAnyOrderElementsOf(existing);
        // the way to every other tool is listed from the start
        assertThat(defaults.listedAtStartNames())
                .contains(ToolsetDiscovery.LIST_TOOLSETS, ToolsetDiscovery.ENABLE_TOOLSET);
    }
}
