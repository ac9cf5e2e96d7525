#include "list_options.hpp"

#include <sstream>

namespace app {

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

CLI::Validator layers_validator(bool at_least_one) {
    return CLI::Validator(
        [at_least_one](std::string& s) -> std::string {
            const auto items = split_list(s);
            if (at_least_one && items.empty()) return "expected a comma list of skeleton, muscles, skin (at least one)";
            for (const auto& item : items)
                if (item != "skeleton" && item != "muscles" && item != "skin") return "expected a comma list of skeleton, muscles, skin";
            return "";
        },
        "LIST", "layers");
}

}  // namespace app
