// Nothing a user needs is cut off: the viewer walks through its panels and windows in nine states
// (each tab, a muscle and a bone selected, a stretch playing, patient mode, the presentation,
// compare, every dialog: --ui-audit) at 1280x720 and 1920x1080, and reports every window whose
// content is wider than the window with no scrollbar to reach it (text or buttons cut off at the
// right edge). There must be none; and no text it drew may be an internal id or a data-file
// reference.
#include "../isolated_env.hpp"

#include "core/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <sstream>
#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {
bool have_xvfb() { return std::system("command -v xvfb-run >/dev/null 2>&1") == 0; }
}  // namespace

TEST(LayoutGl, NoPanelCutsOffItsContentAt1280x720Or1920x1080) {
    if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
    for (const std::string size : {"1280x720", "1920x1080"}) {
        const fs::path report = fs::temp_directory_path() / ("anatomy_layout_" + std::to_string(::getpid()) + "_" + size + ".txt");
        fs::remove(report);
        const std::string cmd = "env -u SDL_VIDEODRIVER " + isolated_env() + "xvfb-run -a -s '-screen 0 2000x1200x24' " + ANATOMY_BINARY +
                                " --window-size " + size + " --ui-audit " + report.string() + " >/dev/null 2>&1";
        const int rc = std::system(cmd.c_str());
        ASSERT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0) << size;
        ASSERT_TRUE(fs::exists(report)) << size;
        const std::string text = core::read_file(report);
        int states = 0;
        for (std::size_t at = text.find("== state "); at != std::string::npos; at = text.find("== state ", at + 1)) ++states;
        EXPECT_EQ(states, 9) << "all nine states were visited at " << size << "\n" << text;
        EXPECT_EQ(text.find("overflow:"), std::string::npos) << "at " << size << ":\n" << text;
        // The text every window drew: no internal id (psoas_r, hip_flexors) and no data-file
        // reference (anatomy-data, a .json file, assets/) anywhere in the interface.
        std::istringstream lines(text);
        int drawn = 0;
        const std::regex internal_id(R"(\b[a-z0-9]+(_[a-z0-9]+)+\b)"), data_ref(R"(anatomy-data|\.json\b|assets/)");
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("text: ", 0) != 0) continue;
            ++drawn;
            const std::string t = line.substr(6);
            if (t.find("/tmp/") != std::string::npos || t.find("Settings: ") != std::string::npos || t.find("Data: ") != std::string::npos)
                continue;  // file paths the user chose or must see (About) are not ids
            EXPECT_FALSE(std::regex_search(t, internal_id)) << "an internal id in the interface at " << size << ": " << t;
            EXPECT_FALSE(std::regex_search(t, data_ref)) << "a data-file reference in the interface at " << size << ": " << t;
        }
        EXPECT_GT(drawn, 200) << "the audit captured the text of the panels";
        fs::remove(report);
    }
}
