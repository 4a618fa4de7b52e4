// A field of a training recipe (lancet-cli train): absent or null gives the
// fallback, a value of the wrong type is an InvalidFile error naming the field.
#pragma once

#include "commands.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lancet::cli {

template <class T>
T recipe_field(const nlohmann::json& j, const char* key, T fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    try {
        return it->get<T>();
    } catch (const std::exception&) {
        throw_error({ErrorCode::InvalidFile, std::string("recipe: field \"") + key + "\" has the wrong type"});
    }
}

}  // namespace lancet::cli
