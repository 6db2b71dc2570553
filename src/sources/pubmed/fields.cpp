#include "sources/pubmed/fields.h"

#include <array>
#include <charconv>
#include <cstdio>
#include <utility>

#include "core/identifiers.h"

namespace ah::sources::pubmed {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    if ((a[k] | 0x20) != (b[k] | 0x20)) return false;
  }
  return true;
}

std::string child_text(const pugi::xml_node& node, const char* name) {
  return std::string(trim(node.child(name).text().get()));
}

int to_int(std::string_view s) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size() ? v : 0;
}

std::string iso(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[(month - 1) % 12];
}

// The first month of a season; 0 when `text` names none.
int season_month(std::string_view text) {
  if (iequals(text, "spring")) return 3;
  if (iequals(text, "summer")) return 6;
  if (iequals(text, "fall") || iequals(text, "autumn")) return 9;
  if (iequals(text, "winter")) return 1;
  return 0;
}

// The period from year/month/day/season parts; month 0 = the whole year.
DatePeriod period(int year, int month, int day, int season) {
  if (year < 1000 || year > 9999) return {};
  if (season > 0) {
    const int last_month = season + 2;
    return {iso(year, season, 1), iso(year, last_month, days_in_month(year, last_month))};
  }
  if (month < 1 || month > 12) return {iso(year, 1, 1), iso(year, 12, 31)};
  if (day < 1 || day > days_in_month(year, month)) {
    return {iso(year, month, 1), iso(year, month, days_in_month(year, month))};
  }
  return {iso(year, month, day), iso(year, month, day)};
}

}  // namespace

int month_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && is_digit(text.front())) {
    const int m = to_int(text);
    return m >= 1 && m <= 12 ? m : 0;
  }
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (text.size() < 3) return 0;
  for (size_t k = 0; k < kMonths.size(); ++k) {
    if (iequals(text.substr(0, 3), kMonths[k])) return static_cast<int>(k) + 1;
  }
  return 0;
}

DatePeriod medline_date(std::string_view text) {
  // Words of the text in order: the first 4-digit number is the year; a month name or season
  // right after it, then a day number, narrow it. Anything after that (the end of a range) is
  // ignored: the period starts at the first date it names.
  std::vector<std::string_view> words;
  size_t k = 0;
  while (k < text.size()) {
    while (k < text.size() && !is_digit(text[k]) && !is_alpha(text[k])) ++k;
    size_t start = k;
    if (k < text.size() && is_digit(text[k])) {
      while (k < text.size() && is_digit(text[k])) ++k;
    } else {
      while (k < text.size() && is_alpha(text[k])) ++k;
    }
    if (k > start) words.push_back(text.substr(start, k - start));
  }
  size_t y = 0;
  while (y < words.size() && !(words[y].size() == 4 && is_digit(words[y][0]))) ++y;
  if (y == words.size()) return {};
  const int year = to_int(words[y]);
  int month = 0, day = 0, season = 0;
  if (y + 1 < words.size() && is_alpha(words[y + 1][0])) {
    month = month_number(words[y + 1]);
    season = month == 0 ? season_month(words[y + 1]) : 0;
    if (month > 0 && y + 2 < words.size() && is_digit(words[y + 2][0]) &&
        words[y + 2].size() <= 2) {
      day = to_int(words[y + 2]);
    }
  }
  // "Spring 2000" writes the season first.
  if (month == 0 && season == 0 && y > 0) season = season_month(words[y - 1]);
  return period(year, month, day, season);
}

DatePeriod date_period(const pugi::xml_node& date) {
  if (!date) return {};
  if (pugi::xml_node m = date.child("MedlineDate")) return medline_date(m.text().get());
  const std::string year = child_text(date, "Year");
  if (year.size() != 4) return {};
  const std::string season = child_text(date, "Season");
  return period(to_int(year), month_number(child_text(date, "Month")),
                to_int(child_text(date, "Day")), season.empty() ? 0 : season_month(season));
}

TypeFlags read_publication_types(const std::vector<std::string>& types) {
  using core::WorkType;
  // Lower rank wins: notices first, then the kinds of text, research articles last.
  static constexpr std::array<std::pair<std::string_view, WorkType>, 34> kTable = {{
      {"Retraction of Publication", WorkType::retraction},
      {"Published Erratum", WorkType::erratum},
      {"Expression of Concern", WorkType::expression_of_concern},
      {"Comment", WorkType::comment},
      {"Preprint", WorkType::preprint},
      {"Editorial", WorkType::editorial},
      {"News", WorkType::editorial},
      {"Newspaper Article", WorkType::editorial},
      {"Letter", WorkType::letter},
      {"Review", WorkType::review},
      {"Systematic Review", WorkType::review},
      {"Scoping Review", WorkType::review},
      {"Dataset", WorkType::dataset},
      {"Congress", WorkType::proceedings},
      {"Consensus Development Conference", WorkType::proceedings},
      {"Consensus Development Conference, NIH", WorkType::proceedings},
      {"Journal Article", WorkType::article},
      {"Meta-Analysis", WorkType::article},
      {"Randomized Controlled Trial", WorkType::article},
      {"Controlled Clinical Trial", WorkType::article},
      {"Pragmatic Clinical Trial", WorkType::article},
      {"Equivalence Trial", WorkType::article},
      {"Multicenter Study", WorkType::article},
      {"Observational Study", WorkType::article},
      {"Comparative Study", WorkType::article},
      {"Evaluation Study", WorkType::article},
      {"Validation Study", WorkType::article},
      {"Twin Study", WorkType::article},
      {"Case Reports", WorkType::article},
      {"Clinical Study", WorkType::article},
      {"Technical Report", WorkType::article},
      {"Practice Guideline", WorkType::article},
      {"Guideline", WorkType::article},
      {"Corrected and Republished Article", WorkType::article},
  }};
  TypeFlags out;
  size_t best = kTable.size();
  for (const std::string& raw : types) {
    std::string_view t = trim(raw);
    if (iequals(t, "Retracted Publication")) {
      out.retracted = true;
      continue;
    }
    // "Clinical Trial", "Clinical Trial, Phase III", "Clinical Trial Protocol", ...
    if (t.starts_with("Clinical Trial") || t.starts_with("Adaptive Clinical Trial")) {
      t = "Journal Article";
    }
    for (size_t k = 0; k < best; ++k) {
      if (iequals(t, kTable[k].first)) {
        best = k;
        break;
      }
    }
  }
  if (best < kTable.size()) out.type = kTable[best].second;
  return out;
}

