#include "core/json.hpp"

#include "core/error.hpp"

#include <cmath>
#include <sstream>

namespace core {

Json parse_json(const std::string& file, const std::string& text) {
    try {
        return Json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // Turn the byte offset into line:column, which editors understand.
        std::size_t line = 1, col = 1;
        const std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        for (std::size_t i = 0; i < end; ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        std::string what = e.what();
        if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
        throw Error(file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": invalid JSON: " + what);
    } catch (const nlohmann::json::exception& e) {
        // Numbers out of range (1e999) and the like: still a bad file, not a crash.
        std::string what = e.what();
        if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
        throw Error(file + ": invalid JSON: " + what);
    }
}

JsonReader::JsonReader(std::string file, const std::string& text)
    : file_(std::move(file)), owned_(std::make_unique<Json>(parse_json(file_, text))), doc_(owned_.get()) {}

JsonReader::JsonReader(std::string file, const Json* doc) : file_(std::move(file)), doc_(doc) {}

void JsonReader::add_problem(const std::string& path, const std::string& what) {
    constexpr std::size_t max_problems = 200;  // a hopeless file should not flood the terminal
    if (problems_.size() < max_problems) problems_.push_back(file_ + ": " + (path.empty() ? "/" : path) + ": " + what);
}

void JsonReader::finish() const {
    if (problems_.empty()) return;
    std::ostringstream out;
    for (std::size_t i = 0; i < problems_.size(); ++i) out << (i ? "\n" : "") << problems_[i];
    throw Error(out.str());
}

namespace {
const char* type_name(const Json& j) {
    switch (j.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::object: return "an object";
        case Json::value_t::array: return "a list";
        case Json::value_t::string: return "text";
        case Json::value_t::boolean: return "true/false";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float: return "a number";
        default: return "an unknown value";
    }
}
std::string fmt(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}
}  // namespace

void JsonNode::problem(const std::string& what) const {
    if (reader_) reader_->add_problem(path_, what);
}

bool JsonNode::has(const std::string& key) const { return value_ && value_->is_object() && value_->contains(key); }

JsonNode JsonNode::get(const std::string& key) const {
    if (!has(key)) return JsonNode(reader_, nullptr, path_ + "/" + key);
    return JsonNode(reader_, &(*value_)[key], path_ + "/" + key);
}

JsonNode JsonNode::operator[](const std::string& key) const {
    if (!value_) return JsonNode(reader_, nullptr, path_ + "/" + key);  // parent already reported
    if (!value_->is_object()) {
        problem(std::string("expected an object, found ") + type_name(*value_));
        return JsonNode(reader_, nullptr, path_ + "/" + key);
    }
    if (!value_->contains(key)) {
        problem("missing required field \"" + key + "\"");
        return JsonNode(reader_, nullptr, path_ + "/" + key);
    }
    return JsonNode(reader_, &(*value_)[key], path_ + "/" + key);
}

std::vector<JsonNode> JsonNode::items() const {
    std::vector<JsonNode> out;
    if (!value_) return out;
    if (!value_->is_array()) {
        problem(std::string("expected a list, found ") + type_name(*value_));
        return out;
    }
    out.reserve(value_->size());
    for (std::size_t i = 0; i < value_->size(); ++i) out.emplace_back(reader_, &(*value_)[i], path_ + "/" + std::to_string(i));
    return out;
}

std::vector<std::pair<std::string, JsonNode>> JsonNode::members() const {
    std::vector<std::pair<std::string, JsonNode>> out;
    if (!value_) return out;
    if (!value_->is_object()) {
        problem(std::string("expected an object, found ") + type_name(*value_));
        return out;
    }
    for (auto it = value_->begin(); it != value_->end(); ++it) out.emplace_back(it.key(), JsonNode(reader_, &it.value(), path_ + "/" + it.key()));
    return out;
}

std::string JsonNode::string(const std::string& fallback) const {
    if (!value_) return fallback;
    if (!value_->is_string()) {
        problem(std::string("expected text, found ") + type_name(*value_));
        return fallback;
    }
    return value_->get<std::string>();
}

std::string JsonNode::string_one_of(const std::vector<std::string>& allowed, const std::string& fallback) const {
    if (!value_) return fallback;
    const std::string s = string(fallback);
    if (!value_->is_string()) return fallback;
    for (const auto& a : allowed)
        if (a == s) return s;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    problem("\"" + s + "\" is not one of: " + list);
    return fallback;
}

double JsonNode::number(double min, double max, double fallback) const {
    if (!value_) return fallback;
    if (!value_->is_number()) {
        problem(std::string("expected a number, found ") + type_name(*value_));
        return fallback;
    }
    const double v = value_->get<double>();
    if (!std::isfinite(v) || v < min || v > max) {
        problem("value " + fmt(v) + " is outside the allowed range [" + fmt(min) + ", " + fmt(max) + "]");
        return fallback;
    }
    return v;
}

int JsonNode::integer(int min, int max, int fallback) const {
    if (!value_) return fallback;
    if (!value_->is_number_integer() && !value_->is_number_unsigned()) {
        problem(std::string("expected a whole number, found ") + type_name(*value_));
        return fallback;
    }
    const double v = value_->get<double>();
    if (v < min || v > max) {
        problem("value " + fmt(v) + " is outside the allowed range [" + fmt(min) + ", " + fmt(max) + "]");
        return fallback;
    }
    return static_cast<int>(v);
}

bool JsonNode::boolean(bool fallback) const {
    if (!value_) return fallback;
    if (!value_->is_boolean()) {
        problem(std::string("expected true or false, found ") + type_name(*value_));
        return fallback;
    }
    return value_->get<bool>();
}

glm::vec3 JsonNode::vec3(float max_abs, glm::vec3 fallback) const {
    if (!value_) return fallback;
    if (!value_->is_array() || value_->size() != 3) {
        problem("expected a list of 3 numbers [x, y, z]");
        return fallback;
    }
    glm::vec3 out;
    for (int i = 0; i < 3; ++i) {
        const Json& e = (*value_)[static_cast<std::size_t>(i)];
        if (!e.is_number()) {
            problem("expected a list of 3 numbers [x, y, z]");
            return fallback;
        }
        const double v = e.get<double>();
        if (!std::isfinite(v) || std::abs(v) > max_abs) {
            problem("coordinate " + fmt(v) + " is outside [-" + fmt(max_abs) + ", " + fmt(max_abs) + "]");
            return fallback;
        }
        out[i] = static_cast<float>(v);
    }
    return out;
}

std::vector<std::string> JsonNode::strings() const {
    std::vector<std::string> out;
    for (const auto& item : items()) out.push_back(item.string());
    return out;
}

std::vector<double> JsonNode::numbers(double min, double max) const {
    std::vector<double> out;
    for (const auto& item : items()) out.push_back(item.number(min, max));
    return out;
}

void check_keys(const JsonNode& node, std::initializer_list<const char*> allowed) {
    if (!node.is_object()) return;
    for (const auto& [key, value] : node.members()) {
        bool ok = false;
        for (const char* a : allowed) ok = ok || key == a;
        if (!ok) {
            std::string list;
            for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            value.problem("unknown field \"" + key + "\" (expected one of: " + list + ")");
        }
    }
}

}  // namespace core
