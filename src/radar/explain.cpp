#include "radar/explain.h"

namespace ah::radar {

std::string_view to_string(WhyKind kind) {
  switch (kind) {
    case WhyKind::followed_author: return "followed_author";
    case WhyKind::seed_author: return "seed_author";
    case WhyKind::keyword: return "keyword";
    case WhyKind::similar_papers: return "similar_papers";
    case WhyKind::taste_terms: return "taste_terms";
    case WhyKind::category: return "category";
    case WhyKind::venue: return "venue";
    case WhyKind::source: return "source";
    case WhyKind::recent: return "recent";
  }
  return "unknown";
}

}  // namespace ah::radar
