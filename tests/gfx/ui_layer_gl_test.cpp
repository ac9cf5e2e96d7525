#include "gl_fixture.hpp"

#include "gfx/ui_layer.hpp"

#include <glm/gtc/matrix_transform.hpp>

namespace {

constexpr int size = 64;
const gfx::PixelRect scene_rect{32, 0, 64, 64};

std::uint32_t rgba(int r, int g, int b, int a) {
    return static_cast<std::uint32_t>(r) | static_cast<std::uint32_t>(g) << 8 | static_cast<std::uint32_t>(b) << 16 |
           static_cast<std::uint32_t>(a) << 24;
}

// A list of one or more axis-aligned quads, as Dear ImGui hands them over.
struct TestList {
    std::vector<gfx::UiVertex> vertices;
    std::vector<std::uint16_t> indices;
    void quad(float x0, float y0, float x1, float y1, std::uint32_t colour) {
        const auto base = static_cast<std::uint16_t>(vertices.size());
        for (glm::vec2 p : {glm::vec2(x0, y0), glm::vec2(x1, y0), glm::vec2(x1, y1), glm::vec2(x0, y1)})
            vertices.push_back({p, glm::vec2(0.5f), colour});
        for (int i : {0, 1, 2, 0, 2, 3}) indices.push_back(static_cast<std::uint16_t>(base + i));
    }
};

class UiLayerGl : public GlTest {
protected:
    void SetUp() override {
        white_ = gfx::create_texture();
        const std::uint32_t px = 0xffffffffu;
        glBindTexture(GL_TEXTURE_2D, white_.id());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, &px);
        glBindTexture(GL_TEXTURE_2D, 0);
        vao_ = gfx::create_vertex_array();
        vbo_ = gfx::create_buffer();
        ibo_ = gfx::create_buffer();
    }

    gfx::UiFrame frame(const std::vector<TestList>& lists) const {
        gfx::UiFrame f;
        f.display_size = glm::vec2(size);
        f.framebuffer = glm::ivec2(size);
        f.scene_rect = {scene_rect.x0, scene_rect.y0, scene_rect.x1 - scene_rect.x0, scene_rect.y1 - scene_rect.y0};
        for (const TestList& t : lists) {
            gfx::UiList l;
            l.vertices = t.vertices.data();
            l.vertex_count = t.vertices.size();
            l.indices = t.indices.data();
            l.index_count = t.indices.size();
            l.commands.push_back({glm::vec4(0, 0, size, size), white_.id(), 0, static_cast<unsigned>(t.indices.size()), 0});
            f.lists.push_back(std::move(l));
        }
        return f;
    }

    // What the window holds before the interface: black, and the "3D view" in blue-grey.
    static void backdrop() {
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glViewport(0, 0, size, size);
        glDisable(GL_SCISSOR_TEST);
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        glEnable(GL_SCISSOR_TEST);
        glScissor(scene_rect.x0, size - scene_rect.y1, scene_rect.x1 - scene_rect.x0, scene_rect.y1 - scene_rect.y0);
        glClearColor(40 / 255.0f, 80 / 255.0f, 120 / 255.0f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
    }

    // The reference: every triangle straight over the backdrop, blended as Dear ImGui blends.
    gfx::Image direct(const std::vector<TestList>& lists) {
        backdrop();
        const gfx::ShaderProgram& p = shaders_->get("ui");
        p.use();
        p.set("u_projection", glm::ortho(0.0f, float(size), float(size), 0.0f));
        p.set("u_texture", 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, white_.id());
        glEnable(GL_BLEND);
        glBlendEquation(GL_FUNC_ADD);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        glBindVertexArray(vao_.id());
        glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_.id());
        gfx::describe_ui_vertices();
        for (const TestList& t : lists) {
            glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(t.vertices.size() * sizeof(gfx::UiVertex)), t.vertices.data(), GL_STREAM_DRAW);
            glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(t.indices.size() * 2), t.indices.data(), GL_STREAM_DRAW);
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(t.indices.size()), GL_UNSIGNED_SHORT, nullptr);
        }
        glBindVertexArray(0);
        glDisable(GL_BLEND);
        return gfx::read_framebuffer(0, glm::ivec2(size), false, true);
    }

    gfx::Image kept(gfx::UiLayer& layer, const std::vector<TestList>& lists) const {
        backdrop();
        layer.draw(frame(lists));
        return gfx::read_framebuffer(0, glm::ivec2(size), false, true);
    }

    static int max_difference(const gfx::Image& a, const gfx::Image& b) {
        int worst = 0;
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(a.pixel(x, y)[c]) - int(b.pixel(x, y)[c])));
        return worst;
    }

    gfx::Texture white_;
    gfx::VertexArray vao_;
    gfx::Buffer vbo_, ibo_;
};

}  // namespace

