// Static tables behind the synthetic corpus: arXiv categories with their popularity, person names
// (LaTeX and UTF-8 forms), affiliations, journals and venues. Constant data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace ah::bench {

struct Category {
  std::string_view name;  // "cs.LG", "hep-th"
  double weight;          // relative share of primary submissions
};

// About 150 arXiv categories, most popular first.
std::span<const Category> categories();

// Archive of a category: "cs.LG" -> "cs", "cond-mat.str-el" -> "cond-mat", "hep-th" -> "hep-th".
std::string_view archive_of(std::string_view category);

// OAI-PMH setSpec of a category: "cs", "math", "physics:hep-th", "physics:cond-mat", "stat", ...
std::string_view set_spec_of(std::string_view category);

// A name as arXiv writes it in LaTeX ("Bal\\'azs") and as Unicode ("Balázs"); utf8 equals latex
// when the name has no accents.
struct Name {
  std::string_view latex;
  std::string_view utf8;
};

std::span<const Name> first_names();
std::span<const Name> surnames();
std::span<const std::string_view> affiliations();
// A journal and the fmt pattern of its DOIs; the pattern may use the named arguments {vol},
// {page}, {year}, {yy}, {mm} and {num} (all strings).
struct Journal {
  std::string_view name;         // "Phys. Rev. D"
  std::string_view doi_pattern;  // "10.1103/PhysRevD.{vol}.{page}"
};

std::span<const Journal> journals();
std::span<const std::string_view> venues();         // "NeurIPS", "ICML", "CVPR", ...
std::span<const std::string_view> licenses();       // license URLs, most common first
std::span<const std::string_view> math_snippets();  // "$\\alpha$", "$O(n\\log n)$", ...

}  // namespace ah::bench
