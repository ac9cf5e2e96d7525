#include "ui/settings.hpp"

#include <gtest/gtest.h>

TEST(Settings, RoundTrip) {
    ui::Settings s;
    s.window_width = 1000;
    s.ui_scale = 1.5f;
    s.show_floor = false;
    s.add_recent_model("/tmp/a.glb");
    s.add_recent_model("/tmp/b.glb");
    s.add_recent_model("/tmp/a.glb");
    std::vector<std::string> problems;
    const ui::Settings back = ui::parse_settings(ui::serialize_settings(s), "settings.json", problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(back.window_width, 1000);
    EXPECT_FLOAT_EQ(back.ui_scale, 1.5f);
    EXPECT_FALSE(back.show_floor);
    ASSERT_EQ(back.recent_models.size(), 2u);
    EXPECT_EQ(back.recent_models[0], "/tmp/a.glb");
}

TEST(Settings, BrokenFilesFallBackToDefaultsWithAReason) {
    std::vector<std::string> problems;
    const ui::Settings s = ui::parse_settings("{\"window_width\": ", "settings.json", problems);
    EXPECT_EQ(s.window_width, ui::Settings{}.window_width);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("settings.json"), std::string::npos);

    problems.clear();
    const ui::Settings t = ui::parse_settings(R"({"window_width": -5, "ui_scale": "big", "fxaa": false})", "s.json", problems);
    EXPECT_EQ(problems.size(), 2u);
    EXPECT_EQ(t.window_width, ui::Settings{}.window_width);
    EXPECT_FALSE(t.fxaa);  // the good values still apply
}
