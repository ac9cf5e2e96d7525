// Reading a lateral image for the measuring window: PNG and JPEG open; anything else, a damaged
// file or one too large is a clear error naming the file.
#include "../temp_dir_test_fixture.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "gfx/image.hpp"

#include <gtest/gtest.h>

namespace {

class ImageRead : public TempDirTest {
protected:
    ImageRead() : TempDirTest("anatomy_image_read") {}
    std::string error_of(const core::fs::path& p) {
        try {
            (void)gfx::read_image(p);
        } catch (const core::Error& e) {
            return e.what();
        }
        return "";
    }
};

}  // namespace

TEST_F(ImageRead, APngOpensWithItsSize) {
    gfx::Image img;
    img.width = 7;
    img.height = 5;
    img.rgba.assign(7 * 5 * 4, 200);
    gfx::write_png(dir_ / "a.png", img);
    const auto size = gfx::read_image_size(dir_ / "a.png");
    EXPECT_EQ(size.width, 7);
    EXPECT_EQ(size.height, 5);
    const gfx::Image back = gfx::read_image(dir_ / "a.png");
    EXPECT_EQ(back.width, 7);
    EXPECT_EQ(back.pixel(3, 2)[0], 200);
}

TEST_F(ImageRead, BadFilesAreNamedWithWhatIsWrong) {
    core::write_file_atomic(dir_ / "notes.png", "a text file with the wrong name");
    EXPECT_NE(error_of(dir_ / "notes.png").find("notes.png: not a PNG or JPEG image"), std::string::npos) << error_of(dir_ / "notes.png");
    EXPECT_NE(error_of(dir_ / "missing.png").find("missing.png: no such image file"), std::string::npos);
    // A PNG cut off after its signature.
    gfx::Image img;
    img.width = img.height = 4;
    img.rgba.assign(64, 10);
    const std::string png = gfx::encode_png(img);
    core::write_file_atomic(dir_ / "cut.png", png.substr(0, 10));
    EXPECT_NE(error_of(dir_ / "cut.png").find("cut.png: a damaged PNG"), std::string::npos) << error_of(dir_ / "cut.png");
    // A header that claims 17000 x 100 pixels: refused before anything is decoded.
    std::string huge = png;
    auto put_u32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) huge[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (24 - 8 * i)) & 0xFFu);
    };
    put_u32(16, 17000);  // IHDR width
    put_u32(20, 100);    // IHDR height
    core::write_file_atomic(dir_ / "huge.png", huge);
    EXPECT_NE(error_of(dir_ / "huge.png").find("huge.png: 17000 x 100 pixels is larger than the 16384 a side"), std::string::npos) << error_of(dir_ / "huge.png");
}
