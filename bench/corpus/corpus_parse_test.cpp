// The synthetic corpus read back through the real arXiv parsers: every record must come out as a
// paper with the fields it was generated with, or parse_bench would time the wrong work.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/identifiers.h"
#include "corpus/generator.h"
#include "corpus/writers.h"
#include "sources/arxiv/jsonl_parser.h"
#include "sources/arxiv/oai_parser.h"

namespace ah::bench {
namespace {

std::vector<SyntheticRecord> records(std::int64_t n) {
  CorpusGenerator generator({.seed = 13, .records = n});
  std::vector<SyntheticRecord> out;
  for (SyntheticRecord r; generator.next(r);) out.push_back(r);
  return out;
}

std::string full_name(const SyntheticAuthor& a) {
  std::string name =
      a.forenames_utf8.empty() ? a.keyname_utf8 : a.forenames_utf8 + " " + a.keyname_utf8;
  if (!a.suffix.empty()) name += " " + a.suffix;
  return name;
}

// What both formats carry: identity, raw title, authors, categories, references.
void expect_same(const SyntheticRecord& r, const core::Paper& p) {
  EXPECT_EQ(p.arxiv_id, r.id);
  EXPECT_EQ(p.title, r.title) << r.id;
  ASSERT_EQ(p.authors.size(), r.authors.size()) << r.id;
  for (std::size_t i = 0; i < r.authors.size(); ++i) {
    EXPECT_EQ(p.authors[i].name, full_name(r.authors[i])) << r.id;
    EXPECT_EQ(p.authors[i].affiliation, r.authors[i].affiliation) << r.id;
  }
  EXPECT_EQ(p.categories, std::vector<std::string>(r.categories.begin(), r.categories.end()));
  EXPECT_EQ(p.doi, r.doi.empty() ? "" : core::normalize_doi(r.doi).value_or("?")) << r.id;
  EXPECT_EQ(p.journal_ref, r.journal_ref) << r.id;
  EXPECT_EQ(p.comment, r.comments) << r.id;
  EXPECT_EQ(p.license, r.license) << r.id;
}

TEST(SyntheticCorpusThroughParsers, SnapshotLinesBecomeTheGeneratedPapers) {
  const auto expected = records(400);
  CorpusGenerator generator({.seed = 13, .records = 400});
  std::string text;
  write_snapshot(generator, 1 << 16, [&](std::string_view chunk) { text += chunk; });
  std::istringstream in(text);
  std::vector<core::Paper> papers;
  std::vector<std::string> rejected;
  auto counts = sources::arxiv::parse_jsonl(
      in, "synthetic.jsonl", [&](core::Paper&& p) { papers.push_back(std::move(p)); },
      [&](sources::RecordError&& e) { rejected.push_back(e.where + ": " + e.message); });
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_TRUE(rejected.empty()) << rejected.front();
  ASSERT_EQ(papers.size(), expected.size());
  for (std::size_t i = 0; i < papers.size(); ++i) {
    expect_same(expected[i], papers[i]);
    EXPECT_EQ(papers[i].abstract, expected[i].abstract);
    EXPECT_EQ(papers[i].versions.size(), expected[i].versions.size()) << expected[i].id;
    EXPECT_EQ(papers[i].version, static_cast<int>(expected[i].versions.size()));
  }
}

TEST(SyntheticCorpusThroughParsers, OaiPagesBecomeTheGeneratedPapers) {
  const auto expected = records(700);
  CorpusGenerator generator({.seed = 13, .records = 700});
  std::vector<core::Paper> papers;
  std::vector<std::string> tokens;
  write_oai_pages(generator, {.page_size = 300}, [&](const OaiPage& page) {
    auto parsed = sources::arxiv::parse_oai(page.bytes, "page");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_TRUE(parsed->rejected.empty()) << parsed->rejected.front().message;
    tokens.push_back(parsed->info.resumption_token);
    for (auto& p : parsed->papers) papers.push_back(std::move(p));
  });
  EXPECT_EQ(tokens, (std::vector<std::string>{"726959|301", "726959|601", ""}));
  ASSERT_EQ(papers.size(), expected.size());
  for (std::size_t i = 0; i < papers.size(); ++i) expect_same(expected[i], papers[i]);
}

}  // namespace
}  // namespace ah::bench
