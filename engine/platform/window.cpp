#include "platform/window.hpp"

#include "core/error.hpp"
#include "core/log.hpp"

#include <glad/gl.h>
#include <SDL2/SDL.h>

#include <cstdlib>
#include <dlfcn.h>
#include <malloc.h>
#include <string>
#include <cstring>

namespace platform {

bool display_available() {
    if (const char* driver = std::getenv("SDL_VIDEODRIVER"); driver && *driver)
        return std::strcmp(driver, "offscreen") != 0 && std::strcmp(driver, "dummy") != 0;
    const char* x = std::getenv("DISPLAY");
    const char* w = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

namespace {

// Under AddressSanitizer, LeakSanitizer reports at exit, when libGL has already unloaded Mesa's
// driver: the driver's own allocations would then show as "<unknown module>", which no
// suppression can name. Opened once more with RTLD_NODELETE, the driver stays mapped to the end,
// so tests/lsan.supp can name it. Normal builds do nothing.
void keep_gl_driver_loaded() {
#if defined(__SANITIZE_ADDRESS__)
    static bool done = false;
    if (done) return;
    done = true;
    const char* env = std::getenv("LIBGL_DRIVERS_PATH");
    for (const std::string& dir : {std::string(env ? env : ""), std::string("/usr/lib/x86_64-linux-gnu/dri"),
                                   std::string("/usr/lib/aarch64-linux-gnu/dri"), std::string("/usr/lib64/dri"), std::string("/usr/lib/dri")}) {
        if (dir.empty()) continue;
        for (const char* driver : {"swrast_dri.so", "kms_swrast_dri.so"}) dlopen((dir + "/" + driver).c_str(), RTLD_NOW | RTLD_NODELETE);
    }
    // The GL and EGL front ends and Mesa's vendor libraries, which SDL and glvnd load and unload.
    for (const char* lib : {"libGL.so.1", "libGLX.so.0", "libEGL.so.1", "libGLdispatch.so.0", "libGLX_mesa.so.0", "libEGL_mesa.so.0"})
        dlopen(lib, RTLD_NOW | RTLD_NODELETE);
#endif
}

}  // namespace

Window::Window(const WindowDesc& desc) : offscreen_(desc.offscreen) {
    keep_gl_driver_loaded();
    if (desc.offscreen) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) throw core::Error(std::string("cannot start SDL video: ") + SDL_GetError());
    const char* driver = SDL_GetCurrentVideoDriver();
    if (!desc.offscreen && driver && (std::strcmp(driver, "offscreen") == 0 || std::strcmp(driver, "dummy") == 0)) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        throw core::Error("no display available (SDL picked the " + std::string(driver) + " driver)");
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);

    Uint32 flags = SDL_WINDOW_OPENGL;
    if (desc.offscreen)
        flags |= SDL_WINDOW_HIDDEN;
    else
        flags |= SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | (desc.maximized ? static_cast<Uint32>(SDL_WINDOW_MAXIMIZED) : 0u);
    window_ = SDL_CreateWindow(desc.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, desc.width, desc.height, flags);
    if (!window_) {
        std::string err = SDL_GetError();
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        throw core::Error("cannot create a window: " + err);
    }
    context_ = SDL_GL_CreateContext(window_);
    if (!context_) {
        std::string err = SDL_GetError();
        SDL_DestroyWindow(window_);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        throw core::Error("cannot create an OpenGL 3.3 core context: " + err);
    }
    SDL_GL_MakeCurrent(window_, context_);
    const int version = gladLoadGL(reinterpret_cast<GLADloadfunc>(SDL_GL_GetProcAddress));
    if (version == 0 || GLAD_VERSION_MAJOR(version) * 10 + GLAD_VERSION_MINOR(version) < 33) {
        SDL_GL_DeleteContext(context_);
        SDL_DestroyWindow(window_);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        throw core::Error("OpenGL 3.3 is not available");
    }
    if (!desc.offscreen) {
        // Adaptive vsync first (no stutter when a frame is late), then plain vsync.
        if (desc.vsync && SDL_GL_SetSwapInterval(-1) != 0) SDL_GL_SetSwapInterval(1);
        if (!desc.vsync) SDL_GL_SetSwapInterval(0);
    }
}

Window::~Window() {
    if (context_) SDL_GL_DeleteContext(context_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

glm::ivec2 Window::size_points() const {
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    return {w, h};
}

glm::ivec2 Window::size_pixels() const {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(window_, &w, &h);
    return {w, h};
}

float Window::pixel_ratio() const {
    const auto pt = size_points();
    const auto px = size_pixels();
    return pt.x > 0 ? static_cast<float>(px.x) / static_cast<float>(pt.x) : 1.0f;
}

float Window::display_dpi_scale() const {
    float ddpi = 0, hdpi = 0, vdpi = 0;
    const int display = SDL_GetWindowDisplayIndex(window_);
    if (display >= 0 && SDL_GetDisplayDPI(display, &ddpi, &hdpi, &vdpi) == 0 && hdpi > 0.0f) {
        const float s = hdpi / 96.0f;  // 96 dpi is the classic "100 %" desktop
        if (s >= 0.75f && s <= 4.0f) return s;
    }
    return 1.0f;
}

void Window::swap() { SDL_GL_SwapWindow(window_); }

std::string Window::gl_renderer() const {
    const auto* r = glGetString(GL_RENDERER);
    const auto* v = glGetString(GL_VERSION);
    return std::string(r ? reinterpret_cast<const char*>(r) : "?") + " / OpenGL " + (v ? reinterpret_cast<const char*>(v) : "?");
}

void keep_freed_memory() {
    // 64 MB: far above a frame's churn; the memory stays counted in the peak either way.
    constexpr int trim_threshold_bytes = 64 << 20;
    mallopt(M_TRIM_THRESHOLD, trim_threshold_bytes);
}

double now_s() {
    static const Uint64 start = SDL_GetPerformanceCounter();
    return static_cast<double>(SDL_GetPerformanceCounter() - start) / static_cast<double>(SDL_GetPerformanceFrequency());
}

}  // namespace platform
