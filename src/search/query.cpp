#include "search/query.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <chrono>

#include "core/calendar.h"
#include "search/limits.h"

namespace ah::search {
namespace {

enum class FieldKind { any, title, abstract, authors, category };

// Field names accepted before ':' (case-insensitive); the short forms are the documented ones.
struct FieldName {
  std::string_view name;
  FieldKind kind;
};
constexpr std::array kFields{
    FieldName{"ti", FieldKind::title},     FieldName{"title", FieldKind::title},
    FieldName{"abs", FieldKind::abstract}, FieldName{"abstract", FieldKind::abstract},
    FieldName{"au", FieldKind::authors},   FieldName{"author", FieldKind::authors},
    FieldName{"cat", FieldKind::category}, FieldName{"category", FieldKind::category},
};

// One lexical item of the query: a term (possibly a category filter) or the OR operator.
struct Item {
  bool is_or = false;
  FieldKind field = FieldKind::any;
  Term term;
  std::string category;  // for FieldKind::category: the value as written
  std::string text;      // the token as written, for error messages
  size_t position = 0;   // 1-based byte position of the token in the query
};

// Part of the query as an error message shows it: on one line, and at most 60 bytes (a message
// is printed as one line, and a query may be 1000 bytes).
std::string shown(std::string_view text) {
  constexpr size_t kMaxBytes = 60;
  std::string out;
  for (char c : text.substr(0, kMaxBytes)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c);
  }
  if (text.size() > kMaxBytes) {
    // Not half a character: cut before a sequence the limit split.
    size_t lead = out.size();
    while (lead > 0 && (static_cast<unsigned char>(out[lead - 1]) & 0xC0) == 0x80) --lead;
    if (lead > 0 && static_cast<unsigned char>(out[lead - 1]) >= 0xC0) {
      const auto b = static_cast<unsigned char>(out[lead - 1]);
      const size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      if (out.size() - (lead - 1) < length) out.resize(lead - 1);
    }
    out += "...";
  }
  return out;
}

std::unexpected<Error> syntax_error(std::string_view what, std::string_view token, size_t pos) {
  return fail(ErrorCode::invalid_argument,
              fmt::format("query: {} '{}' at position {}", what, shown(token), pos));
}

class Lexer {
 public:
  explicit Lexer(std::string_view q) : q_(q) {}

  // Reads the next item into `out`. Returns false at the end of the query. Items whose words are
  // all punctuation (a lone "-" or "&") are skipped.
  Result<bool> next(Item& out) {
    for (;;) {
      while (size_t n = blank_length(q_.substr(i_))) i_ += n;
      if (i_ >= q_.size()) return false;
      auto item = read_item();
      if (!item) return std::unexpected(item.error());
      if (*item) {
        out = std::move(**item);
        return true;
      }
    }
  }

 private:
  Result<std::optional<Item>> read_item() {
    const size_t start = i_;
    Item item;
    item.position = start + 1;
    if (q_[i_] == '-') {
      item.term.negated = true;
      ++i_;
      if (ends_item(i_)) return std::optional<Item>();  // a lone dash
    }
    // A field prefix: letters immediately followed by ':'.
    size_t j = i_;
    while (j < q_.size() && std::isalpha(static_cast<unsigned char>(q_[j]))) ++j;
    bool has_field = j > i_ && j < q_.size() && q_[j] == ':';
    if (has_field) {
      std::string name;
      for (size_t k = i_; k < j; ++k) {
        name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(q_[k]))));
      }
      const FieldName* found = nullptr;
      for (const FieldName& f : kFields) {
        if (f.name == name) found = &f;
      }
      std::string_view written = q_.substr(start, j + 1 - start);
      if (!found) return syntax_error("unknown field", written, item.position);
      item.field = found->kind;
      i_ = j + 1;
      if (ends_item(i_)) {
        return syntax_error("field prefix with nothing after it", written, item.position);
      }
    }

    std::string_view body;
    bool quoted = false;
    if (q_[i_] == '"') {
      size_t close = q_.find('"', i_ + 1);
      if (close == std::string_view::npos) {
        return syntax_error("unbalanced quote in", q_.substr(start), item.position);
      }
      body = q_.substr(i_ + 1, close - i_ - 1);
      quoted = true;
      i_ = close + 1;
      if (i_ < q_.size() && q_[i_] == '*') {
        item.term.prefix = true;
        ++i_;
      }
      if (!ends_item(i_)) {
        size_t end = i_;
        while (!ends_item(end)) ++end;
        return syntax_error("text directly after a closing quote in", q_.substr(start, end - start),
                            item.position);
      }
    } else {
      size_t end = i_;
      while (!ends_item(end) && q_[end] != '"') ++end;
      if (end < q_.size() && q_[end] == '"') {
        return syntax_error("quote inside a word", q_.substr(start, end + 1 - start),
                            item.position);
      }
      body = q_.substr(i_, end - i_);
      i_ = end;
      if (body.ends_with('*')) {
        item.term.prefix = true;
        while (body.ends_with('*')) body.remove_suffix(1);
      }
    }
    item.text = std::string(q_.substr(start, i_ - start));

    if (!quoted && !has_field && !item.term.negated && body == "OR" && !item.term.prefix) {
      item.is_or = true;
      return std::optional<Item>(std::move(item));
    }
    if (item.field == FieldKind::category) {
      if (item.term.negated) {
        return syntax_error("a negated category filter is not supported", item.text, item.position);
      }
      std::string value(body);
      if (item.term.prefix) value += "*";  // "cat:cs.*" stays an archive filter
      if (split_words(value).empty()) {
        return syntax_error("field prefix with nothing after it", item.text, item.position);
      }
      item.category = std::move(value);
      return std::optional<Item>(std::move(item));
    }
    item.term.words = split_words(body);
    if (item.term.words.empty()) {
      if (has_field) {
        return syntax_error("field prefix with nothing after it", item.text, item.position);
      }
      return std::optional<Item>();  // punctuation only ("&", "--")
    }
    switch (item.field) {
      case FieldKind::title:
        item.term.field = Field::title;
        break;
      case FieldKind::abstract:
        item.term.field = Field::abstract;
        break;
      case FieldKind::authors:
        item.term.field = Field::authors;
        break;
      default:
        item.term.field = Field::any;
        break;
    }
    return std::optional<Item>(std::move(item));
  }

  // True at the end of the query or at white space.
  bool ends_item(size_t pos) const { return pos >= q_.size() || blank_length(q_.substr(pos)) > 0; }

  std::string_view q_;
  size_t i_ = 0;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