// Frame after frame, lists move, go and come; the kept layer's picture is the one drawn straight
// (within a level of 8-bit rounding where the interface is translucent), and an unchanged frame
// sends no triangles at all.
TEST_F(UiLayerGl, KeptPixelsMatchDrawingEveryTriangleAsListsChange) {
    TestList panel, box, dot, box_moved, wide;
    panel.quad(0, 0, 30, 64, rgba(200, 50, 50, 255));  // an opaque panel outside the 3D view
    box.quad(20, 10, 50, 30, rgba(50, 200, 50, 128));  // translucent, across the edge of the 3D view
    dot.quad(40, 40, 48, 48, rgba(20, 20, 220, 255));  // a label over the 3D view
    box_moved.quad(20, 30, 50, 50, rgba(50, 200, 50, 128));
    wide.quad(10, 5, 60, 15, rgba(255, 255, 255, 90));  // a tooltip over both
    const std::vector<std::vector<TestList>> frames = {
        {panel, box, dot}, {panel, box_moved, dot}, {panel, box_moved}, {panel, box_moved, wide}, {panel, box_moved, wide}, {panel},
    };
    gfx::UiLayer layer(*shaders_);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const gfx::Image want = direct(frames[i]);
        const gfx::Image got = kept(layer, frames[i]);
        EXPECT_LE(max_difference(want, got), 2) << "frame " << i;
        // The old box's place shows what is under it again, not the box.
        if (i == 1) {
            EXPECT_EQ(int(got.pixel(45, 20)[1]), 80) << "stale pixels from the last frame";
        }
    }
    // Frame 4 repeated frame 3: nothing drawn again. Frame 0 drew everything.
    layer.draw(frame(frames.back()));
    EXPECT_EQ(layer.stats().triangles_sent, 0);
    EXPECT_EQ(layer.stats().lists_changed, 0);
}

TEST_F(UiLayerGl, OnlyTheChangedPartIsDrawnAgain) {
    TestList panel, label_a, label_b;
    for (int row = 0; row < 20; ++row)
        panel.quad(2, 2.0f + 3.0f * static_cast<float>(row), 28, 4.0f + 3.0f * static_cast<float>(row), rgba(200, 200, 200, 255));
    label_a.quad(40, 10, 50, 14, rgba(255, 255, 0, 255));
    label_b.quad(40, 30, 50, 34, rgba(255, 255, 0, 255));
    gfx::UiLayer layer(*shaders_);
    (void)kept(layer, {panel, label_a});
    EXPECT_EQ(layer.stats().triangles_sent, 42);  // the first frame draws all
    const gfx::Image got = kept(layer, {panel, label_b});
    EXPECT_EQ(layer.stats().lists_changed, 1);
    EXPECT_EQ(layer.stats().triangles_sent, 2);  // the label alone, not the panel's 40
    EXPECT_LE(max_difference(direct({panel, label_b}), got), 2);
    // Invalidated (fonts rebuilt): everything again.
    layer.invalidate();
    (void)kept(layer, {panel, label_b});
    EXPECT_EQ(layer.stats().triangles_sent, 42);
}
