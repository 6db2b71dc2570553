#include "core/work.h"

#include <array>
#include <cctype>
#include <utility>

namespace ah::core {
namespace {

constexpr std::array<std::pair<WorkType, std::string_view>, 16> kWorkTypes = {{
    {WorkType::unknown, "unknown"},
    {WorkType::preprint, "preprint"},
    {WorkType::article, "article"},
    {WorkType::review, "review"},
    {WorkType::proceedings, "proceedings"},
    {WorkType::chapter, "chapter"},
    {WorkType::book, "book"},
    {WorkType::letter, "letter"},
    {WorkType::correction, "correction"},
    {WorkType::erratum, "erratum"},
    {WorkType::retraction, "retraction"},
    {WorkType::expression_of_concern, "expression-of-concern"},
    {WorkType::comment, "comment"},
    {WorkType::editorial, "editorial"},
    {WorkType::dataset, "dataset"},
    {WorkType::other, "other"},
}};

constexpr std::array<std::pair<RelationType, std::string_view>, 5> kRelationTypes = {{
    {RelationType::has_preprint, "has-preprint"},
    {RelationType::is_preprint_of, "is-preprint-of"},
    {RelationType::same_as, "same-as"},
    {RelationType::updated_by, "updated-by"},
    {RelationType::updates, "updates"},
}};

constexpr std::array<std::pair<NoticeKind, std::string_view>, 7> kNoticeKinds = {{
    {NoticeKind::none, ""},
    {NoticeKind::correction, "correction"},
    {NoticeKind::erratum, "erratum"},
    {NoticeKind::retraction, "retraction"},
    {NoticeKind::expression_of_concern, "expression-of-concern"},
    {NoticeKind::withdrawal, "withdrawal"},
    {NoticeKind::other, "other"},
}};

template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table.front().second;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view to_string(WorkType type) { return name_of(kWorkTypes, type); }

WorkType parse_work_type(std::string_view name) {
  for (const auto& [v, n] : kWorkTypes) {
    if (n == name) return v;
  }
  return WorkType::unknown;
}

bool is_notice(WorkType type) {
  switch (type) {
    case WorkType::correction:
    case WorkType::erratum:
    case WorkType::retraction:
    case WorkType::expression_of_concern:
    case WorkType::comment:
      return true;
    default:
      return false;
  }
}

std::string_view to_string(RelationType type) { return name_of(kRelationTypes, type); }

std::optional<RelationType> parse_relation_type(std::string_view name) {
  for (const auto& [v, n] : kRelationTypes) {
    if (n == name) return v;
  }
  return std::nullopt;
}

bool links_records(RelationType type) {
  return type == RelationType::has_preprint || type == RelationType::is_preprint_of ||
         type == RelationType::same_as;
}

std::string_view to_string(NoticeKind kind) { return name_of(kNoticeKinds, kind); }

NoticeKind parse_notice_kind(std::string_view name) {
  for (const auto& [v, n] : kNoticeKinds) {
    if (n == name) return v;
  }
  return NoticeKind::none;
}

NoticeKind notice_kind_from_source_word(std::string_view word) {
  const std::string w = lower(word);
  // Crossref update types and PubMed RefTypes ("RetractionIn", "ErratumFor", ...), by stem.
  if (w.find("retract") != std::string::npos) return NoticeKind::retraction;
  if (w.find("concern") != std::string::npos) return NoticeKind::expression_of_concern;
  if (w.find("erratum") != std::string::npos || w.find("errata") != std::string::npos) {
    return NoticeKind::erratum;
  }
  if (w.find("correct") != std::string::npos || w.find("corrigend") != std::string::npos) {
    return NoticeKind::correction;
  }
  if (w.find("withdraw") != std::string::npos || w == "removal") return NoticeKind::withdrawal;
  return NoticeKind::other;
}

}  // namespace ah::core
