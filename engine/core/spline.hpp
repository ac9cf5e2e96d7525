// core/spline.hpp: natural cubic splines through knots, as published musculoskeletal models use
// for knee translations and moving muscle points (OpenSim's SimmSpline). Outside the knots the
// curve continues along its end tangents.
#pragma once

#include <vector>

namespace core {

class NaturalSpline {
public:
    NaturalSpline() = default;
    // Knots must be strictly increasing and as many as values (at least 1). Throws core::Error.
    NaturalSpline(std::vector<double> knots, std::vector<double> values);
    static NaturalSpline constant(double value) { return NaturalSpline({0.0}, {value}); }

    double operator()(double x) const;
    double derivative(double x) const;
    bool empty() const { return x_.empty(); }
    const std::vector<double>& knots() const { return x_; }
    const std::vector<double>& values() const { return y_; }

private:
    std::vector<double> x_, y_, m_;  // m_: second derivatives at the knots
};

}  // namespace core