Result<SearchRequest> parse_query(std::string_view query) {
  if (query.size() > kMaxQueryBytes) {
    return fail(ErrorCode::invalid_argument, fmt::format("query: too long ({} bytes), at most {}",
                                                         query.size(), kMaxQueryBytes));
  }
  Lexer lexer(query);
  std::vector<Item> items;
  size_t terms = 0, prefixes = 0;
  for (;;) {
    Item item;
    auto more = lexer.next(item);
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
    if (!item.is_or) ++terms;
    if (item.term.prefix && item.field != FieldKind::category) ++prefixes;
    items.push_back(std::move(item));
  }
  if (terms > kMaxQueryTerms) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("query: too many terms ({}), at most {}: put a title in quotes to "
                            "search for it as one phrase",
                            terms, kMaxQueryTerms));
  }
  if (prefixes > kMaxPrefixTerms) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("query: too many prefix* terms ({}), at most {}", prefixes, kMaxPrefixTerms));
  }
  if (items.empty()) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("query: no words in '{}': give words, \"a phrase\", ti: abs: au: cat: "
                            "fields, -exclusion, OR",
                            shown(query)));
  }

  SearchRequest request;
  // Groups of terms joined by OR; each group becomes one clause (or category filters).
  std::vector<std::vector<const Item*>> groups;
  bool pending_or = false;
  const Item* last_or = nullptr;
  for (const Item& item : items) {
    if (item.is_or) {
      if (groups.empty() || pending_or) {
        return syntax_error("OR without a term before it", item.text, item.position);
      }
      pending_or = true;
      last_or = &item;
      continue;
    }
    if (pending_or) {
      groups.back().push_back(&item);
      pending_or = false;
    } else {
      groups.push_back({&item});
    }
  }
  if (pending_or)
    return syntax_error("OR without a term after it", last_or->text, last_or->position);

  bool any_positive = false;
  for (const auto& group : groups) {
    bool has_category = false, has_text = false;
    for (const Item* it : group) {
      (it->field == FieldKind::category ? has_category : has_text) = true;
      if (group.size() > 1 && it->term.negated) {
        return syntax_error("a negated term cannot be part of OR", it->text, it->position);
      }
    }
    if (has_category && has_text) {
      const Item* cat = nullptr;
      for (const Item* it : group) {
        if (it->field == FieldKind::category) cat = it;
      }
      return syntax_error("a category filter cannot be ORed with text", cat->text, cat->position);
    }
    if (has_category) {
      for (const Item* it : group) request.filters.categories.push_back(it->category);
      any_positive = true;
      continue;
    }
    std::vector<Term> clause;
    for (const Item* it : group) clause.push_back(it->term);
    if (!clause.front().negated) any_positive = true;
    request.text.clauses.push_back(std::move(clause));
  }
  if (!any_positive && !request.text.empty()) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("query: only negated terms in '{}': add a term to search for", shown(query)));
  }
  return request;
}

Result<std::string> parse_date_bound(std::string_view text, bool end_of_range) {
  auto bad = [&] {
    return fail(ErrorCode::invalid_argument,
                fmt::format("not a date (YYYY-MM-DD, YYYY-MM or YYYY): '{}'", text));
  };
  std::string_view s = text;
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  // A year or a month is read as its first day; as the end of a range, as its last.
  const bool year = s.size() == 4, month = s.size() == 7;
  std::string first(s);
  if (year) first += "-01";
  if (year || month) first += "-01";
  const auto day = core::parse_day(first);
  if (!day) return bad();
  const std::chrono::year_month_day ymd(*day);
  if (ymd.year() < std::chrono::year(1)) return bad();
  if (!end_of_range || !(year || month)) return core::day_text(*day);
  const std::chrono::month last_month = year ? std::chrono::December : ymd.month();
  return core::day_text(ymd.year() / last_month / std::chrono::last);
}

}  // namespace ah::search
