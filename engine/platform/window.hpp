// platform/window.hpp: an SDL2 window with an OpenGL 3.3 core context, visible or offscreen.
//
// Offscreen uses SDL's "offscreen" video driver (EGL, no display needed). The GL loader (glad) is
// initialised on creation. Errors throw core::Error with SDL's reason.
#pragma once

#include <glm/glm.hpp>

#include <string>

struct SDL_Window;

namespace platform {

struct WindowDesc {
    std::string title = "Anatomy";
    int width = 1280;
    int height = 800;
    bool offscreen = false;  // SDL's offscreen driver: no display, nothing shown
    bool vsync = true;
    bool maximized = false;
};

// True when SDL can reach a real display (X11 or Wayland). Call before creating a visible window.
bool display_available();

class Window {
public:
    explicit Window(const WindowDesc& desc);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    SDL_Window* sdl() const { return window_; }
    void* gl_context() const { return context_; }
    bool offscreen() const { return offscreen_; }
    glm::ivec2 size_points() const;   // window size in screen points
    glm::ivec2 size_pixels() const;   // drawable size in pixels (HiDPI aware)
    float pixel_ratio() const;        // pixels per point
    float display_dpi_scale() const;  // the display's DPI / 96, for a default UI scale
    void swap();
    std::string gl_renderer() const;

private:
    SDL_Window* window_ = nullptr;
    void* context_ = nullptr;
    bool offscreen_ = false;
};

// Keeps freed heap memory in the process instead of handing it back to the system at once.
// Mesa's software rasteriser allocates and frees its per-frame bins (several megabytes) every
// frame; with glibc's defaults the heap shrinks after each frame and the next frame pays page
// faults to grow it again (about a tenth of a software-rendered frame). Call once, at start-up.
void keep_freed_memory();

// Seconds since an arbitrary start, monotonic.
double now_s();

}  // namespace platform