std::optional<RefTypeMeaning> notice_reftype(std::string_view reftype) {
  using core::RelationType;
  static constexpr std::array<std::string_view, 6> kIn = {"RetractionIn",
                                                          "ErratumIn",
                                                          "ExpressionOfConcernIn",
                                                          "PartialRetractionIn",
                                                          "CorrectedandRepublishedIn",
                                                          "RetractionandRepublishedIn"};
  static constexpr std::array<std::string_view, 6> kOf = {"RetractionOf",
                                                          "ErratumFor",
                                                          "ExpressionOfConcernFor",
                                                          "PartialRetractionOf",
                                                          "CorrectedandRepublishedFrom",
                                                          "RetractionandRepublishedFrom"};
  for (std::string_view t : kIn) {
    if (iequals(reftype, t)) {
      return RefTypeMeaning{RelationType::updated_by, core::notice_kind_from_source_word(t)};
    }
  }
  for (std::string_view t : kOf) {
    if (iequals(reftype, t)) {
      return RefTypeMeaning{RelationType::updates, core::notice_kind_from_source_word(t)};
    }
  }
  return std::nullopt;
}

bool is_preprint_doi(std::string_view doi) {
  static constexpr std::array<std::string_view, 8> kPrefixes = {
      "10.1101/", "10.64898/", "10.48550/", "10.21203/",
      "10.2139/", "10.20944/", "10.31219/", "10.26434/"};
  for (std::string_view p : kPrefixes) {
    if (doi.starts_with(p)) return true;
  }
  return false;
}

std::string doi_in_citation(std::string_view citation) {
  size_t at = std::string_view::npos;
  for (size_t k = 0; k + 4 <= citation.size(); ++k) {
    if (iequals(citation.substr(k, 4), "doi:")) {
      at = k + 4;
      break;
    }
  }
  if (at == std::string_view::npos) return {};
  std::string_view rest = trim(citation.substr(at));
  size_t end = 0;
  while (end < rest.size() && rest[end] != ' ' && rest[end] != '\n' && rest[end] != '\t') ++end;
  std::string_view doi = rest.substr(0, end);
  while (!doi.empty() && (doi.back() == '.' || doi.back() == ',' || doi.back() == ';')) {
    doi.remove_suffix(1);
  }
  auto normalised = core::normalize_doi(doi);
  return normalised ? *normalised : std::string();
}

std::string language_code(std::string_view pubmed_code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 50> kCodes = {{
      {"eng", "en"}, {"fre", "fr"}, {"ger", "de"}, {"spa", "es"}, {"ita", "it"}, {"por", "pt"},
      {"rus", "ru"}, {"jpn", "ja"}, {"chi", "zh"}, {"kor", "ko"}, {"dut", "nl"}, {"pol", "pl"},
      {"swe", "sv"}, {"dan", "da"}, {"nor", "no"}, {"fin", "fi"}, {"cze", "cs"}, {"hun", "hu"},
      {"tur", "tr"}, {"gre", "el"}, {"heb", "he"}, {"ara", "ar"}, {"per", "fa"}, {"ukr", "uk"},
      {"rum", "ro"}, {"hrv", "hr"}, {"srp", "sr"}, {"slo", "sk"}, {"slv", "sl"}, {"bul", "bg"},
      {"lit", "lt"}, {"lav", "lv"}, {"est", "et"}, {"ice", "is"}, {"ind", "id"}, {"tha", "th"},
      {"vie", "vi"}, {"hin", "hi"}, {"afr", "af"}, {"cat", "ca"}, {"glg", "gl"}, {"baq", "eu"},
      {"wel", "cy"}, {"gle", "ga"}, {"lat", "la"}, {"mal", "ml"}, {"may", "ms"}, {"mac", "mk"},
      {"alb", "sq"}, {"arm", "hy"},
  }};
  const std::string_view code = trim(pubmed_code);
  for (auto [three, two] : kCodes) {
    if (iequals(code, three)) return std::string(two);
  }
  return {};
}

std::string normalize_issn(std::string_view text) {
  std::string compact;
  for (char c : trim(text)) {
    if (c == '-') continue;
    compact.push_back(c == 'x' ? 'X' : c);
  }
  if (compact.size() != 8) return {};
  for (size_t k = 0; k < 7; ++k) {
    if (!is_digit(compact[k])) return {};
  }
  if (!is_digit(compact[7]) && compact[7] != 'X') return {};
  return compact.substr(0, 4) + "-" + compact.substr(4);
}

}  // namespace ah::sources::pubmed
