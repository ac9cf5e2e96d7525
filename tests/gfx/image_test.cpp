#include "core/error.hpp"
#include "gfx/image.hpp"

#include <gtest/gtest.h>

TEST(Image, PngRoundTripKeepsSizeAndAlpha) {
    gfx::Image img;
    img.width = 7;
    img.height = 3;
    img.rgba.resize(7 * 3 * 4);
    for (std::size_t i = 0; i < img.rgba.size(); ++i) img.rgba[i] = static_cast<std::uint8_t>(i * 13);
    const gfx::Image back = gfx::decode_png(gfx::encode_png(img), "mem.png");
    EXPECT_EQ(back.width, 7);
    EXPECT_EQ(back.height, 3);
    EXPECT_EQ(back.rgba, img.rgba);
}

TEST(Image, GarbageIsRejectedWithTheName) {
    try {
        gfx::decode_png("not a png", "broken.png");
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("broken.png"), std::string::npos);
    }
    gfx::Image empty;
    EXPECT_THROW(gfx::encode_png(empty), core::Error);
}
