// Muscle mechanics over the catalogue's muscles: relative elongation from neutral to the end
// range, passive force after Thelen, growing with stretch and with tightness.
#include "../catalogue_fixture.hpp"
#include "biomech/muscle_mechanics.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace cataloguetest;  // the default catalogue, muscle(), length(), hip_knee()

TEST(MuscleMechanics, RelativeElongationIsZeroAtNeutralAndOneAtTheEndRange) {
    for (const auto& m : catalogue().muscles) {
        EXPECT_NEAR(biomech::muscle_state(m, m.neutral_length_m, 0.0f, catalogue()).relative_elongation, 0.0f, 1e-6f) << m.id;
        if (std::abs(m.end_length_m - m.neutral_length_m) > 0.03f * m.neutral_length_m) {
            EXPECT_NEAR(biomech::muscle_state(m, m.end_length_m, 0.0f, catalogue()).relative_elongation, 1.0f, 1e-5f) << m.id;
        }
    }
    // The hamstrings' end range is a straight-leg raise to 80 degrees.
    const auto& sm = muscle("semimembranosus_r");
    const float slr40 = biomech::muscle_state(sm, length(sm.id, hip_knee(40, 0)), 0.0f, catalogue()).relative_elongation;
    EXPECT_GT(slr40, 0.3f);
    EXPECT_LT(slr40, 0.7f);
}

TEST(MuscleMechanics, PassiveForceFollowsThelenAndGrowsWithStretchAndTightness) {
    EXPECT_FLOAT_EQ(biomech::thelen_passive(0.9f, 4.0f, 0.6f), 0.0f);
    EXPECT_NEAR(biomech::thelen_passive(1.2f, 4.0f, 0.6f), 0.052f, 0.002f);  // anatomy-data 2.1 worked values
    EXPECT_NEAR(biomech::thelen_passive(1.4f, 4.0f, 0.6f), 0.250f, 0.003f);
    EXPECT_NEAR(biomech::thelen_passive(1.6f, 4.0f, 0.6f), 1.0f, 1e-4f);
    const auto& ps = muscle("psoas_r");
    const float l_ext = length(ps.id, hip_knee(-15, 0));
    const auto loose = biomech::muscle_state(ps, l_ext, 0.0f, catalogue());
    const auto tight = biomech::muscle_state(ps, l_ext, 1.0f, catalogue());
    EXPECT_GT(tight.passive_force_n, loose.passive_force_n + 50.0f);
    EXPECT_GT(tight.fibre_length_norm, loose.fibre_length_norm);
    const auto& bf = muscle("biceps_femoris_long_r");
    EXPECT_GT(biomech::muscle_state(bf, length(bf.id, hip_knee(80, 0)), 0.0f, catalogue()).passive_force_n,
              biomech::muscle_state(bf, bf.neutral_length_m, 0.0f, catalogue()).passive_force_n);
}
