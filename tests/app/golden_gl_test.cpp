// The golden-image tier: the main pictures (tests/golden/cases.txt) rendered by `anatomy snapshot`
// and compared with the approved references in tests/golden/. A deliberate change to what they
// show is approved with `make approve-golden` (after looking at the new pictures).
#include "isolated_env.hpp"

#include "core/files.hpp"
#include "gfx/image.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Case {
    std::string name, options;
};

std::vector<Case> cases() {
    std::vector<Case> out;
    std::istringstream in(core::read_file(core::project_root() / "tests" / "golden" / "cases.txt"));
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        out.push_back({line.substr(0, colon), line.substr(colon + 1)});
    }
    return out;
}

// Per-pixel difference over RGB (0-255). Tolerances, each for a reason:
// - mean under 1.0: the same scene on another Mesa build or CPU differs in rounding and
//   antialiasing by well under a level on average; a muscle, bone or overlay that moved changes
//   thousands of pixels by tens of levels and lifts the mean past it;
// - at most 0.5 % of pixels beyond 48 levels: a silhouette pixel may flip between body and
//   background, a few hundred of them at most in a 480 x 360 picture;
// - no pixel beyond 255 is possible, so the max is reported, not limited on its own.
struct Difference {
    double mean = 0.0;
    int max = 0;
    double share_beyond_48 = 0.0;
    gfx::Image image;  // |actual - expected| magnified 4x, for the failure report
};

Difference compare(const gfx::Image& a, const gfx::Image& b) {
    Difference d;
    d.image.width = a.width;
    d.image.height = a.height;
    d.image.rgba.assign(a.rgba.size(), 255);
    long long sum = 0, beyond = 0;
    const std::size_t n = static_cast<std::size_t>(a.width) * static_cast<std::size_t>(a.height);
    for (std::size_t i = 0; i < n; ++i) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) {
            const int diff = std::abs(int(a.rgba[i * 4 + c]) - int(b.rgba[i * 4 + c]));
            sum += diff;
            worst = std::max(worst, diff);
            d.image.rgba[i * 4 + c] = static_cast<std::uint8_t>(std::min(255, diff * 4));
        }
        d.max = std::max(d.max, worst);
        beyond += worst > 48 ? 1 : 0;
    }
    d.mean = static_cast<double>(sum) / static_cast<double>(n * 3);
    d.share_beyond_48 = static_cast<double>(beyond) / static_cast<double>(n);
    return d;
}

}  // namespace

TEST(GoldenGl, TheMainPicturesMatchTheirReferences) {
    const auto all = cases();
    ASSERT_GE(all.size(), 7u);
    const fs::path out = fs::temp_directory_path() / ("anatomy_golden_" + std::to_string(::getpid()));
    fs::remove_all(out);
    fs::create_directories(out);
    const fs::path failures = fs::current_path() / "golden-failures";
    bool all_ok = true;
    for (const auto& c : all) {
        const fs::path actual = out / (c.name + ".png");
        const std::string cmd = "env SDL_VIDEODRIVER=offscreen " + isolated_env() + ANATOMY_BINARY + " snapshot -o " + actual.string() +
                                " --size 480x360 " + c.options + " >/dev/null 2>&1";
        const int rc = std::system(cmd.c_str());
        ASSERT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0) << c.name << ": " << cmd;
        const gfx::Image a = gfx::read_png(actual);
        const gfx::Image e = gfx::read_png(core::project_root() / "tests" / "golden" / (c.name + ".png"));
        ASSERT_EQ(a.width, e.width) << c.name;
        ASSERT_EQ(a.height, e.height) << c.name;
        const Difference d = compare(a, e);
        const bool ok = d.mean < 1.0 && d.share_beyond_48 <= 0.005;
        EXPECT_TRUE(ok) << c.name << ": mean difference " << d.mean << " (limit 1.0), " << 100.0 * d.share_beyond_48
                        << " % of pixels beyond 48 levels (limit 0.5 %), max " << d.max << "; actual and diff in " << failures.string()
                        << " (make approve-golden if the change is deliberate)";
        if (!ok) {
            all_ok = false;
            fs::create_directories(failures);
            fs::copy_file(actual, failures / (c.name + "_actual.png"), fs::copy_options::overwrite_existing);
            gfx::write_png(failures / (c.name + "_diff.png"), d.image);
        }
    }
    fs::remove_all(out);
    if (all_ok) fs::remove_all(failures);
}

TEST(GoldenGl, TheComparisonSeesAMovedMuscle) {
    // The tolerance is not so loose that a real change passes: a different posture (tight
    // hamstrings instead of tight hip flexors) against the posture reference must fail.
    const fs::path out = fs::temp_directory_path() / ("anatomy_golden_neg_" + std::to_string(::getpid()) + ".png");
    const std::string cmd = "env SDL_VIDEODRIVER=offscreen " + isolated_env() + ANATOMY_BINARY + " snapshot -o " + out.string() +
                            " --size 480x360 --view left --preset tight_hamstrings --overlays --ghost >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const Difference d = compare(gfx::read_png(out), gfx::read_png(core::project_root() / "tests" / "golden" / "posture_overlays.png"));
    EXPECT_TRUE(d.mean >= 1.0 || d.share_beyond_48 > 0.005) << "mean " << d.mean << ", beyond 48: " << d.share_beyond_48;
    fs::remove(out);
}
