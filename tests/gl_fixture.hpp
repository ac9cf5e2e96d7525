// tests/gl_fixture.hpp: one offscreen GL context for a GL test binary (SDL offscreen + llvmpipe).
#pragma once

#include "gfx/renderer.hpp"
#include "platform/window.hpp"

#include <gtest/gtest.h>

#include <memory>

class GlTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!window_) {
            platform::WindowDesc d;
            d.offscreen = true;
            d.width = 64;
            d.height = 64;
            window_ = std::make_unique<platform::Window>(d);
            shaders_ = std::make_unique<gfx::ShaderLibrary>(core::shader_dir());
        }
    }
    static inline std::unique_ptr<platform::Window> window_;
    static inline std::unique_ptr<gfx::ShaderLibrary> shaders_;
};

// Luminance of an sRGB pixel, 0..255.
inline float luma(const gfx::Image& img, int x, int y) {
    const std::uint8_t* p = img.pixel(x, y);
    return 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
}
