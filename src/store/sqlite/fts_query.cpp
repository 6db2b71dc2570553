#include "store/sqlite/fts_query.h"

#include <fmt/format.h>

#include "store/sqlite/encoding.h"

namespace ah::store::sqlite {
namespace {

using search::Field;
using search::Term;

// Prefixes shorter than this match only the whole word: a one- or two-letter prefix expands to
// thousands of index terms, which FTS5 would merge on every query.
constexpr size_t kMinPrefix = 3;

std::string quote(std::string_view word) {
  std::string out = "\"";
  for (char c : word) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

const char* columns(Field field) {
  switch (field) {
    case Field::title: return "{title}";
    case Field::abstract: return "{abstract}";
    case Field::authors: return "{authors}";
    case Field::any: break;
  }
  return "{title authors abstract}";
}

// A piece of an expression and its phrases (see FtsQuery::phrases).
struct Piece {
  std::string text;
  std::vector<std::string> phrases;
};

Result<Piece> render_term(const Term& t, bool narrow_to_title) {
  if (t.words.empty()) return fail(ErrorCode::invalid_argument, "search: a term without words");
  std::string phrase;
  for (const std::string& w : t.words) {
    if (w.empty()) return fail(ErrorCode::invalid_argument, "search: an empty word in a term");
    phrase += (phrase.empty() ? "" : " ") + w;
  }
  Field field = narrow_to_title && t.field == Field::any ? Field::title : t.field;
  const std::string cols = columns(field);
  std::vector<std::string> phrases;
  std::string body;
  if (t.prefix && t.words.size() == 1 && t.words[0].size() >= kMinPrefix) {
    body = fmt::format("({}* OR {})", quote(phrase), quote(phrase));
    phrases = {fmt::format("{}: {}*", cols, quote(phrase)), fmt::format("{}: {}", cols, quote(phrase))};
  } else if (t.prefix && t.words.size() > 1) {
    body = quote(phrase) + "*";
    phrases = {fmt::format("{}: {}", cols, body)};
  } else {
    body = quote(phrase);
    phrases = {fmt::format("{}: {}", cols, body)};
  }
  if (t.negated) {
    for (std::string& p : phrases) p.clear();
  }
  return Piece{fmt::format("{}: {}", cols, body), std::move(phrases)};
}

Piece tags_piece(const std::vector<std::string>& tokens) {
  std::string joined;
  for (const std::string& t : tokens) joined += (joined.empty() ? "" : " OR ") + t;
  return Piece{"{tags}: (" + joined + ")", std::vector<std::string>(tokens.size())};
}

std::string category_filter_token(std::string_view value) {
  std::string_view v = value;
  while (!v.empty() && (v.back() == '*' || v.back() == '.' || v.back() == ' ')) v.remove_suffix(1);
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  if (v.empty()) return {};
  return v.find('.') != std::string_view::npos ? category_token(v) : archive_token(v);
}

Result<Piece> build(const search::TextQuery& text, const search::Filters& filters, bool narrow) {
  std::vector<Piece> positives, negatives;
  for (const auto& clause : text.clauses) {
    if (clause.empty()) continue;
    Piece joined;
    bool negated = false;
    for (const Term& t : clause) {
      auto r = render_term(t, narrow && !t.negated);
      if (!r) return r;
      joined.text += (joined.text.empty() ? "" : " OR ") + r->text;
      joined.phrases.insert(joined.phrases.end(), r->phrases.begin(), r->phrases.end());
      negated = t.negated;
    }
    if (negated && clause.size() > 1) {
      return fail(ErrorCode::invalid_argument, "search: a negated term inside OR");
    }
    if (clause.size() > 1) joined.text = "(" + joined.text + ")";
    (negated ? negatives : positives).push_back(std::move(joined));
  }
  for (const std::string& author : filters.authors) {
    std::vector<std::string> words = search::split_words(author);
    if (words.empty()) return fail(ErrorCode::invalid_argument, "search: an empty author filter");
    auto r = render_term(Term{Field::authors, std::move(words), false, false}, false);
    if (!r) return r;
    positives.push_back(std::move(*r));
  }
  std::vector<std::string> tokens;
  for (const std::string& c : filters.categories) {
    std::string token = category_filter_token(c);
    if (token.empty()) return fail(ErrorCode::invalid_argument, "search: an empty category filter");
    tokens.push_back(std::move(token));
  }
  if (!tokens.empty()) positives.push_back(tags_piece(tokens));
  tokens.clear();
  for (const std::string& s : filters.sources) {
    if (s.empty()) return fail(ErrorCode::invalid_argument, "search: an empty source filter");
    tokens.push_back(source_prefix(s) + "*");
  }
  if (!tokens.empty()) positives.push_back(tags_piece(tokens));

  if (positives.empty() && !negatives.empty()) {
    return fail(ErrorCode::invalid_argument,
                "search: only negated terms: add a term or filter to search for");
  }
  Piece out;
  for (Piece& p : positives) {
    out.text += (out.text.empty() ? "" : " AND ") + p.text;
    out.phrases.insert(out.phrases.end(), p.phrases.begin(), p.phrases.end());
  }
  // FTS5's NOT is binary and left-associative: ((P NOT a) NOT b).
  for (Piece& n : negatives) {
    out.text = "(" + out.text + ") NOT " + n.text;
    out.phrases.insert(out.phrases.end(), n.phrases.begin(), n.phrases.end());
  }
  return out;
}

}  // namespace

Result<FtsQuery> build_fts_query(const search::TextQuery& text, const search::Filters& filters) {
  FtsQuery out;
  auto expr = build(text, filters, false);
  if (!expr) return std::unexpected(expr.error());
  out.expr = std::move(expr->text);
  out.phrases = std::move(expr->phrases);
  bool narrowable = false;
  for (const auto& clause : text.clauses) {
    for (const Term& t : clause) {
      out.has_text = true;
      if (!t.negated && t.field == Field::any) narrowable = true;
    }
  }
  if (narrowable) {
    auto title = build(text, filters, true);
    if (!title) return std::unexpected(title.error());
    out.title_expr = std::move(title->text);
    out.title_phrases = title->phrases.size();
  }
  return out;
}

}  // namespace ah::store::sqlite
