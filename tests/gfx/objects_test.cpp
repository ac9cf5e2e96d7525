// GL-object tests that need no context: empty wrappers make no GL calls.
#include "gfx/objects.hpp"

#include <gtest/gtest.h>

#include <type_traits>

static_assert(!std::is_copy_constructible_v<gfx::Buffer>, "GL objects have exactly one owner");
static_assert(!std::is_copy_assignable_v<gfx::Program>, "GL objects have exactly one owner");
static_assert(std::is_nothrow_move_constructible_v<gfx::Texture>, "moves must not throw");

TEST(GlObjects, EmptyWrappersNeedNoContext) {
    gfx::Buffer b;
    EXPECT_FALSE(b);
    EXPECT_EQ(b.id(), 0u);
    gfx::Buffer moved = std::move(b);
    EXPECT_FALSE(moved);
    moved.reset();  // no GL call: would crash without a context if it made one
    EXPECT_EQ(gfx::live_gl_objects_total(), 0);
}

TEST(GlObjects, ReleaseGivesUpOwnershipAndUpdatesTheCount) {
    // Adopting a fake name counts it; releasing hands it back without a GL delete.
    gfx::Texture t(42u);
    EXPECT_EQ(gfx::live_gl_objects(gfx::GlKind::texture), 1);
    gfx::Texture u = std::move(t);
    EXPECT_EQ(u.id(), 42u);
    EXPECT_EQ(t.id(), 0u);
    EXPECT_EQ(u.release(), 42u);
    EXPECT_EQ(gfx::live_gl_objects(gfx::GlKind::texture), 0);
}
