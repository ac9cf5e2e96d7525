// The patient handout end to end: a real process writes the PDF, and poppler's tools read it as a
// user's PDF viewer would: the pages and paper, the text (searchable), the fonts (embedded), the
// pictures (at print resolution) and the pages themselves (not blank). Bad input leaves nothing.
#include "../run_anatomy.hpp"

#include "core/files.hpp"
#include "gfx/image.hpp"
#include "scene/profile.hpp"
#include "temp_dir_test_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

bool have_poppler() { return std::system("command -v pdfinfo pdftotext pdffonts pdftoppm pdfimages >/dev/null 2>&1") == 0; }

std::string capture(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    while (p && fgets(buf, sizeof(buf), p)) out += buf;
    if (p) pclose(p);
    return out;
}

class Handout : public TempDirTest {
protected:
    CliResult handout(const std::string& args) { return run_anatomy("handout " + args, true, "SDL_VIDEODRIVER=offscreen"); }
    fs::path profile_with_condition() {
        scene::Profile p;
        p.patient = "Handout patient";
        p.notes = "Sits at a desk all day.";
        p.posture[biomech::PostureGroup::hip_flexors] = 70.0f;
        p.conditions = {"pregnancy"};
        const fs::path file = dir_ / "patient.anatomy";
        scene::save_profile(p, file);
        return file;
    }
};

}  // namespace

TEST_F(Handout, APdfWithThePostureAndOnePagePerStretchThatPopplerReads) {
    if (!have_poppler()) GTEST_SKIP() << "poppler-utils is not installed (make deps installs it)";
    const fs::path pdf = dir_ / "handout.pdf";
    const auto r =
        handout("--profile " + profile_with_condition().string() + " --stretches half_kneeling_hip_flexor,supine_hamstring_strap -o " + pdf.string());
    ASSERT_EQ(r.code, 0) << r.out;

    const std::string info = capture("pdfinfo " + pdf.string());
    EXPECT_NE(info.find("Pages:           3"), std::string::npos) << info;
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;

    const std::string text = capture("pdftotext -layout " + pdf.string() + " -");
    for (const char* must : {"Your posture in the model", "Handout patient", "Pelvic tilt (ASIS-PSIS)", "Sacral slope", "typical 13 +/- 5",
                             "Sits at a desk all day.", "not a diagnosis", "Half-kneeling hip flexor stretch",
                             "Supine hamstring stretch with a strap", "How to do it", "Common mistakes", "Hold 30 s", "days a week", "Pregnancy"})
        EXPECT_NE(text.find(must), std::string::npos) << "pdftotext does not find \"" << must << "\"";
    // The measures carry their values: the profile's tight hip flexors tilt the pelvis forward.
    std::smatch m;
    ASSERT_TRUE(std::regex_search(text, m, std::regex(R"(Pelvic tilt \(ASIS-PSIS\)\s+(-?\d+\.\d))"))) << text.substr(0, 1500);
    EXPECT_GT(std::stof(m[1].str()), 13.0f);
    // The safety rule on every stretch page, the precaution for the patient's condition on the
    // hamstring stretch (lying on the back).
    for (int page : {2, 3}) {
        const std::string p = capture("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + pdf.string() + " -");
        EXPECT_NE(p.find("Safety: when to stop"), std::string::npos) << "page " << page;
        EXPECT_NE(p.find("tingling"), std::string::npos) << "page " << page;
    }
    const std::string page3 = capture("pdftotext -f 3 -l 3 " + pdf.string() + " -");
    EXPECT_NE(page3.find("do it differently"), std::string::npos) << page3;

    // Every font embedded.
    const std::string fonts = capture("pdffonts " + pdf.string());
    std::istringstream lines(fonts);
    int font_rows = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("name", 0) == 0 || line.rfind("---", 0) == 0 || line.empty()) continue;
        ++font_rows;
        EXPECT_TRUE(std::regex_search(line, std::regex(R"(\s+yes\s+yes\s+)"))) << "not embedded: " << line;
    }
    EXPECT_GE(font_rows, 1);

    // Pictures at print resolution: pdfimages lists each image's pixels per inch at its printed size.
    const std::string images = capture("pdfimages -list " + pdf.string());
    std::istringstream rows(images);
    int pictures = 0;
    for (std::string line; std::getline(rows, line);) {
        std::istringstream f(line);
        std::vector<std::string> c;
        for (std::string w; f >> w;) c.push_back(w);
        if (c.size() < 14 || c[2] != "image") continue;
        ++pictures;
        EXPECT_GE(std::stoi(c[12]), 200) << "x-ppi: " << line;
        EXPECT_GE(std::stoi(c[13]), 200) << "y-ppi: " << line;
    }
    EXPECT_EQ(pictures, 5) << "the posture, and set-up and hold for each stretch\n" << images;

    // Each page drawn: not blank (ink on paper).
    ASSERT_EQ(std::system(("pdftoppm -r 30 -png " + pdf.string() + " " + (dir_ / "page").string()).c_str()), 0);
    for (int page = 1; page <= 3; ++page) {
        const gfx::Image img = gfx::read_png(dir_ / ("page-" + std::to_string(page) + ".png"));
        int dark = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) dark += img.pixel(x, y)[0] < 128;
        EXPECT_GT(dark, img.width * img.height / 50) << "page " << page << " looks blank";
    }
}

TEST_F(Handout, LetterPaperAndTheDefaultStretches) {
    if (!have_poppler()) GTEST_SKIP() << "poppler-utils is not installed";
    const fs::path pdf = dir_ / "letter.pdf";
    const auto r = handout("--preset tight_hamstrings --paper letter -o " + pdf.string());
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string info = capture("pdfinfo " + pdf.string());
    EXPECT_NE(info.find("612 x 792 pts (letter)"), std::string::npos) << info;
    const std::string text = capture("pdftotext " + pdf.string() + " -");
    EXPECT_NE(text.find("Hamstring tightness"), std::string::npos) << "page 1 says what the model was set with";
    // One stretch for the hip flexors and one for the hamstrings by default.
    EXPECT_NE(r.out.find("stretches: "), std::string::npos);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), ','), 1) << r.out;
}

TEST_F(Handout, BadInputIsAClearErrorAndLeavesNothing) {
    const fs::path pdf = dir_ / "out.pdf";
    auto r = handout("--stretches no_such_stretch -o " + pdf.string());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("no_such_stretch"), std::string::npos) << r.out;
    r = handout("--profile " + (dir_ / "missing.anatomy").string() + " -o " + pdf.string());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("missing.anatomy"), std::string::npos) << r.out;
    core::write_file_atomic(dir_ / "broken.anatomy", "{\"format\": \"anatomy-profile\", \"version\": 2, \"patient\": 3}");
    r = handout("--profile " + (dir_ / "broken.anatomy").string() + " -o " + pdf.string());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("broken.anatomy"), std::string::npos) << r.out;
    r = handout("-o /nonexistent-folder/out.pdf");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("/nonexistent-folder"), std::string::npos) << r.out;
    r = handout("--paper a3 -o " + pdf.string());
    EXPECT_EQ(r.code, 2) << "a usage error";
    EXPECT_EQ(entries(), (std::vector<std::string>{"broken.anatomy"})) << "no PDF and no partial file";
    // A failure leaves an existing handout as it was.
    core::write_file_atomic(pdf, "old handout");
    EXPECT_EQ(handout("--stretches nope -o " + pdf.string()).code, 1);
    EXPECT_EQ(core::read_file(pdf), "old handout");
}
