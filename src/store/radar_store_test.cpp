// RadarStore on every backend: radars per user, profiles round-trip, votes, sessions and seen
// papers, papers named by stable ids that follow merges; and PaperStore::papers_after, which the
// radar's index reads the store with.
#include <gtest/gtest.h>

#include "store/store_test_backends.h"

namespace ah::store {
namespace {

using core::Paper;
using RadarStoreTest = StoreTest;

Paper arxiv_paper(std::string id, std::string title) {
  Paper p;
  p.arxiv_id = std::move(id);
  p.version = 1;
  p.title = p.title_display = std::move(title);
  p.abstract = p.abstract_display = "An abstract about " + p.title_display + ".";
  p.authors = {{"Ana Lee", "MIT"}};
  p.categories = {"cs.CL"};
  p.published = p.version_date = "2024-01-10T12:00:00Z";
  p.source = core::source::kArxivOai;
  return p;
}

radar::RadarProfile profile() {
  radar::RadarProfile p;
  p.authors = {"Simeng Zhang"};
  p.author_ids = {"orcid:0000-0002-1825-0097"};
  p.keywords = {"sparse attention"};
  p.excludes = {"survey"};
  p.categories = {"cs.CL"};
  p.venues = {"Nature Methods"};
  p.sources = {"arxiv-oai"};
  p.description = "长上下文的稀疏注意力";
  return p;
}

RadarStore& radars(PaperStore& s) {
  RadarStore* r = s.radars();
  if (r == nullptr) throw std::runtime_error("backend without radars");
  return *r;
}

TEST_P(RadarStoreTest, ARadarRoundTripsAndNamesAreUniquePerUser) {
  put({arxiv_paper("2401.00001", "One"), arxiv_paper("2401.00002", "Two")});
  const std::int64_t one = must_get("2401.00001").paper_id;
  const std::int64_t two = must_get("2401.00002").paper_id;
  RadarStore& rs = radars(*store_);
  radar::RadarProfile p = profile();
  p.seeds = {two, one, two};
  p.votes = {{one, radar::Vote::down}};
  auto made = rs.create_radar(kLocalUser, "Attention", p);
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_GT(made->id, 0);
  EXPECT_EQ(made->revision, 1);
  EXPECT_FALSE(made->created.empty());
  p.seeds = {two, one};  // duplicates dropped, order kept
  EXPECT_EQ(made->profile, p);

  for (const std::string& key : {std::string("attention"), std::to_string(made->id)}) {
    auto found = rs.find_radar(kLocalUser, key);
    ASSERT_TRUE(found.has_value() && found->has_value()) << key;
    EXPECT_EQ((*found)->profile, p) << key;
    EXPECT_EQ((*found)->name, "Attention");
  }
  auto other_user = rs.find_radar("someone-else", "Attention");
  ASSERT_TRUE(other_user.has_value());
  EXPECT_FALSE(other_user->has_value());
  EXPECT_EQ(rs.create_radar(kLocalUser, "ATTENTION", {}).error().code, ErrorCode::conflict);
  EXPECT_TRUE(rs.create_radar("someone-else", "Attention", {}).has_value());
  ASSERT_TRUE(rs.create_radar(kLocalUser, "Biology", {}).has_value());
  auto list = rs.list_radars(kLocalUser);
  ASSERT_TRUE(list.has_value());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "Attention");
  EXPECT_EQ((*list)[1].name, "Biology");

  radar::RadarProfile edited = p;
  edited.keywords = {"linear attention"};
  edited.seeds = {one};
  edited.votes.clear();  // ignored: votes change through set_vote only
  auto updated = rs.update_radar(kLocalUser, made->id, "Attention 2", edited);
  ASSERT_TRUE(updated.has_value()) << updated.error().message;
  EXPECT_EQ(updated->name, "Attention 2");
  EXPECT_EQ(updated->revision, 2);
  EXPECT_EQ(updated->profile.keywords, edited.keywords);
  EXPECT_EQ(updated->profile.seeds, edited.seeds);
  EXPECT_EQ(updated->profile.votes, p.votes);
  EXPECT_EQ(rs.update_radar(kLocalUser, made->id, "Biology", edited).error().code,
            ErrorCode::conflict);
  EXPECT_EQ(rs.update_radar(kLocalUser, 9999, std::nullopt, edited).error().code,
            ErrorCode::not_found);

