#include "search/query.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "search/limits.h"

namespace ah::search {
namespace {

// Renders a parsed query compactly: clauses joined by " & ", OR-ed terms by " | ", a term as
// [-][field:]word or [-][field:]"w1 w2", with a trailing * for a prefix.
std::string render(const TextQuery& q) {
  std::string out;
  for (const auto& clause : q.clauses) {
    if (!out.empty()) out += " & ";
    for (size_t i = 0; i < clause.size(); ++i) {
      const Term& t = clause[i];
      if (i) out += " | ";
      if (t.negated) out += "-";
      switch (t.field) {
        case Field::title:
          out += "ti:";
          break;
        case Field::abstract:
          out += "abs:";
          break;
        case Field::authors:
          out += "au:";
          break;
        case Field::author:
          out += "author:";
          break;
        case Field::any:
          break;
      }
      std::string words;
      for (const std::string& w : t.words) words += (words.empty() ? "" : " ") + w;
      out += t.words.size() > 1 ? "\"" + words + "\"" : words;
      if (t.prefix) out += "*";
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

struct ParseCase {
  const char* query;
  const char* text;        // render() of the text query
  const char* categories;  // filters.categories joined by ","
};

class ParseQuery : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseQuery, ProducesTermsAndFilters) {
  const ParseCase& c = GetParam();
  auto r = parse_query(c.query);
  ASSERT_TRUE(r.has_value()) << c.query << ": " << r.error().message;
  EXPECT_EQ(render(r->text), c.text) << c.query;
  EXPECT_EQ(join(r->filters.categories), c.categories) << c.query;
  EXPECT_EQ(r->limit, 20);
  EXPECT_EQ(r->sort, Sort::relevance);
}

INSTANTIATE_TEST_SUITE_P(
    Language, ParseQuery,
    ::testing::Values(
        ParseCase{"sparse attention", "sparse & attention", ""},
        ParseCase{"Sparse ATTENTION", "sparse & attention", ""},
        ParseCase{"\"sparse attention\"", "\"sparse attention\"", ""},
        ParseCase{"ti:transformer abs:x", "ti:transformer & abs:x", ""},
        ParseCase{"TI:Transformer Abs:\"Low Rank\"", "ti:transformer & abs:\"low rank\"", ""},
        ParseCase{"title:a abstract:b author:c", "ti:a & abs:b & au:c", ""},
        ParseCase{"au:zhang au:\"simeng zhang\"", "au:zhang & au:\"simeng zhang\"", ""},
        ParseCase{"cat:cs.CL", "", "cs.CL"}, ParseCase{"cat:cs cat:cs.* llm", "llm", "cs,cs.*"},
        ParseCase{"cat:cs.CL OR cat:cs.AI", "", "cs.CL,cs.AI"},
        ParseCase{"x -diffusion -\"x y\" -au:x", "x & -diffusion & -\"x y\" & -au:x", ""},
        ParseCase{"a OR b", "a | b", ""}, ParseCase{"a b OR c d", "a & b | c & d", ""},
        ParseCase{"a OR b OR ti:c", "a | b | ti:c", ""}, ParseCase{"a or b", "a & or & b", ""},
        ParseCase{"token*", "token*", ""}, ParseCase{"\"large lang\"*", "\"large lang\"*", ""},
        ParseCase{"ti:trans*", "ti:trans*", ""},
        ParseCase{"state-of-the-art", "\"state of the art\"", ""},
        ParseCase{"GPT-4 & BERT", "\"gpt 4\" & bert", ""}, ParseCase{"a - b", "a & b", ""},
        ParseCase{"Ökonomie", "Ökonomie", ""}, ParseCase{"x cat:hep-th", "x", "hep-th"},
        // Symbols and punctuation of every script separate words, as in the index.
        ParseCase{"model — attention", "model & attention", ""},
        ParseCase{"model → attention", "model & attention", ""}, ParseCase{"model ™", "model", ""},
        ParseCase{"model ±", "model", ""}, ParseCase{"model 😀", "model", ""},
        ParseCase{"model × -—", "model", ""},
        ParseCase{"model—attention", "\"model attention\"", ""},
        ParseCase{"ti:“sparse”", "ti:sparse", ""}, ParseCase{"注意力 机制", "注意力 & 机制", ""},
        ParseCase{"Модель -внимание", "Модель & -внимание", ""},
        // Unicode white space separates terms.
        ParseCase{"model\u3000attention", "model & attention", ""},
        ParseCase{"a\u00a0OR\u00a0b", "a | b", ""}));

struct ErrorCase {
  const char* query;
  const char* token;  // must appear in the message
  const char* position;
};

class ParseQueryErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ParseQueryErrors, NameTheTokenAndPosition) {
  const ErrorCase& c = GetParam();
  auto r = parse_query(c.query);
  ASSERT_FALSE(r.has_value()) << c.query;
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(r.error().message.find(c.token), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(std::string("position ") + c.position), std::string::npos)
      << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Language, ParseQueryErrors,
    ::testing::Values(ErrorCase{"a \"sparse attention", "\"sparse attention", "3"},
                      ErrorCase{"ti: x", "ti:", "1"}, ErrorCase{"x au:", "au:", "3"},
                      ErrorCase{"foo bar:baz", "bar:", "5"}, ErrorCase{"OR a", "OR", "1"},
                      ErrorCase{"a OR", "OR", "3"}, ErrorCase{"a OR OR b", "OR", "6"},
                      ErrorCase{"a OR -b", "-b", "6"}, ErrorCase{"x -cat:cs.CL", "-cat:cs.CL", "3"},
                      ErrorCase{"x cat:cs.CL OR y", "cat:cs.CL", "3"},
                      ErrorCase{"ab\"cd\"", "ab\"", "1"}, ErrorCase{"\"ab\"cd", "\"ab\"cd", "1"}));

struct RejectCase {
  const char* query;
  const char* message;  // must appear in the message
};

class ParseQueryRejects : public ::testing::TestWithParam<RejectCase> {};

// The one rule for the API's q and the command line's query: something to search for.
TEST_P(ParseQueryRejects, AQueryWithoutWordsToSearchFor) {
  const RejectCase& c = GetParam();
  auto r = parse_query(c.query);
  ASSERT_FALSE(r.has_value()) << "'" << c.query << "' was accepted";
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(r.error().message.starts_with("query: ")) << r.error().message;
  EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Language, ParseQueryRejects,
    ::testing::Values(RejectCase{"", "no words"}, RejectCase{"   ", "no words"},
                      RejectCase{"\u3000", "no words"}, RejectCase{"*", "no words"},
                      RejectCase{"-", "no words"}, RejectCase{"—", "no words"},
                      RejectCase{"— → ™ ± 😀", "no words"}, RejectCase{"\"\"", "no words"},
                      RejectCase{"\"—\"", "no words"}, RejectCase{"- * &", "no words"},
                      RejectCase{"OR", "OR without a term"}, RejectCase{"-x", "only negated"},
                      RejectCase{"-x -\"y z\"", "only negated"},
                      RejectCase{"ti:—", "field prefix with nothing after it"}));

// `n` terms: `form` with {} replaced by 0, 1, ...
std::string terms(size_t n, std::string_view form) {
  std::string q;
  for (size_t i = 0; i < n; ++i) {
    q += fmt::format("{}{}", q.empty() ? "" : " ", fmt::format(fmt::runtime(form), i));
  }
  return q;
}

TEST(ParseQueryErrors, ShowTheQueryOnOneShortLine) {
  for (const std::string& query :
       {std::string("\n\t\r"), std::string("-x\n-y"), "\"unclosed\n" + std::string(900, 'x'),
        "-" + std::string(20, 'x') + " -" + std::string(40, 'y') + "—"}) {
    auto r = parse_query(query);
    ASSERT_FALSE(r.has_value()) << query;
    EXPECT_EQ(r.error().message.find_first_of("\n\r\t"), std::string::npos) << r.error().message;
    EXPECT_LT(r.error().message.size(), 160u) << r.error().message;
  }
}

TEST(ParseQueryLimits, TermsAndBytesAreBounded) {
  struct Case {
    std::string query;
    const char* error;  // nullptr: accepted
  };
  const std::string phrase_of_1000 = "\"" + std::string(998, 'a') + "\"";
  for (const Case& c : {
           Case{terms(kMaxQueryTerms, "w{}"), nullptr},
           Case{terms(kMaxQueryTerms + 1, "w{}"), "too many terms (33), at most 32"},
           Case{terms(126, "w{}"), "too many terms (126)"},
           Case{terms(kMaxPrefixTerms, "pre{}*") + " " +
                    terms(kMaxQueryTerms - kMaxPrefixTerms, "w{}"),
                nullptr},
           Case{terms(kMaxPrefixTerms + 1, "pre{}*"), "too many prefix* terms (5), at most 4"},
           Case{terms(kMaxPrefixTerms + 1, "\"a b{}\"*"), "too many prefix* terms (5)"},
           Case{"x " + terms(kMaxPrefixTerms + 1, "cat:c{}.*"), nullptr},  // archive filters
           Case{"x " + terms(kMaxQueryTerms, "-n{}"), "too many terms (33)"},
           Case{terms(kMaxQueryTerms + 1, "cat:c{}"), "too many terms (33)"},
           Case{"a OR " + terms(kMaxQueryTerms - 1, "w{}"), nullptr},  // OR is not a term
           Case{phrase_of_1000, nullptr},
           Case{phrase_of_1000 + " ", "too long (1001 bytes), at most 1000"},
       }) {
    auto r = parse_query(c.query);
    if (c.error == nullptr) {
      EXPECT_TRUE(r.has_value()) << c.query.substr(0, 60) << ": " << r.error().message;
    } else {
      ASSERT_FALSE(r.has_value()) << c.query.substr(0, 60);
      EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
      EXPECT_NE(r.error().message.find(c.error), std::string::npos) << r.error().message;
      EXPECT_LT(r.error().message.size(), 200u) << "the query is not echoed";
    }
  }
}

TEST(FilterLimits, CountAndLengthAreBoundedNamingTheFilter) {
  std::vector<std::string> values(kMaxFilterValues, "Simeng Zhang");
  EXPECT_TRUE(check_filter_values("author", values).has_value());
  values.push_back("Ana Lee");
  auto many = check_filter_values("author", values);
  ASSERT_FALSE(many.has_value());
  EXPECT_EQ(many.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(many.error().message, "author: too many values (21), at most 20");
  auto longer = check_filter_values("--venue", {{std::string(kMaxFilterBytes + 1, 'v')}});
  ASSERT_FALSE(longer.has_value());
  EXPECT_EQ(longer.error().message, "--venue: a value of 201 bytes, at most 200");
  EXPECT_TRUE(check_filter_values("venue", {{std::string(kMaxFilterBytes, 'v')}}).has_value());
}

TEST(RequestLimits, TheLargestRequestTheEdgesAllowPassesAndOneMoreIsRefused) {
  SearchRequest r;
  // The query's terms, then the API's author, keyword and exclude values (two terms each for
  // keyword and exclude).
  for (size_t i = 0; i < kMaxQueryTerms + kMaxFilterValues + 2 * 2 * kMaxFilterValues; ++i) {
    r.text.clauses.push_back({Term{Field::any, {"w"}, false, false}});
  }
  r.filters.categories.assign(kMaxFilterValues, "cs");
  r.filters.sources.assign(kMaxFilterValues, "arxiv");
  r.filters.venues.assign(kMaxFilterValues, "Nature");
  EXPECT_TRUE(check_request_size(r).has_value());
  for (size_t i = 0; i < kMaxPrefixTerms; ++i) r.text.clauses[i].front().prefix = true;
  EXPECT_TRUE(check_request_size(r).has_value());
  r.filters.authors.push_back("Ana Lee");
  auto more = check_request_size(r);
  ASSERT_FALSE(more.has_value());
  EXPECT_EQ(more.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(more.error().message.starts_with("search: too many terms")) << more.error().message;
  r.filters.authors.clear();
  r.text.clauses.back().front().prefix = true;
  auto prefixes = check_request_size(r);
  ASSERT_FALSE(prefixes.has_value());
  EXPECT_EQ(prefixes.error().message, "search: too many prefix* terms (5), at most 4");
}

TEST(ParseQueryErrors, RejectOnlyNegatedTerms) {
  auto r = parse_query("-diffusion -au:x");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(r.error().message.find("only negated"), std::string::npos) << r.error().message;
}

TEST(ParseQuery, AllowsNegatedTermsBesideACategoryFilter) {
  auto r = parse_query("-diffusion cat:cs.CV");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(render(r->text), "-diffusion");
  EXPECT_EQ(join(r->filters.categories), "cs.CV");
}

struct DateCase {
  const char* text;
  bool end;
  const char* expected;  // nullptr: an error
};

class ParseDateBound : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParseDateBound, ExpandsAndValidates) {
  const DateCase& c = GetParam();
  auto r = parse_date_bound(c.text, c.end);
  if (c.expected == nullptr) {
    ASSERT_FALSE(r.has_value()) << c.text << " gave " << *r;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(r.error().message.find(c.text), std::string::npos) << r.error().message;
  } else {
    ASSERT_TRUE(r.has_value()) << c.text << ": " << r.error().message;
    EXPECT_EQ(*r, c.expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Forms, ParseDateBound,
    ::testing::Values(
        DateCase{"2024-03-05", false, "2024-03-05"}, DateCase{"2024-03-05", true, "2024-03-05"},
        DateCase{" 2024-03-05 ", false, "2024-03-05"}, DateCase{"2024-02", false, "2024-02-01"},
        DateCase{"2024-02", true, "2024-02-29"}, DateCase{"2023-02", true, "2023-02-28"},
        DateCase{"1900-02", true, "1900-02-28"}, DateCase{"2000-02", true, "2000-02-29"},
        DateCase{"2024", false, "2024-01-01"}, DateCase{"2024", true, "2024-12-31"},
        DateCase{"2024-12", true, "2024-12-31"}, DateCase{"0001", false, "0001-01-01"},
        DateCase{"2024-13-01", false, nullptr}, DateCase{"2024-02-30", false, nullptr},
        DateCase{"2023-02-29", true, nullptr}, DateCase{"1900-02-29", false, nullptr},
        DateCase{"2024-04-31", false, nullptr}, DateCase{"2024-13", true, nullptr},
        DateCase{"2024-00", false, nullptr}, DateCase{"0000", false, nullptr},
        DateCase{"0000-01-01", false, nullptr}, DateCase{"2024-1", false, nullptr},
        DateCase{"2024-1-05", false, nullptr}, DateCase{"24", false, nullptr},
        DateCase{"2024/03/05", false, nullptr}, DateCase{"2024-03-05T10:00:00Z", false, nullptr},
        DateCase{"yesterday", false, nullptr}));

}  // namespace
}  // namespace ah::search
