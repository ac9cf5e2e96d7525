#include "core/math.hpp"

#include <glm/gtc/matrix_transform.hpp>

namespace core {

glm::mat4 Rigid::matrix() const {
    glm::mat4 m = glm::mat4_cast(rotation);
    m[3] = glm::vec4(translation, 1.0f);
    return m;
}

Bounds Bounds::transformed(const glm::mat4& m) const {
    Bounds out;
    if (empty()) return out;
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 c{(i & 1) ? max.x : min.x, (i & 2) ? max.y : min.y, (i & 4) ? max.z : min.z};
        out.add(glm::vec3(m * glm::vec4(c, 1.0f)));
    }
    return out;
}

}  // namespace core
