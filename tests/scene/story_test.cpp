// The presentation's steps: which ones leave the arms out.
#include "scene/story.hpp"

#include <gtest/gtest.h>

TEST(Story, ASideViewAboutMusclesLeavesTheArmsOut) {
    scene::StoryStep step;
    step.view = core::ViewPreset::left;
    EXPECT_TRUE(scene::story_step_shows_arms(step)) << "the whole body standing: arms shown";
    step.highlight = {"hip_flexors"};
    EXPECT_FALSE(scene::story_step_shows_arms(step)) << "the arm hangs over the hip flexors from the side";
    step.view = core::ViewPreset::right;
    EXPECT_FALSE(scene::story_step_shows_arms(step));
    step.view = core::ViewPreset::anterior;
    EXPECT_TRUE(scene::story_step_shows_arms(step)) << "from the front the arms are beside the pelvis";
    step.view = core::ViewPreset::left;
    step.stretch = "half_kneeling_hip_flexor";
    EXPECT_TRUE(scene::story_step_shows_arms(step)) << "a stretch is shown with the whole body";
}

TEST(Story, TheDefaultStoryHidesTheArmsWhereItsTopicIsAMuscleGroup) {
    const scene::Story story = scene::load_default_story();
    int hidden = 0;
    for (const auto& st : story.steps) hidden += scene::story_step_shows_arms(st) ? 0 : 1;
    EXPECT_GE(hidden, 2);                                     // the hip flexors, and when they are shorter
    EXPECT_LT(hidden, static_cast<int>(story.steps.size()));  // the standing body keeps them
}
