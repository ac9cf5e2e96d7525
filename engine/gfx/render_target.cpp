#include "gfx/render_target.hpp"

#include "core/error.hpp"

namespace gfx {

RenderTarget::RenderTarget(glm::ivec2 size, GLenum color_format, bool depth, bool linear_filter)
    : size_(glm::max(size, glm::ivec2(1))), color_format_(color_format), has_depth_(depth), linear_(linear_filter) {
    create();
}

bool RenderTarget::resize(glm::ivec2 size) {
    size = glm::max(size, glm::ivec2(1));
    if (size == size_ && fbo_) return false;
    size_ = size;
    create();
    return true;
}

void RenderTarget::create() {
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
    if (size_.x > max_size || size_.y > max_size)
        throw core::Error("render size " + std::to_string(size_.x) + "x" + std::to_string(size_.y) + " exceeds this GPU's limit of " +
                          std::to_string(max_size));
    fbo_ = create_framebuffer();
    color_ = create_texture();
    glBindTexture(GL_TEXTURE_2D, color_.id());
    GLenum format = GL_RGBA, type = GL_UNSIGNED_BYTE;
    if (color_format_ == GL_R8) format = GL_RED;
    if (color_format_ == GL_R32UI) {
        format = GL_RED_INTEGER;
        type = GL_UNSIGNED_INT;
    }
    glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(color_format_), size_.x, size_.y, 0, format, type, nullptr);
    const GLint filter = (linear_ && color_format_ != GL_R32UI) ? GL_LINEAR : GL_NEAREST;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_.id(), 0);
    if (has_depth_) {
        depth_ = create_texture();
        glBindTexture(GL_TEXTURE_2D, depth_.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH24_STENCIL8, size_.x, size_.y, 0, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_TEXTURE_2D, depth_.id(), 0);
    }
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE) throw core::Error("offscreen framebuffer incomplete (status " + std::to_string(status) + ")");
}

void RenderTarget::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glViewport(0, 0, size_.x, size_.y);
}

}  // namespace gfx
