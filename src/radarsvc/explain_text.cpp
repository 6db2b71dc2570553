#include "radarsvc/explain_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

namespace ah::radarsvc {
namespace {

std::string quoted(const std::vector<std::string>& values) {
  std::vector<std::string> q;
  for (const auto& v : values) q.push_back("'" + v + "'");
  return fmt::format("{}", fmt::join(q, ", "));
}

}  // namespace

std::string describe(const radar::Why& why, const std::map<std::int64_t, std::string>& titles) {
  using radar::WhyKind;
  switch (why.kind) {
    case WhyKind::followed_author:
      return fmt::format("follows {}", fmt::join(why.values, ", "));
    case WhyKind::seed_author: {
      std::vector<std::string> parts;
      for (std::size_t i = 0; i < why.values.size(); ++i) {
        const int n = i < why.counts.size() ? why.counts[i] : 1;
        parts.push_back(fmt::format("{} ({} of your papers)", why.values[i], n));
      }
      return fmt::format("by authors of your papers: {}", fmt::join(parts, ", "));
    }
    case WhyKind::keyword:
      return fmt::format("matches {}", quoted(why.values));
    case WhyKind::similar_papers: {
      const int n = why.counts.empty() ? static_cast<int>(why.papers.size()) : why.counts[0];
      std::vector<std::string> names;
      for (std::int64_t id : why.papers) {
        auto it = titles.find(id);
        names.push_back(it != titles.end() ? "\"" + it->second + "\"" : fmt::format("ah:{}", id));
      }
      return fmt::format("like {} of your seed papers: {}", n, fmt::join(names, "; "));
    }
    case WhyKind::taste_terms:
      return fmt::format("terms you favour: {}", fmt::join(why.values, ", "));
    case WhyKind::category:
      return fmt::format("in {}, like your papers", fmt::join(why.values, ", "));
    case WhyKind::venue:
      return fmt::format("in {}, like your papers", fmt::join(why.values, ", "));
    case WhyKind::source:
      return fmt::format("from {}, like your papers", fmt::join(why.values, ", "));
    case WhyKind::recent:
      return fmt::format("new ({})", fmt::join(why.values, ", "));
  }
  return std::string(radar::to_string(why.kind));
}

}  // namespace ah::radarsvc