  auto gone = rs.delete_radar(kLocalUser, made->id);
  ASSERT_TRUE(gone.has_value());
  EXPECT_TRUE(*gone);
  EXPECT_FALSE(*rs.delete_radar(kLocalUser, made->id));
  EXPECT_FALSE(rs.find_radar(kLocalUser, "Attention 2")->has_value());
}

TEST_P(RadarStoreTest, BadNamesAndProfilesAreRefusedNamingTheField) {
  RadarStore& rs = radars(*store_);
  radar::RadarProfile too_many;
  too_many.keywords.assign(kMaxRadarListEntries + 1, "x");
  radar::RadarProfile bad_id;
  bad_id.author_ids = {"0000-0002-1825-0097"};
  radar::RadarProfile empty_entry;
  empty_entry.authors = {" "};
  struct Case {
    std::string name;
    radar::RadarProfile profile;
    std::string message;
  };
  const Case cases[] = {
      {"", {}, "name:"},
      {"   ", {}, "name:"},
      {"2024", {}, "all digits"},
      {"a\nb", {}, "name:"},
      {std::string(kMaxRadarNameBytes + 1, 'a'), {}, "name:"},
      {"ok", too_many, "keywords:"},
      {"ok", bad_id, "author_ids:"},
      {"ok", empty_entry, "authors:"},
  };
  for (const Case& c : cases) {
    auto r = rs.create_radar(kLocalUser, c.name, c.profile);
    ASSERT_FALSE(r.has_value()) << c.name;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument) << c.name;
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().message;
  }
  EXPECT_TRUE(rs.list_radars(kLocalUser)->empty());
}

TEST_P(RadarStoreTest, VotesSetAndClearAndBumpTheRevision) {
  put({arxiv_paper("2401.00001", "One")});
  const std::int64_t one = must_get("2401.00001").paper_id;
  RadarStore& rs = radars(*store_);
  const auto made = *rs.create_radar(kLocalUser, "r", {});
  auto up = rs.set_vote(kLocalUser, made.id, one, radar::Vote::up);
  ASSERT_TRUE(up.has_value()) << up.error().message;
  EXPECT_EQ(up->profile.votes.at(one), radar::Vote::up);
  EXPECT_EQ(up->revision, 2);
  auto down = rs.set_vote(kLocalUser, made.id, one, radar::Vote::down);
  EXPECT_EQ(down->profile.votes.at(one), radar::Vote::down);
  auto cleared = rs.set_vote(kLocalUser, made.id, one, std::nullopt);
  EXPECT_TRUE(cleared->profile.votes.empty());
  EXPECT_EQ(cleared->revision, 4);
  EXPECT_EQ(rs.set_vote("someone-else", made.id, one, radar::Vote::up).error().code,
            ErrorCode::not_found);
}

TEST_P(RadarStoreTest, SessionsKeepShownPapersApartAndDismissedOnesOutOfEvery) {
  RadarStore& rs = radars(*store_);
  const auto made = *rs.create_radar(kLocalUser, "r", {});
  const auto s1 = rs.start_session(made.id);
  const auto s2 = rs.start_session(made.id);
  ASSERT_TRUE(s1.has_value() && s2.has_value());
  EXPECT_NE(*s1, *s2);
  EXPECT_TRUE(*rs.has_session(made.id, *s1));
  EXPECT_FALSE(*rs.has_session(made.id + 1, *s1));
  const std::vector<std::int64_t> shown = {11, 12}, dismissed = {13}, read = {14};
  ASSERT_TRUE(rs.mark_seen(made.id, shown, SeenState::shown, *s1).has_value());
  ASSERT_TRUE(rs.mark_seen(made.id, dismissed, SeenState::dismissed).has_value());
  ASSERT_TRUE(rs.mark_seen(made.id, read, SeenState::read).has_value());
  EXPECT_EQ(*rs.excluded(made.id, *s1), (std::unordered_set<std::int64_t>{11, 12, 13, 14}));
  EXPECT_EQ(*rs.excluded(made.id, *s2), (std::unordered_set<std::int64_t>{13, 14}));
  EXPECT_EQ(*rs.excluded(made.id, 0), (std::unordered_set<std::int64_t>{13, 14}));
  EXPECT_EQ(rs.mark_seen(made.id, shown, SeenState::shown, 999).error().code,
            ErrorCode::invalid_argument);
  EXPECT_EQ(rs.start_session(made.id + 100).error().code, ErrorCode::not_found);
  for (int i = 0; i < 25; ++i) ASSERT_TRUE(rs.start_session(made.id).has_value());
  EXPECT_FALSE(*rs.has_session(made.id, *s1)) << "old sessions are forgotten";
  EXPECT_EQ(*rs.excluded(made.id, *s1), (std::unordered_set<std::int64_t>{13, 14}));
  ASSERT_TRUE(*rs.delete_radar(kLocalUser, made.id));
  EXPECT_TRUE(rs.excluded(made.id, 0)->empty());
}

