// One view composed for every consumer: the ghost, the stretch's props with a shadow key that
// follows them, and the overlays only where asked.
#include "gl_fixture.hpp"

#include "scene/compose.hpp"
#include "scene/posture_state.hpp"
#include "scene/shown.hpp"

namespace {

int translucent_shadowless_items(const gfx::FrameDesc& f) {
    int n = 0;
    for (const auto& item : f.items)
        if (item.color.a < 0.5f && !item.casts_shadow) ++n;
    return n;
}

}  // namespace

class ComposeGl : public GlTest {};

TEST_F(ComposeGl, GhostPropsAndOverlaysComeOnlyWhereAsked) {
    scene::World world;
    scene::Body& body = world.body();
    scene::PostureState posture(body.skeleton(), body.catalogue());
    scene::StretchState stretch(body.skeleton(), body.catalogue());
    scene::PropRenderer props;
    const anat::Pose standing = posture.displayed_pose();

    scene::ViewContent plain;
    plain.pose = &standing;
    plain.tightness = &posture.target().tightness;
    gfx::FrameDesc bare;
    const scene::ComposedView none = scene::compose_view(world, plain, bare);
    EXPECT_TRUE(bare.lines.empty());
    EXPECT_TRUE(none.labels.empty());
    EXPECT_EQ(translucent_shadowless_items(bare), 0);
    EXPECT_GT(none.measures.sacral_slope_deg, 20.0f);  // measured on the posed body
    EXPECT_LT(none.measures.sacral_slope_deg, 50.0f);

    scene::ViewContent full = plain;
    full.ghost = standing;
    scene::Shown shown;
    full.overlays = scene::overlays_drawn(shown, nullptr);
    gfx::FrameDesc with;
    const scene::ComposedView drawn = scene::compose_view(world, full, with);
    EXPECT_GT(translucent_shadowless_items(with), 10);  // the ghost's bones, casting no shadow
    EXPECT_FALSE(with.lines.empty());
    EXPECT_FALSE(drawn.labels.empty());

    // A stretch with props: drawn where the view has them, and a new clip's props give a new
    // shadow even where the body's pose is the same.
    stretch.start(stretch.library().find("supine_hamstring_strap"), standing);
    stretch.update(2.0f, standing, posture.target().tightness);
    ASSERT_TRUE(stretch.showing_clip());
    const anat::Pose pose = stretch.pose();
    scene::ViewContent with_props;
    with_props.pose = &pose;
    with_props.props_of = &stretch;
    with_props.props = &props;
    scene::ViewContent without_props = with_props;
    without_props.props = nullptr;
    without_props.props_of = nullptr;
    gfx::FrameDesc a, b;
    scene::compose_view(world, without_props, a);
    scene::compose_view(world, with_props, b);
    EXPECT_GT(b.items.size(), a.items.size());
    EXPECT_GT(b.lines.size(), a.lines.size());  // the strap
    EXPECT_GT(b.shadow_casters.size(), a.shadow_casters.size()) << "the props cast shadows too";
}
