// gfx/render_target.hpp: an offscreen framebuffer with colour textures and an optional depth texture.
#pragma once

#include "gfx/objects.hpp"

#include <glm/glm.hpp>

namespace gfx {

class RenderTarget {
public:
    RenderTarget() = default;
    // color_format: GL_RGBA8, GL_R8, GL_R32UI...; depth adds a DEPTH24_STENCIL8 texture.
    RenderTarget(glm::ivec2 size, GLenum color_format, bool depth, bool linear_filter = true);

    // Re-creates the attachments when the size differs. Returns true if it did.
    bool resize(glm::ivec2 size);
    void bind() const;  // binds the framebuffer and sets the viewport to the whole target
    GLuint fbo() const { return fbo_.id(); }
    GLuint color() const { return color_.id(); }
    GLuint depth() const { return depth_.id(); }
    glm::ivec2 size() const { return size_; }
    bool valid() const { return static_cast<bool>(fbo_); }

private:
    void create();
    glm::ivec2 size_{0};
    GLenum color_format_ = GL_RGBA8;
    bool has_depth_ = false;
    bool linear_ = true;
    Framebuffer fbo_;
    Texture color_;
    Texture depth_;
};

}  // namespace gfx
