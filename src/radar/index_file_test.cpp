// The radar index as a file: what is read back is the index that was written (every array, the
// dictionaries rebuilt, growing on as the original does), and a file that is missing, of other
// options, cut short, flipped or foreign is never taken for an index.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "radar/feature_index.h"
#include "radar/test_corpus.h"
#include "tests/support/fixtures.h"

namespace ah::radar {
namespace {

using testing::make_index;
using testing::make_paper;
using testing::Spec;
using testing::test_options;

std::vector<Spec> corpus() {
  std::vector<Spec> out = {
      {"Sparse attention", "Sparse attention makes transformers fast.", {"Simeng Zhang"}},
      {"Dense retrieval", "Dense retrieval with sparse attention.", {"Ana Lima"}, {"cs.IR"}},
      {"Protein folding",
       "Folding proteins with diffusion models.",
       {"Ana Lima", "Bo Chen"},
       {"q-bio.BM"},
       "2026-06-03",
       "0000-0002-1825-0097",
       "Nature Methods"},
  };
  for (int i = 0; i < 20; ++i) {
    out.push_back({"Graph networks " + std::to_string(i),
                   "Message passing graph networks predict molecules and proteins.",
                   {"Writer " + std::to_string(i % 4)},
                   {"cs.LG"},
                   "2026-06-0" + std::to_string(1 + i % 5)});
  }
  return out;
}

// Every array the ranking reads, and the dictionaries, agree.
void expect_same(const FeatureIndex& a, const FeatureIndex& b) {
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.columns_count(), b.columns_count());
  EXPECT_DOUBLE_EQ(a.average_length(), b.average_length());
  for (Row r = 0; r < a.size(); ++r) {
    SCOPED_TRACE(r);
    EXPECT_EQ(a.id(r), b.id(r));
    EXPECT_EQ(b.row(a.id(r)), r);
    EXPECT_EQ(a.day(r), b.day(r));
    EXPECT_EQ(a.length(r), b.length(r));
    EXPECT_TRUE(std::ranges::equal(a.columns(r), b.columns(r)));
    EXPECT_TRUE(std::ranges::equal(a.frequencies(r), b.frequencies(r)));
    EXPECT_TRUE(std::ranges::equal(a.facets(r), b.facets(r)));
    EXPECT_EQ(a.inverse_norm(r), b.inverse_norm(r));
    const auto va = a.vector(r), vb = b.vector(r);
    ASSERT_EQ(va.empty(), vb.empty());
    if (!va.empty()) {
      EXPECT_EQ(va.scale, vb.scale);
      EXPECT_EQ(std::memcmp(va.q, vb.q, static_cast<std::size_t>(va.dim)), 0);
    }
  }
  for (Column c = 0; c < a.columns_count(); ++c) {
    EXPECT_EQ(a.kind(c), b.kind(c));
    EXPECT_EQ(a.text(c), b.text(c));
    EXPECT_EQ(a.idf(c), b.idf(c));
    EXPECT_EQ(a.document_frequency(c), b.document_frequency(c));
    EXPECT_EQ(b.find(a.kind(c), a.text(c)), c);
    EXPECT_EQ(a.display(c), b.display(c));
  }
  EXPECT_EQ(a.rows_between(day_number("2026-06-02"), day_number("2026-06-03")),
            b.rows_between(day_number("2026-06-02"), day_number("2026-06-03")));
  EXPECT_EQ(a.find_facet(FacetKind::venue, FeatureIndex::venue_key("Nature Methods")),
            b.find_facet(FacetKind::venue, FeatureIndex::venue_key("Nature Methods")));
  EXPECT_EQ(a.find_facet(FacetKind::author_id, "orcid:0000-0002-1825-0097"),
            b.find_facet(FacetKind::author_id, "orcid:0000-0002-1825-0097"));
  EXPECT_EQ(a.vectors().dim(), b.vectors().dim());
}

FeatureIndex::Saved must_load(const std::filesystem::path& path, const IndexOptions& options) {
  auto loaded = FeatureIndex::load(path, options);
  if (!loaded) throw std::runtime_error(loaded.error().message);
  if (!*loaded) throw std::runtime_error("no index in " + path.string());
  return std::move(**loaded);
}

TEST(RadarIndexFile, ReadsBackTheIndexThatWasWrittenWithItsStamp) {
  for (const bool vectors : {false, true}) {
    SCOPED_TRACE(vectors ? "with word vectors" : "without");
    ah::testing::TempDir dir;
    const auto path = dir.path() / "radar.index";
    const FeatureIndex index = make_index(corpus(), vectors);
    ASSERT_TRUE(index.save(path, "store 42").has_value());
    auto saved = must_load(path, test_options(vectors));
    EXPECT_EQ(saved.stamp, "store 42");
    expect_same(index, saved.index);
    if (vectors) {
      EXPECT_GT(saved.index.vectors().dim(), 0);
    }
  }
}

TEST(RadarIndexFile, AnIndexReadBackGrowsAsTheOriginalDoes) {
  ah::testing::TempDir dir;
  const auto path = dir.path() / "radar.index";
  FeatureIndex index = make_index(corpus(), /*vectors=*/true);
  ASSERT_TRUE(index.save(path, "").has_value());
  FeatureIndex read = must_load(path, test_options(true)).index;
  for (int i = 0; i < 5; ++i) {
    const auto paper = make_paper({"Sparse graph attention " + std::to_string(i),
                                   "New words: quasicrystal lattices with sparse attention.",
                                   {"Newcomer " + std::to_string(i), "Ana Lima"},
                                   {"cond-mat"},
                                   "2026-06-09"});
    ASSERT_EQ(index.add(100 + i, paper).value(), read.add(100 + i, paper).value());
  }
  expect_same(index, read);
  EXPECT_FALSE(read.add(1, make_paper({"Again", "Again.", {"X"}})).has_value())
      << "a paper id read back is indexed";
  // An index that grew by add() weighs a new paper's words as one read back after it (whose
  // word counts are summed anew on load): the same paper vector.
  ASSERT_TRUE(index.save(path, "").has_value());
  FeatureIndex grown = must_load(path, test_options(true)).index;
  const auto paper = make_paper({"Sparse lattices",
                                 "Quasicrystal attention on graphs.",
                                 {"Ana Lima"},
                                 {"cond-mat"},
                                 "2026-06-10"});
  ASSERT_EQ(index.add(200, paper).value(), grown.add(200, paper).value());
  expect_same(index, grown);
}

TEST(RadarIndexFile, WhatIsNotThisIndexIsNeverTakenForIt) {
  ah::testing::TempDir dir;
  const auto path = dir.path() / "radar.index";
  auto none = FeatureIndex::load(path, test_options());
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_FALSE(none->has_value()) << "no file: nothing to read, no failure";

  ASSERT_TRUE(make_index(corpus()).save(path, "s").has_value());
  IndexOptions other = test_options();
  other.title_weight = 3;
  auto stale = FeatureIndex::load(path, other);
  ASSERT_TRUE(stale.has_value()) << stale.error().message;
  EXPECT_FALSE(stale->has_value()) << "built with other options: built again";

  std::string bytes;
  {
    std::ifstream f(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(f), {});
  }
  ASSERT_GT(bytes.size(), 200u);
  struct Case {
    const char* name;
    std::string content;
  };
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x5a;
  const Case cases[] = {
      {"cut short", bytes.substr(0, bytes.size() / 2)},
      {"a byte flipped", flipped},
      {"not an index", "SQLite format 3\0 and more bytes than a header needs......."},
      {"empty", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    {
      std::ofstream f(path, std::ios::binary | std::ios::trunc);
      f << c.content;
    }
    auto loaded = FeatureIndex::load(path, test_options());
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().code, ErrorCode::bad_upstream_data);
    EXPECT_NE(loaded.error().message.find(path.string()), std::string::npos)
        << loaded.error().message;
  }
}

TEST(RadarIndexFile, AFileThatCannotBeWrittenIsAnErrorNamingIt) {
  ah::testing::TempDir dir;
  const auto path = dir.path() / "no such directory" / "radar.index";
  auto saved = make_index(corpus()).save(path, "s");
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::internal);
  EXPECT_NE(saved.error().message.find("no such directory"), std::string::npos);
}

}  // namespace
}  // namespace ah::radar
