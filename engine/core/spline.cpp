#include "core/spline.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace core {

NaturalSpline::NaturalSpline(std::vector<double> knots, std::vector<double> values) : x_(std::move(knots)), y_(std::move(values)) {
    if (x_.empty() || x_.size() != y_.size()) throw Error("spline: knots and values must be non-empty and equally many");
    for (std::size_t i = 0; i < x_.size(); ++i) {
        if (!std::isfinite(x_[i]) || !std::isfinite(y_[i])) throw Error("spline: knots and values must be finite");
        if (i > 0 && !(x_[i] > x_[i - 1])) throw Error("spline: knots must be strictly increasing");
    }
    const std::size_t n = x_.size();
    m_.assign(n, 0.0);
    if (n < 3) return;
    // Tridiagonal system for the second derivatives with m[0] = m[n-1] = 0 (natural ends).
    std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 0.0), r(n, 0.0);
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const double h0 = x_[i] - x_[i - 1], h1 = x_[i + 1] - x_[i];
        a[i] = h0;
        b[i] = 2.0 * (h0 + h1);
        c[i] = h1;
        r[i] = 6.0 * ((y_[i + 1] - y_[i]) / h1 - (y_[i] - y_[i - 1]) / h0);
    }
    for (std::size_t i = 1; i < n; ++i) {  // forward sweep
        const double w = a[i] / b[i - 1];
        b[i] -= w * c[i - 1];
        r[i] -= w * r[i - 1];
    }
    m_[n - 1] = r[n - 1] / b[n - 1];
    for (std::size_t i = n - 1; i-- > 0;) m_[i] = (r[i] - c[i] * m_[i + 1]) / b[i];
    m_.front() = 0.0;
    m_.back() = 0.0;
}

double NaturalSpline::operator()(double x) const {
    const std::size_t n = x_.size();
    if (n == 0) return 0.0;
    if (n == 1) return y_[0];
    if (x <= x_.front()) return y_.front() + derivative(x_.front()) * (x - x_.front());
    if (x >= x_.back()) return y_.back() + derivative(x_.back()) * (x - x_.back());
    const std::size_t i = static_cast<std::size_t>(std::upper_bound(x_.begin(), x_.end(), x) - x_.begin()) - 1;
    const double h = x_[i + 1] - x_[i];
    const double t = (x - x_[i]) / h, u = 1.0 - t;
    return u * y_[i] + t * y_[i + 1] + ((u * u * u - u) * m_[i] + (t * t * t - t) * m_[i + 1]) * h * h / 6.0;
}

double NaturalSpline::derivative(double x) const {
    const std::size_t n = x_.size();
    if (n < 2) return 0.0;
    x = std::clamp(x, x_.front(), x_.back());
    std::size_t i = static_cast<std::size_t>(std::upper_bound(x_.begin(), x_.end(), x) - x_.begin());
    i = std::clamp<std::size_t>(i, 1, n - 1) - 1;
    const double h = x_[i + 1] - x_[i];
    const double t = (x - x_[i]) / h, u = 1.0 - t;
    return (y_[i + 1] - y_[i]) / h + ((1.0 - 3.0 * u * u) * m_[i] + (3.0 * t * t - 1.0) * m_[i + 1]) * h / 6.0;
}

}  // namespace core
