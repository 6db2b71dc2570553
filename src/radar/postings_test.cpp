// The index's rows turned around (postings.h) and the column tables' sums over them
// (ColumnTable::sum_part): every list is exactly the window's rows having the column, the window
// follows the added papers, and the sums are each row's sum_row(), bit for bit.
#include "radar/postings.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <vector>

#include "radar/column_table.h"
#include "radar/test_corpus.h"

namespace ah::radar {
namespace {

// 60 papers of a few topics, words shared and not, over two months.
std::vector<testing::Spec> specs() {
  const char* topics[] = {"sparse attention", "protein folding", "dark matter halos",
                          "graph kernels", "robot grasping"};
  const char* words[] = {"survey", "benchmark", "theory", "scaling", "pruning", "diffusion"};
  std::vector<testing::Spec> out;
  for (int i = 0; i < 60; ++i) {
    testing::Spec s;
    s.title = fmt::format("{} with {}", topics[i % 5], words[i % 6]);
    s.abstract = fmt::format("We study {} and {} in {} settings.", topics[(i * 7) % 5],
                             words[(i / 6) % 6], words[(i * 5) % 6]);
    s.authors = {fmt::format("Author {}", i % 9)};
    s.day = fmt::format("2026-{:02d}-{:02d}", 5 + i / 28, 1 + i % 28);
    out.push_back(s);
  }
  return out;
}

FeatureIndex index_of(std::size_t built, std::size_t added, std::size_t posting_rows,
                      std::size_t posting_refresh) {
  const auto all = specs();
  auto options = testing::test_options();
  options.posting_rows = posting_rows;
  options.posting_refresh = posting_refresh;
  std::vector<core::Paper> papers;
  std::vector<PaperId> ids;
  for (std::size_t i = 0; i < built; ++i) {
    papers.push_back(testing::make_paper(all[i]));
    ids.push_back(static_cast<PaperId>(i + 1));
  }
  auto index = FeatureIndex::build({ids, papers}, options);
  if (!index) throw std::runtime_error(index.error().message);
  for (std::size_t i = built; i < built + added; ++i) {
    if (!index->add(static_cast<PaperId>(i + 1), testing::make_paper(all[i]))) {
      throw std::runtime_error("add failed");
    }
  }
  return std::move(*index);
}

// Every column's list, against the rows read one by one.
void expect_lists_of_window(const FeatureIndex& index, Row first, Row last) {
  const Postings& p = index.postings();
  ASSERT_EQ(p.first(), first);
  ASSERT_EQ(p.last(), last);
  std::vector<std::vector<std::pair<Row, std::uint8_t>>> expected(index.columns_count());
  for (Row r = first; r < last; ++r) {
    const auto cols = index.columns(r);
    const auto tfs = index.frequencies(r);
    for (std::size_t k = 0; k < cols.size(); ++k) expected[cols[k]].emplace_back(r, tfs[k]);
  }
  for (Column c = 0; c < index.columns_count(); ++c) {
    std::vector<std::pair<Row, std::uint8_t>> got;
    const auto rows = p.rows(c);
    const auto tfs = p.frequencies(c);
    ASSERT_EQ(rows.size(), tfs.size());
    for (std::size_t k = 0; k < rows.size(); ++k) got.emplace_back(rows[k], tfs[k]);
    EXPECT_EQ(got, expected[c]) << "column " << c << " (" << index.text(c) << ")";
  }
}

TEST(RadarPostings, ListEveryRowOfTheNewestWindowHavingEachColumnInRowOrder) {
  struct Case {
    const char* name;
    std::size_t built, added, posting_rows, posting_refresh;
    Row first, last;
  };
  const Case cases[] = {
      {"window larger than the index", 60, 0, 1000, 10, 0, 60},
      {"the newest 25 of a built index", 60, 0, 25, 10, 35, 60},
      {"no window", 60, 0, 0, 10, 60, 60},
      // 40 built, 20 added: rebuilt at 50 and 60 papers.
      {"rebuilt as papers are added", 40, 20, 25, 10, 35, 60},
      // 40 built, 15 added: rebuilt at 50; the 5 since are after the window.
      {"papers added since are after it", 40, 15, 25, 10, 25, 50},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto index = index_of(c.built, c.added, c.posting_rows, c.posting_refresh);
    expect_lists_of_window(index, c.first, c.last);
    // A column first seen after the window was built has no list (and no out-of-range read).
    EXPECT_TRUE(index.postings().rows(static_cast<Column>(index.columns_count() + 5)).empty());
  }
}

// Random weights on a third of the columns (all three signals, some zero), parts cut by what
// their lists cost in two windows (the whole index, its newest 25 papers): for ranges at the
// window's tail, in its middle and empty, adding the parts' sums gives every row's sum_row()
// exactly. A table sealed without these postings sums nothing.
TEST(RadarColumnTable, SumsOverThePostingsAreEachRowsSumBitForBit) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> weight(-2.0f, 2.0f);
  for (std::size_t window : {1000u, 25u}) {
    SCOPED_TRACE(fmt::format("a window of {} papers", window));
    const auto index = index_of(60, 0, window, 10);
    const Postings& postings = index.postings();
    ColumnTable table;
    table.begin(index.columns_count());
    for (Column c = 0; c < index.columns_count(); ++c) {
      if (rng() % 3 != 0) continue;
      if (rng() % 4 != 0) table.set_taste(c, weight(rng));
      if (rng() % 3 == 0) table.set_lexical(c, weight(rng));
      if (rng() % 5 == 0) table.set_author(c, weight(rng));
    }
    table.seal(&postings);
    const Row f = postings.first();
    for (auto [first, last] :
         {std::pair<Row, Row>{f, 60}, {f + 7, 60}, {f + 3, f + 20}, {50, 50}}) {
      std::array<std::vector<ColumnTable::Sums>, ColumnTable::kParts> parts;
      for (std::size_t part = 0; part < ColumnTable::kParts; ++part) {
        parts[part].resize(last - first);
        ASSERT_TRUE(table.sum_part(postings, first, last, part, parts[part]));
      }
      std::vector<ColumnTable::Sums> sums(last - first);
      ColumnTable::add_parts(parts, sums);
      for (Row r = first; r < last; ++r) {
        ColumnTable::Sums one;
        table.sum_row(index.columns(r), index.frequencies(r), one);
        const auto& many = sums[r - first];
        EXPECT_EQ(many.taste, one.taste) << "row " << r;
        EXPECT_EQ(many.lexical, one.lexical) << "row " << r;
        EXPECT_EQ(many.author, one.author) << "row " << r;
      }
    }
    const auto other = index_of(60, 0, window, 10);  // the same rows, other postings
    std::vector<ColumnTable::Sums> out(60 - f);
    EXPECT_FALSE(table.sum_part(other.postings(), f, 60, 0, out));
    ColumnTable unsealed;
    unsealed.begin(index.columns_count());
    unsealed.set_taste(0, 1.0f);
    unsealed.seal();
    EXPECT_FALSE(unsealed.sum_part(postings, f, 60, 0, out));
  }
}

}  // namespace
}  // namespace ah::radar
