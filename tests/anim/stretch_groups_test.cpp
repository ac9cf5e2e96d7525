// Stretch groups are data (assets/anim/stretch_groups.json): every clip's group is one of them, the
// library lists clips in the file's order, a clip with another group is rejected naming the
// allowed ones, and a broken groups file names the file and the field.
#include "anim_fixture.hpp"
#include "anim/stretch_groups.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using animtest::library;
using animtest::rig;

namespace {

std::string error_of(const std::string& text) {
    try {
        (void)anim::parse_stretch_groups(text, "bad/groups.json");
    } catch (const core::Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(StretchGroups, EveryClipBelongsToAListedGroupAndTheLibraryKeepsTheirOrder) {
    const auto& groups = anim::default_stretch_groups();
    ASSERT_GE(groups.size(), 4u);
    EXPECT_EQ(groups[0].id, "hip_flexors");
    EXPECT_TRUE(groups[0].handout);
    std::size_t last_rank = 0;
    for (std::size_t i = 0; i < library().size(); ++i) {
        const auto& info = library().info(i);
        const std::size_t rank = anim::stretch_group_rank(groups, info.group);
        ASSERT_LT(rank, groups.size()) << info.id << ": group " << info.group;
        EXPECT_GE(rank, last_rank) << info.id << " is listed out of its group's order";
        last_rank = rank;
        EXPECT_FALSE(anim::stretch_group_name(groups, info.group).empty());
    }
    EXPECT_EQ(anim::stretch_group_name(groups, "no_such_group"), "");
}

TEST(StretchGroups, TheLibraryFollowsTheGroupsGiven) {
    // The same clips with the groups in reverse order: the low back's come first.
    auto ids = anim::stretch_group_ids(anim::default_stretch_groups());
    std::reverse(ids.begin(), ids.end());
    anim::ClipOptions options;
    options.group_ids = ids;
    const anim::Library reversed = anim::Library::load(rig(), core::asset_dir() / "stretches", options);
    ASSERT_EQ(reversed.size(), library().size());
    EXPECT_EQ(reversed.info(0).group, ids.front());
    EXPECT_EQ(reversed.info(reversed.size() - 1).group, library().info(0).group);
}

TEST(StretchGroups, AClipOfAnUnknownGroupIsRejectedNamingTheGroups) {
    std::string text = core::read_file(core::asset_dir() / "stretches" / "supine_hamstring_strap.json");
    const std::string from = "\"group\": \"hamstrings\"";
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, from.size(), "\"group\": \"calves\"");
    try {
        (void)anim::parse_clip(rig(), text, "bad/supine_hamstring_strap.json");
        FAIL() << "a clip of an unlisted group loads";
    } catch (const core::Error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("bad/supine_hamstring_strap.json: /group: \"calves\" is not one of: hip_flexors, hamstrings"), std::string::npos) << what;
    }
}

TEST(StretchGroups, ABrokenFileNamesTheFileAndTheField) {
    EXPECT_EQ(error_of(R"({"format": "anatomy-stretch-groups-1", "groups": [{"id": "a", "name": "A"}]})"), "");
    struct Case {
        std::string text, expect;
    };
    const Case cases[] = {
        {R"({"format": "x", "groups": [{"id": "a", "name": "A"}]})", "bad/groups.json: /format: expected \"anatomy-stretch-groups-1\""},
        {R"({"format": "anatomy-stretch-groups-1", "groups": []})", "bad/groups.json: /groups: expected at least one group"},
        {R"({"format": "anatomy-stretch-groups-1", "groups": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]})",
         "bad/groups.json: /groups/1/id: group \"a\" is listed twice"},
        {R"({"format": "anatomy-stretch-groups-1", "groups": [{"id": "a"}]})", "bad/groups.json: /groups/0: missing required field \"name\""},
        {R"({"format": "anatomy-stretch-groups-1", "groups": [{"id": "a", "name": "A", "order": 1}]})",
         "bad/groups.json: /groups/0/order: unknown field \"order\""},
    };
    for (const auto& c : cases) {
        const std::string err = error_of(c.text);
        EXPECT_NE(err.find(c.expect), std::string::npos) << "expected: " << c.expect << "\ngot: " << err;
    }
}
