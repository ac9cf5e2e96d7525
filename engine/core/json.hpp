// core/json.hpp: reading validated data files with errors that name the file, the place and
// what was expected. A `JsonReader` collects every problem (so `anatomy validate` can list them
// all) and `finish()` throws one core::Error holding them.
//
//   JsonReader r("assets/muscles.json", text);          // syntax errors throw with line:column
//   for (auto m : r.root()["muscles"].items()) {
//       auto id = m["id"].string();                     // missing or wrong type -> a problem
//       auto f  = m["f_max_n"].number(0.0, 1e5);        // out of range -> a problem
//   }
//   r.finish();                                         // throws if any problem was found
#pragma once

#include "core/math.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace core {

using Json = nlohmann::json;

// Parses JSON text; syntax errors throw core::Error "file:line:column: ...".
Json parse_json(const std::string& file, const std::string& text);

class JsonReader;

// A view of one value plus its place ("/muscles/3/f_max_n"). Accessors never throw; they record
// a problem and return a harmless default, so parsing goes on to find the next problem.
class JsonNode {
public:
    JsonNode() = default;
    JsonNode(JsonReader* reader, const Json* value, std::string path) : reader_(reader), value_(value), path_(std::move(path)) {}

    bool present() const { return value_ != nullptr; }
    // The same value with a readable label in its path, e.g. "/muscles/3 (psoas)".
    JsonNode labelled(const std::string& label) const { return JsonNode(reader_, value_, path_ + " (" + label + ")"); }
    const std::string& path() const { return path_; }
    const Json* raw() const { return value_; }

    // A required member (a problem if missing); optional members use has() / get().
    JsonNode operator[](const std::string& key) const;
    bool has(const std::string& key) const;
    JsonNode get(const std::string& key) const;  // not present -> an empty node, no problem

    bool is_object() const { return value_ && value_->is_object(); }
    bool is_array() const { return value_ && value_->is_array(); }
    bool is_string() const { return value_ && value_->is_string(); }
    bool is_number() const { return value_ && value_->is_number(); }

    // Elements of an array (a problem if this is not an array).
    std::vector<JsonNode> items() const;
    // Members of an object in file order (a problem if this is not an object).
    std::vector<std::pair<std::string, JsonNode>> members() const;

    std::string string(const std::string& fallback = {}) const;
    std::string string_one_of(const std::vector<std::string>& allowed, const std::string& fallback) const;
    double number(double min, double max, double fallback = 0.0) const;
    int integer(int min, int max, int fallback = 0) const;
    bool boolean(bool fallback = false) const;
    glm::vec3 vec3(float max_abs, glm::vec3 fallback = glm::vec3(0.0f)) const;
    std::vector<std::string> strings() const;
    std::vector<double> numbers(double min, double max) const;

    // Records a problem at this place (used by callers for cross-field checks).
    void problem(const std::string& what) const;

private:
    JsonReader* reader_ = nullptr;
    const Json* value_ = nullptr;
    std::string path_;
};

// Reports members of `node` not in `allowed` ("unknown field "x" (expected one of: ...)"): a typo
// in a data file would otherwise be ignored silently.
void check_keys(const JsonNode& node, std::initializer_list<const char*> allowed);

class JsonReader {
public:
    // Parses `text`; throws core::Error on a syntax error.
    JsonReader(std::string file, const std::string& text);
    // Wraps an already-parsed document (not owned; must outlive the reader).
    JsonReader(std::string file, const Json* doc);

    JsonNode root() { return JsonNode(this, doc_, ""); }
    const std::string& file() const { return file_; }

    void add_problem(const std::string& path, const std::string& what);
    const std::vector<std::string>& problems() const { return problems_; }
    bool ok() const { return problems_.empty(); }
    // Throws core::Error listing every problem ("file: /path: what"), if there are any.
    void finish() const;

private:
    std::string file_;
    std::unique_ptr<Json> owned_;
    const Json* doc_ = nullptr;
    std::vector<std::string> problems_;
};

}  // namespace core