TEST_P(RadarStoreTest, SeedsAndVotesFollowTheirPaperThroughAMerge) {
  // The published version first (a DOI of its own), then the preprint; then the preprint's new
  // version names the DOI and the two become one paper: one of the two ids becomes an alias.
  Paper published;
  published.doi = "10.1000/merge.1";
  published.source = core::source::kCrossref;
  published.source_id = published.doi;
  published.title = published.title_display = "Journal version of a merge test";
  published.published = "2024-03-01";
  put({published});
  put({arxiv_paper("2401.00007", "Preprint of a merge test")});
  const std::int64_t journal = must_get("10.1000/merge.1").paper_id;
  const std::int64_t preprint = must_get("2401.00007").paper_id;
  ASSERT_NE(journal, preprint);
  RadarStore& rs = radars(*store_);
  radar::RadarProfile p;
  p.seeds = {preprint, journal};
  p.votes = {{preprint, radar::Vote::up}, {journal, radar::Vote::up}};
  const auto made = *rs.create_radar(kLocalUser, "r", p);
  const auto session = *rs.start_session(made.id);
  const std::vector<std::int64_t> shown = {preprint, journal};
  ASSERT_TRUE(rs.mark_seen(made.id, shown, SeenState::shown, session).has_value());

  Paper v2 = arxiv_paper("2401.00007", "Preprint of a merge test");
  v2.version = 2;
  v2.version_date = "2024-02-01T00:00:00Z";
  v2.doi = published.doi;
  put({v2});
  const std::int64_t merged = must_get("2401.00007").paper_id;
  ASSERT_EQ(must_get("10.1000/merge.1").paper_id, merged) << "the two records are one paper";
  // Whichever id survived, the other is an alias of it now.
  ASSERT_TRUE(merged == journal || merged == preprint);
  auto found = rs.find_radar(kLocalUser, "r");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->profile.seeds, std::vector<std::int64_t>{merged});
  EXPECT_EQ((*found)->profile.votes.size(), 1u);
  EXPECT_EQ((*found)->profile.votes.begin()->first, merged);
  EXPECT_EQ(*rs.excluded(made.id, session), std::unordered_set<std::int64_t>{merged});
  // A new vote on the paper replaces the one cast under its old id.
  auto down = rs.set_vote(kLocalUser, made.id, merged, radar::Vote::down);
  ASSERT_TRUE(down.has_value());
  EXPECT_EQ(down->profile.votes,
            (std::map<std::int64_t, radar::Vote>{{merged, radar::Vote::down}}));
}

TEST_P(RadarStoreTest, PapersAfterWalksEveryPaperOnceInStableIdOrder) {
  std::vector<Paper> papers;
  for (int i = 1; i <= 7; ++i) {
    papers.push_back(arxiv_paper("2401.0000" + std::to_string(i), "Paper " + std::to_string(i)));
  }
  put(papers);
  std::vector<std::int64_t> seen;
  std::int64_t after = 0;
  for (int round = 0; round < 10; ++round) {
    auto batch = store_->papers_after(after, 3);
    ASSERT_TRUE(batch.has_value()) << batch.error().message;
    if (batch->papers.empty()) break;
    EXPECT_LE(batch->papers.size(), 3u);
    for (const Paper& p : batch->papers) {
      EXPECT_GT(p.paper_id, after);
      EXPECT_FALSE(p.title_display.empty());
      EXPECT_EQ(p.authors.size(), 1u);
      after = p.paper_id;
      seen.push_back(p.paper_id);
    }
  }
  EXPECT_EQ(seen.size(), 7u);
  put({arxiv_paper("2401.00008", "Paper 8")});
  auto rest = store_->papers_after(after, 10);
  ASSERT_TRUE(rest.has_value());
  ASSERT_EQ(rest->papers.size(), 1u) << "only the paper added since";
  EXPECT_EQ(rest->papers[0].arxiv_id, "2401.00008");
  for (int bad : {0, 10'001}) {
    EXPECT_EQ(store_->papers_after(0, bad).error().code, ErrorCode::invalid_argument);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, RadarStoreTest, ::testing::ValuesIn(kBackends), backend_name);

TEST(SqliteRadars, AReadOnlyStoreReadsRadarsAndRefusesWrites) {
  ah::testing::TempDir dir;
  {
    auto writer = open_sqlite(dir.path() / "papers.db");
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    ASSERT_TRUE(radars(**writer).create_radar(kLocalUser, "r", {}).has_value());
  }
  auto reader = open_sqlite(dir.path() / "papers.db", SqliteOptions::read_only_mode());
  ASSERT_TRUE(reader.has_value()) << reader.error().message;
  RadarStore& rs = radars(**reader);
  EXPECT_TRUE(rs.find_radar(kLocalUser, "r")->has_value());
  EXPECT_EQ(rs.create_radar(kLocalUser, "s", {}).error().code, ErrorCode::unavailable);
}

// Radars are stamped by the store's clock (SqliteOptions::now), not the system's.
TEST(SqliteRadars, AreStampedWithTheTimeOfTheStoresClock) {
  ah::testing::TempDir dir;
  auto at = core::parse_utc_time("2031-05-06T07:08:09Z").value();
  SqliteOptions options;
  options.now = [&] { return at; };
  auto store = open_sqlite(dir.path() / "papers.db", options);
  ASSERT_TRUE(store.has_value()) << store.error().message;
  auto made = radars(**store).create_radar(kLocalUser, "r", {});
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_EQ(made->created, "2031-05-06T07:08:09Z");
  EXPECT_EQ(made->updated, "2031-05-06T07:08:09Z");
  at += std::chrono::hours(25);
  auto edited = radars(**store).update_radar(kLocalUser, made->id, "s", {});
  ASSERT_TRUE(edited.has_value()) << edited.error().message;
  EXPECT_EQ(edited->created, "2031-05-06T07:08:09Z");
  EXPECT_EQ(edited->updated, "2031-05-07T08:08:09Z");
}

}  // namespace
}  // namespace ah::store
