// anatomy measure-image: the documented JSON keys, the image check, and bad input as a clear
// error naming the file (exit 1) or a usage error (exit 2).
#include "../run_anatomy.hpp"
#include "../temp_dir_test_fixture.hpp"

#include "core/files.hpp"
#include "gfx/image.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

class MeasureImageCli : public TempDirTest {
protected:
    MeasureImageCli() : TempDirTest("anatomy_measure_image") {}
    std::string write(const std::string& name, const std::string& text) {
        const auto p = dir_ / name;
        core::write_file_atomic(p, text);
        return p.string();
    }
    void write_image(int w, int h) {
        gfx::Image img;
        img.width = w;
        img.height = h;
        img.rgba.assign(static_cast<std::size_t>(w * h * 4), 90);
        gfx::write_png(dir_ / "lateral.png", img);
    }
};

// Facing right: SS 40, PT 12 (PI 52), ASIS 13 degrees below the PSIS line.
const char* radiograph = R"({"format": "anatomy-landmarks-1", "image": "lateral.png", "facing": "right", "points_px": {
  "s1_anterior": [516.852, 514.142], "s1_posterior": [483.148, 485.858],
  "femoral_head_r": [563.215, 773.883], "femoral_head_l": [553.215, 773.883],
  "asis": [730, 620], "psis": [544.874, 577.260]}})";

}  // namespace

TEST_F(MeasureImageCli, JsonHasTheMeasuresWithThePostureKeys) {
    write_image(1000, 1000);
    const auto r = run_anatomy("measure-image " + write("p.json", radiograph) + " --json", false);
    ASSERT_EQ(r.code, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_NEAR(j["sacral_slope_deg"].get<double>(), 40.0, 0.1);
    EXPECT_NEAR(j["pelvic_tilt_deg"].get<double>(), 12.0, 0.1);
    EXPECT_NEAR(j["pelvic_incidence_deg"].get<double>(), 52.0, 0.1);
    EXPECT_NEAR(j["pelvic_tilt_clinical_deg"].get<double>(), 13.0, 0.1);
    EXPECT_FALSE(j.contains("lumbar_lordosis_deg")) << "no L1 points";
    ASSERT_EQ(j["undefined"].size(), 1u);
    EXPECT_NE(j["undefined"][0].get<std::string>().find("l1_anterior"), std::string::npos);
    EXPECT_TRUE(j["image_checked"].get<bool>());
    EXPECT_EQ(j["facing"], "right");
    // The text form says the same, with the sign conventions.
    const auto t = run_anatomy("measure-image " + (dir_ / "p.json").string());
    EXPECT_EQ(t.code, 0);
    EXPECT_NE(t.out.find("Pelvic incidence (PI)        52.0 deg"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("forward tilt +"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("Not measured: lumbar_lordosis_deg"), std::string::npos) << t.out;
}

TEST_F(MeasureImageCli, BadInputIsAClearErrorNamingTheFile) {
    const std::string file = write("p.json", radiograph);
    write_image(600, 600);  // the femoral heads at y 774 are below it
    auto r = run_anatomy("measure-image " + file);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("femoral_head_r at [563.215, 773.883] is outside the 600 x 600 image"), std::string::npos) << r.out;
    write("lateral.png", "this is not a picture");
    r = run_anatomy("measure-image " + file);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("lateral.png: not a PNG or JPEG image"), std::string::npos) << r.out;
    r = run_anatomy("measure-image " + write("none.json", R"({"format": "anatomy-landmarks-1", "image": "x.png", "facing": "left",
        "points_px": {"asis": [1, 2]}})"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("none.json: the points define no measure"), std::string::npos) << r.out;
    r = run_anatomy("measure-image " + write("same.json", R"({"format": "anatomy-landmarks-1", "image": "x.png", "facing": "left",
        "points_px": {"s1_anterior": [5, 5], "s1_posterior": [5, 5]}})"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("same.json: the two S1 endplate corners coincide"), std::string::npos) << r.out;
    r = run_anatomy("measure-image " + write("swapped.json", R"({"format": "anatomy-landmarks-1", "image": "x.png", "facing": "left",
        "points_px": {"asis": [700, 500], "psis": [500, 480]}})"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("swapped.json: the ASIS lies behind the PSIS: check \"facing\""), std::string::npos) << r.out;
    EXPECT_EQ(run_anatomy("measure-image " + (dir_ / "missing.json").string()).code, 2);
    EXPECT_EQ(run_anatomy("measure-image " + file + " --nonsense").code, 2);
}
