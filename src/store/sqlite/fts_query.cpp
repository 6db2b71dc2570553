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
    case Field::title:
      return "{title}";
    case Field::abstract:
      return "{abstract}";
    case Field::authors:
    case Field::author:
      return "{authors}";
    case Field::any:
      break;
  }
  return "{title authors abstract}";
}

// A piece of an expression and its phrases (see FtsQuery::phrases).
struct Piece {
  std::string text;
  std::vector<std::string> phrases;
  std::vector<int> rpn;  // over this piece's phrases
};

// Appends `b` to `a` (phrases and formula); the caller then pushes the operator joining them.
void append(Piece& a, const Piece& b) {
  std::vector<int> shifted = shift_rpn(b.rpn, static_cast<int>(a.phrases.size()));
  a.rpn.insert(a.rpn.end(), shifted.begin(), shifted.end());
  a.phrases.insert(a.phrases.end(), b.phrases.begin(), b.phrases.end());
}

// Tokens of the tags column (encoding.h), any of them; filters, not scored.
Piece tags_piece(const std::vector<std::string>& tokens) {
  std::string joined;
  for (const std::string& t : tokens) joined += (joined.empty() ? "" : " OR ") + t;
  std::vector<int> rpn;
  for (size_t i = 0; i < tokens.size(); ++i) {
    rpn.push_back(static_cast<int>(i));
    if (i > 0) rpn.push_back(kMatchOr);
  }
  return Piece{"{tags}: (" + joined + ")", std::vector<std::string>(tokens.size()), std::move(rpn)};
}

Result<Piece> render_term(const Term& t, bool narrow_to_title) {
  if (t.words.empty()) return fail(ErrorCode::invalid_argument, "search: a term without words");
  std::string phrase;
  for (const std::string& w : t.words) {
    if (w.empty()) return fail(ErrorCode::invalid_argument, "search: an empty word in a term");
    phrase += (phrase.empty() ? "" : " ") + w;
  }
  if (t.field == Field::author && t.words.size() > 1 && !t.prefix) {
    // One author's whole name: its token among the tags.
    return tags_piece({quote(author_token(phrase))});
  }
  Field field = narrow_to_title && t.field == Field::any ? Field::title : t.field;
  const std::string cols = columns(field);
  std::vector<std::string> phrases;
  std::string body;
  if (t.prefix && t.words.size() == 1 && t.words[0].size() >= kMinPrefix) {
    body = fmt::format("({}* OR {})", quote(phrase), quote(phrase));
    phrases = {fmt::format("{}: {}*", cols, quote(phrase)),
               fmt::format("{}: {}", cols, quote(phrase))};
  } else if (t.prefix && t.words.size() > 1) {
    body = quote(phrase) + "*";
    phrases = {fmt::format("{}: {}", cols, body)};
  } else {
    body = quote(phrase);
    phrases = {fmt::format("{}: {}", cols, body)};
  }
  std::vector<int> rpn =
      phrases.size() == 2 ? std::vector<int>{0, 1, kMatchOr} : std::vector<int>{0};
  if (t.negated) {
    for (std::string& p : phrases) p.clear();
  }
  return Piece{fmt::format("{}: {}", cols, body), std::move(phrases), std::move(rpn)};
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
      const bool first = joined.text.empty();
      joined.text += (first ? "" : " OR ") + r->text;
      append(joined, *r);
      if (!first) joined.rpn.push_back(kMatchOr);
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
    auto r = render_term(Term{Field::author, std::move(words), false, false}, false);
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
    const bool first = out.text.empty();
    out.text += (first ? "" : " AND ") + p.text;
    append(out, p);
    if (!first) out.rpn.push_back(kMatchAnd);
  }
  // "(P) NOT (a OR b OR ...)": one NOT over one OR of the negated terms, so the expression
  // nests no deeper with more of them (FTS5's parser stack holds ~100 levels, and NOT nodes are
  // not merged the way AND and OR nodes are).
  if (!negatives.empty()) {
    Piece any;
    for (Piece& n : negatives) {
      const bool first = any.text.empty();
      any.text += (first ? "" : " OR ") + n.text;
      append(any, n);
      if (!first) any.rpn.push_back(kMatchOr);
    }
    if (negatives.size() > 1) any.text = "(" + any.text + ")";
    out.text = "(" + out.text + ") NOT " + any.text;
    append(out, any);
    out.rpn.push_back(kMatchAndNot);
  }
  return out;
}

// The query with notice-only papers left out (build_fts_query, Notices::leave_out).
FtsQuery leave_out_notices(FtsQuery query) {
  const std::string notice = fmt::format("{{tags}}: {}", kNoticeToken);
  auto exclude = [&](std::string& expr, std::vector<int>& rpn, size_t phrases) {
    if (expr.empty()) return;
    expr = fmt::format("({}) NOT {}", expr, notice);
    rpn.push_back(static_cast<int>(phrases));
    rpn.push_back(kMatchAndNot);
  };
  exclude(query.title_expr, query.title_rpn, query.title_phrases);
  if (!query.title_expr.empty()) ++query.title_phrases;
  exclude(query.expr, query.rpn, query.phrases.size());
  if (!query.expr.empty()) query.phrases.emplace_back();  // a filter: never scored
  return query;
}

}  // namespace

Result<FtsQuery> build_fts_query(const search::TextQuery& text, const search::Filters& filters,
                                 search::Notices notices) {
  FtsQuery out;
  auto expr = build(text, filters, false);
  if (!expr) return std::unexpected(expr.error());
  out.expr = std::move(expr->text);
  out.phrases = std::move(expr->phrases);
  out.rpn = std::move(expr->rpn);
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
    out.title_rpn = std::move(title->rpn);
  }
  if (notices == search::Notices::leave_out) return leave_out_notices(std::move(out));
  return out;
}

std::string match_program(const std::vector<int>& rpn) {
  std::string out;
  for (int v : rpn) out += fmt::format("{}{}", out.empty() ? "" : " ", v);
  return out;
}

std::vector<int> shift_rpn(std::vector<int> rpn, int offset) {
  for (int& v : rpn) {
    if (v >= 0) v += offset;
  }
  return rpn;
}

}  // namespace ah::store::sqlite
