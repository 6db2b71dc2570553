// The names of arXiv's categories ("cs.CL" -> "Computation and Language"), current and
// retired, and of its archives ("cs" -> "Computer Science"). Pure data; thread-safe.
#pragma once

#include <span>
#include <string_view>
#include <utility>

namespace ah::web {

// The name of a category or archive; "" when unknown. Exact match first, then ASCII
// case-insensitive ("CS.cl").
std::string_view category_name(std::string_view category);

// Every (category, name) pair, sorted by category.
std::span<const std::pair<std::string_view, std::string_view>> category_names();

}  // namespace ah::web
