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

TEST(Image, ALargeNoisyPngRoundTripsAndIsAWellFormedFile) {
    // Noise does not compress: its deflate output spans many of the encoder's output buffers.
    gfx::Image img;
    img.width = 613;
    img.height = 211;
    img.rgba.resize(static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height) * 4);
    std::uint32_t state = 12345u;
    for (auto& b : img.rgba) {
        state = state * 1664525u + 1013904223u;
        b = static_cast<std::uint8_t>(state >> 24);
    }
    const std::string png = gfx::encode_png(img);
    ASSERT_GT(png.size(), img.rgba.size());  // stored, not shrunk
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(png.substr(12, 4), "IHDR");
    EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND");
    const gfx::Image back = gfx::decode_png(png, "noise.png");
    EXPECT_EQ(back.width, img.width);
    EXPECT_EQ(back.height, img.height);
    EXPECT_EQ(back.rgba, img.rgba);
}

TEST(Image, AFlatImageCompressesWell) {
    gfx::Image img;
    img.width = 640;
    img.height = 480;
    img.rgba.assign(static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height) * 4, 200);
    const std::string png = gfx::encode_png(img);
    EXPECT_LT(png.size(), img.rgba.size() / 100);
    EXPECT_EQ(gfx::decode_png(png, "flat.png").rgba, img.rgba);
}
