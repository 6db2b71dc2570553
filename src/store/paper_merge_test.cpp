#include "store/paper_merge.h"

#include <gtest/gtest.h>

namespace ah::store {
namespace {

core::Paper record(int version, std::string title) {
  core::Paper p;
  p.arxiv_id = "2401.00001";
  p.version = version;
  p.title = p.title_display = std::move(title);
  p.version_date = "2024-01-0" + std::to_string(version) + "T00:00:00Z";
  p.source = core::source::kArxivOai;
  return p;
}

TEST(Canonical, SortsIdsDropsDuplicateSchemesAndAddsOwnVersion) {
  core::Paper p = record(2, "t");
  p.other_ids = {{"pmid", "2"}, {"doi", "10.1/x"}, {"openalex", "W1"}, {"pmid", "2"}, {"", "x"}};
  p.categories = {"cs.CL", "", "cs.AI", "cs.CL"};
  p.authors = {{"A", ""}, {"", "nowhere"}};
  p.versions = {{1, "2024-01-01T00:00:00Z", "10kb"}, {0, "", ""}, {1, "", "9kb"}};
  core::Paper c = canonical(p);
  EXPECT_EQ(c.other_ids, (std::vector<core::Identifier>{{"openalex", "W1"}, {"pmid", "2"}}));
  EXPECT_EQ(c.categories, (std::vector<std::string>{"cs.CL", "cs.AI"}));
  ASSERT_EQ(c.authors.size(), 1u);
  EXPECT_EQ(c.versions, (std::vector<core::PaperVersion>{{1, "2024-01-01T00:00:00Z", "10kb"},
                                                         {2, "2024-01-02T00:00:00Z", ""}}));
  EXPECT_EQ(canonical(c), c) << "canonical is idempotent";
}

TEST(Relate, ComparesKnownVersions) {
  struct Case {
    int stored, incoming;
    Relation expected;
  };
  for (Case c : {Case{2, 1, Relation::older}, Case{2, 2, Relation::overwrite},
                 Case{2, 3, Relation::overwrite}, Case{0, 1, Relation::overwrite},
                 Case{2, 0, Relation::fill_only}, Case{0, 0, Relation::overwrite}}) {
    EXPECT_EQ(relate(c.stored, c.incoming), c.expected) << c.stored << " vs " << c.incoming;
  }
}

TEST(Merge, NewerVersionReplacesFieldsAndKeepsHistory) {
  core::Paper v1 = canonical(record(1, "old title"));
  v1.journal_ref = "J. 1";
  core::Paper v2 = canonical(record(2, "new title"));
  core::Paper m = merge(v1, v2, Relation::overwrite);
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.title, "new title");
  EXPECT_EQ(m.journal_ref, "J. 1") << "a field the newer record leaves empty is kept";
  ASSERT_EQ(m.versions.size(), 2u);
  EXPECT_EQ(m.versions[0].version, 1);
  EXPECT_EQ(m.versions[1].version, 2);
}

TEST(Merge, OlderVersionOnlyAddsHistory) {
  core::Paper v2 = canonical(record(2, "new title"));
  core::Paper v1 = canonical(record(1, "old title"));
  core::Paper m = merge(v2, v1, Relation::older);
  EXPECT_EQ(m.title, "new title");
  EXPECT_EQ(m.version, 2);
  ASSERT_EQ(m.versions.size(), 2u);
  EXPECT_EQ(m.versions[0].date, "2024-01-01T00:00:00Z");
}

TEST(Merge, FillOnlyNeverOverwrites) {
  core::Paper stored = canonical(record(2, "stored"));
  core::Paper in = canonical(record(0, "other"));
  in.comment = "12 pages";
  in.version_date.clear();
  core::Paper m = merge(stored, in, Relation::fill_only);
  EXPECT_EQ(m.title, "stored");
  EXPECT_EQ(m.comment, "12 pages");
  EXPECT_EQ(m.version, 2);
}

TEST(Merge, RereadingRecordsOfOneVersionInAnyOrderIsANoOp) {
  // The daily crawl lists 2506.01591 twice, once without its late cross-list to eess.AS, and a
  // paper reappears on later days: merging must converge, not flip between the two.
  core::Paper a = record(0, "t"), b = record(0, "t");
  a.version_date = b.version_date = "";
  a.categories = {"cs.GR", "cs.CV"};
  a.announced = "2025-06-03";
  b.categories = {"cs.GR", "cs.CV", "eess.AS"};
  b.announced = "2025-06-05";
  core::Paper ab =
      merge(merge(canonical(core::Paper{}), a, Relation::overwrite), b, Relation::overwrite);
  EXPECT_EQ(ab.categories, (std::vector<std::string>{"cs.GR", "cs.CV", "eess.AS"}));
  EXPECT_EQ(ab.announced, "2025-06-03");
  EXPECT_TRUE(same_content(merge(ab, a, Relation::overwrite), ab));
  EXPECT_TRUE(same_content(merge(ab, b, Relation::overwrite), ab));
}

TEST(Merge, ANewVersionMayDropACategory) {
  core::Paper v1 = record(1, "t"), v2 = record(2, "t");
  v1.categories = {"cs.CL", "cs.AI"};
  v2.categories = {"cs.CL"};
  EXPECT_EQ(merge(v1, v2, relate(1, 2)).categories, (std::vector<std::string>{"cs.CL"}));
}

TEST(Merge, SourceFollowsOnlyARealChange) {
  core::Paper stored = canonical(record(1, "t"));
  core::Paper same = stored;
  same.source = core::source::kArxivRss;
  EXPECT_EQ(merge(stored, same, Relation::overwrite).source, core::source::kArxivOai);
  EXPECT_TRUE(same_content(merge(stored, same, Relation::overwrite), stored));
  same.comment = "new";
  core::Paper changed = merge(stored, same, Relation::overwrite);
  EXPECT_EQ(changed.source, core::source::kArxivRss);
  EXPECT_FALSE(same_content(changed, stored));
}

}  // namespace
}  // namespace ah::store
