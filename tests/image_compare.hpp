// tests/image_compare.hpp: how different two window pictures are inside a rectangle, for the
// tests that drive the real window and compare what it showed.
#pragma once

#include "gfx/image.hpp"

#include <cstdlib>

// Mean absolute difference per channel (0-255), sampling every second pixel of [x0, x1) x [y0, y1).
inline double mean_diff(const gfx::Image& a, const gfx::Image& b, int x0, int y0, int x1, int y1) {
    double diff = 0.0;
    int n = 0;
    for (int y = y0; y < y1; y += 2)
        for (int x = x0; x < x1; x += 2, ++n)
            for (int c = 0; c < 3; ++c) diff += std::abs(int(a.pixel(x, y)[c]) - int(b.pixel(x, y)[c]));
    return n ? diff / (3.0 * n) : 0.0;
}
