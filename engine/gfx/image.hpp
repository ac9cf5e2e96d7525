// gfx/image.hpp: RGBA8 images in memory and as PNG files (stb). No GL here.
#pragma once

#include "core/files.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace gfx {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;  // row 0 is the top row; straight (not premultiplied) alpha

    std::uint8_t* pixel(int x, int y) {
        return &rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4];
    }
    const std::uint8_t* pixel(int x, int y) const {
        return &rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4];
    }
};

// Encodes PNG bytes; throws core::Error on failure.
std::string encode_png(const Image& image);
// Writes a PNG atomically (temporary file, then rename). Throws core::Error naming the path.
void write_png(const core::fs::path& path, const Image& image);
// Decodes PNG bytes into RGBA8. Throws core::Error naming `name`.
Image decode_png(const std::string& bytes, const std::string& name);
Image read_png(const core::fs::path& path);

// The size of a PNG or JPEG image from its header, without decoding it. Throws core::Error naming
// the path: missing, not a PNG or JPEG, or larger than `max_image_side` pixels a side.
inline constexpr int max_image_side = 16384;
struct ImageSize {
    int width = 0, height = 0;
};
ImageSize read_image_size(const core::fs::path& path);

// Decodes a PNG or JPEG into RGBA8, after read_image_size's checks and a limit of
// `max_decoded_pixels` (64 megapixels, 256 MB decoded). Throws core::Error naming the path.
inline constexpr long long max_decoded_pixels = 8192LL * 8192LL;
Image read_image(const core::fs::path& path);

}  // namespace gfx
