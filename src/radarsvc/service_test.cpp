// RadarService over a real SQLite store: feeds that keep seeds, 👎, dismissed and read papers out,
// sessions that never repeat a paper (votes in between included), exclusions and the pool, the
// index growing with the store, and the errors a caller can make.
#include "radarsvc/service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "radarsvc/people.h"
#include "radarsvc/radar_json.h"
#include "radarsvc/test_corpus.h"
#include "tests/support/fixtures.h"

namespace ah::radarsvc {
namespace {

using testing::topic_paper;

class RadarServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite(dir_.path() / "papers.db");
    ASSERT_TRUE(s.has_value()) << s.error().message;
    store_ = std::move(*s);
    ASSERT_TRUE(store_->upsert(testing::topic_corpus()).has_value());
  }
  ServiceOptions options() {
    ServiceOptions o;
    o.index.vectors.enabled = false;  // fastText on 40 abstracts learns noise
    o.index.phrase_min_df = 1;
    return o;
  }
  std::int64_t id_of(const std::string& arxiv) { return (*store_->get(arxiv))->paper_id; }
  store::StoredRadar create(const std::string& name, radar::RadarProfile p) {
    auto r = store_->radars()->create_radar(store::kLocalUser, name, p);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return *r;
  }
  store::StoredRadar reload(const store::StoredRadar& r) {
    return **store_->radars()->find_radar(store::kLocalUser, r.name);
  }
  Feed must_feed(RadarService& svc, const store::StoredRadar& r, FeedRequest req) {
    auto f = svc.feed(*store_, reload(r), req);
    EXPECT_TRUE(f.has_value()) << f.error().message;
    return f.value_or(Feed{});
  }
  static std::vector<std::string> ids(const Feed& f) {
    std::vector<std::string> out;
    for (const auto& item : f.papers) out.push_back(item.paper.arxiv_id);
    return out;
  }

  ah::testing::TempDir dir_;
  std::unique_ptr<store::PaperStore> store_;
};

TEST_F(RadarServiceTest, SeedsLeadTheFeedToTheirTopicAndAreNeverInIt) {
  RadarService svc(options());
  radar::RadarProfile p;
  p.seeds = {id_of("2401.00001"), id_of("2401.00002")};
  const auto r = create("attention", p);
  const Feed f = must_feed(svc, r, {.limit = 5});
  ASSERT_EQ(f.papers.size(), 5u);
  for (const auto& item : f.papers) {
    EXPECT_TRUE(item.paper.arxiv_id.starts_with("2401.000")) << item.paper.arxiv_id;
    EXPECT_NE(item.paper.arxiv_id, "2401.00001");
    EXPECT_NE(item.paper.arxiv_id, "2401.00002");
    EXPECT_FALSE(item.why.empty()) << item.paper.arxiv_id;
    EXPECT_GT(item.score, 0);
  }
  EXPECT_TRUE(f.next_cursor.has_value());
  const auto j = feed_json(f, weights(svc.options()));
  ASSERT_EQ(j["papers"].size(), 5u);
  for (const char* key : {"score", "signals", "contributions", "why", "id", "title"}) {
    EXPECT_TRUE(j["papers"][0].contains(key)) << key;
  }
  EXPECT_GT(svc.indexed(), 0u);
}

// A description in Chinese finds English papers through its English terms (in the product an
// LLM's, cached: brief::english_search_terms); without terms, or when none can be had, it is
// read as written and finds nothing.
TEST_F(RadarServiceTest, AChineseDescriptionFindsEnglishPapersThroughItsTerms) {
  radar::RadarProfile p;
  p.description = "蛋白质结构预测与扩散模型";
  const auto r = create("蛋白质", p);
  struct Case {
    const char* name;
    std::function<std::optional<std::vector<std::string>>(std::string_view)> terms;
    bool finds_proteins;
  };
  std::vector<std::string> asked;
  const Case cases[] = {
      {"terms", [&](std::string_view d) -> std::optional<std::vector<std::string>> {
         asked.emplace_back(d);
         return std::vector<std::string>{"protein structure prediction", "diffusion model"};
       }, true},
      {"no terms to be had", [](std::string_view) { return std::nullopt; }, false},
      {"no hook", nullptr, false},
  };
  for (const Case& c : cases) {
    ServiceOptions o = options();
    o.description_terms = c.terms;
    RadarService svc(o);
    const Feed f = must_feed(svc, r, {.limit = 5});
    std::size_t proteins = 0;
    for (const auto& item : f.papers) {
      proteins += item.paper.arxiv_id.starts_with("2401.001") && item.signals.bm25 > 0;
    }
    if (c.finds_proteins) {
      EXPECT_EQ(proteins, 5u) << c.name;
    } else {
      EXPECT_EQ(proteins, 0u) << c.name;
    }
  }
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0], "蛋白质结构预测与扩散模型");
  // The stored description stays as the user wrote it.
  EXPECT_EQ(reload(r).profile.description, "蛋白质结构预测与扩散模型");
}

TEST_F(RadarServiceTest, ASessionNeverRepeatsAPaperEvenWithVotesInBetween) {
  RadarService svc(options());
  radar::RadarProfile p;
  p.seeds = {id_of("2401.00001")};
  const auto r = create("attention", p);
  std::set<std::string> shown;
  FeedRequest req{.limit = 4};
  int batches = 0;
  std::string downvoted;
  for (; batches < 20; ++batches) {
    const Feed f = must_feed(svc, r, req);
    for (const auto& id : ids(f)) {
      EXPECT_TRUE(shown.insert(id).second) << "repeated " << id << " in batch " << batches;
      EXPECT_NE(id, downvoted);
    }
    if (batches == 1) {
      // A vote between batches: retrained at once, and the session goes on without repeats.
      auto v = svc.vote(*store_, reload(r), "2401.00206", radar::Vote::down);
      ASSERT_TRUE(v.has_value()) << v.error().message;
      ASSERT_TRUE(v->retrain.has_value()) << "the index is built: the vote retrains now";
      EXPECT_LT(v->retrain->count(), 2'000'000);
      downvoted = "2401.00206";
    }
    if (!f.next_cursor) break;
    req.cursor = *f.next_cursor;
  }
  EXPECT_EQ(shown.size(), 38u) << "every paper but the seed and the 👎";
  EXPECT_FALSE(shown.contains("2401.00001"));
  // A new session starts over.
  EXPECT_EQ(must_feed(svc, r, {.limit = 3}).papers.size(), 3u);
}

TEST_F(RadarServiceTest, ALookThatRemembersNothingStartsNoSessionAndSaysItsWindow) {
  RadarService svc(options());
  radar::RadarProfile p;
  p.seeds = {id_of("2401.00001")};
  const auto r = create("attention", p);
  const Feed first = must_feed(svc, r, {.limit = 4});
  ASSERT_TRUE(first.next_cursor.has_value());
  // More looks than the sessions a radar keeps: had they started sessions, the first one would
  // be forgotten.
  for (int i = 0; i < 25; ++i) {
    const Feed look = must_feed(
        svc, r, {.since = "2024-01-12", .until = "2024-01-13", .limit = 2, .remember = false});
    ASSERT_EQ(look.papers.size(), 2u);
    EXPECT_FALSE(look.next_cursor.has_value()) << "a look has no session to go on with";
    ASSERT_TRUE(look.first_day && look.last_day);
    EXPECT_EQ(*look.first_day, radar::day_number("2024-01-12"));
    EXPECT_EQ(*look.last_day, radar::day_number("2024-01-13"));
  }
  const Feed second = must_feed(svc, r, {.limit = 4, .cursor = *first.next_cursor});
  for (const auto& id : ids(second)) {
    EXPECT_EQ(std::ranges::count(ids(first), id), 0) << id << " repeated";
  }
  const Feed week = must_feed(svc, r, {.view = View::week, .limit = 1});
  ASSERT_TRUE(week.first_day && week.last_day);
  EXPECT_EQ(*week.last_day, radar::day_number("2024-01-19"));
  EXPECT_EQ(*week.first_day, radar::day_number("2024-01-13"));
  EXPECT_FALSE(must_feed(svc, r, {.limit = 1}).first_day.has_value()) << "unbounded";

  auto cursor_look = svc.feed(*store_, reload(r),
                              {.limit = 2, .cursor = *first.next_cursor, .remember = false});
  ASSERT_FALSE(cursor_look.has_value());
  EXPECT_EQ(cursor_look.error().code, ErrorCode::invalid_argument);
}

TEST_F(RadarServiceTest, NoticesAboutOtherWorksAreNotRanked) {
  // A retraction notice of a topic paper (Crossref's update-to), and a correction known only by
  // its type: their news is the paper's status; neither is a card of its own.
  core::Paper retraction = topic_paper(0, 20);
  retraction.arxiv_id.clear();
  retraction.doi = "10.1000/retraction.1";
  retraction.source = core::source::kCrossref;
  retraction.title = "Retraction notice: " + retraction.title;
  retraction.relations = {{core::RelationType::updates, {"arxiv", "2401.00001"},
                           core::NoticeKind::retraction, "2024-01-19"}};
  core::Paper correction = topic_paper(0, 21);
  correction.arxiv_id.clear();
  correction.doi = "10.1000/correction.1";
  correction.source = core::source::kCrossref;
  correction.type = core::WorkType::correction;
  ASSERT_TRUE(store_->upsert(std::vector{retraction, correction}).has_value());
  RadarService svc(options());
  radar::RadarProfile p;
  p.keywords = {"sparse attention"};
  const auto r = create("attention", p);
  const Feed all = must_feed(svc, r, {.limit = 1000});
  EXPECT_EQ(all.papers.size(), 40u);
  for (const auto& item : all.papers) {
    EXPECT_NE(item.paper.doi, "10.1000/retraction.1") << item.paper.title;
    EXPECT_NE(item.paper.doi, "10.1000/correction.1") << item.paper.title;
  }
}

TEST_F(RadarServiceTest, TheIndexIsKeptInAFileThatTheNextProcessReadsAndGrows) {
  std::vector<std::string> notes;
  ServiceOptions o = options();
  o.index_file = dir_.path() / "papers.db.radar-index";
  o.note = [&notes](std::string_view line) { notes.emplace_back(line); };
  auto said = [&notes](std::string_view what) {
    return std::ranges::any_of(notes, [&](const std::string& n) {
      return n.find(what) != std::string::npos;
    });
  };
  radar::RadarProfile p;
  p.keywords = {"surface codes"};
  const auto r = create("qec", p);
  RadarService first(o);
  const Feed built = must_feed(first, r, {.limit = 1000});
  EXPECT_TRUE(said("wrote 40 papers")) << ::testing::PrintToString(notes);
  ASSERT_TRUE(std::filesystem::exists(o.index_file));

  core::Paper late = topic_paper(3, 50);
  late.arxiv_id = "2402.00001";
  late.announced = "2024-02-01";
  late.published = late.version_date = "2024-02-01T00:00:00Z";
  ASSERT_TRUE(store_->upsert(std::vector{late}).has_value());
  notes.clear();
  RadarService next(o);  // another process: no index in memory
  const Feed read = must_feed(next, r, {.limit = 1000});
  EXPECT_TRUE(said("read 40 papers")) << ::testing::PrintToString(notes);
  EXPECT_EQ(next.indexed(), 41u) << "grown by the paper added since the file was written";
  EXPECT_EQ(ids(must_feed(first, r, {.limit = 1000})), ids(read))
      << "the index read back ranks as the one built";
  EXPECT_EQ(ids(read).size(), ids(built).size() + 1);
  EXPECT_FALSE(said("wrote")) << "one paper is not a tenth more: the file stays as it is";

  // A tenth more papers than the file holds: the feed that grew the index writes it again.
  std::vector<core::Paper> more;
  for (int i = 0; i < 4; ++i) {
    core::Paper p = late;
    p.arxiv_id = fmt::format("2402.0001{}", i);
    p.title += fmt::format(" (follow-up {})", i);
    more.push_back(p);
  }
  ASSERT_TRUE(store_->upsert(more).has_value());
  must_feed(next, r, {.limit = 5});
  EXPECT_TRUE(said("wrote 45 papers")) << ::testing::PrintToString(notes);

  // The file beside another database is not its index.
  ah::testing::TempDir other_dir;
  auto other = store::open_sqlite(other_dir.path() / "papers.db");
  ASSERT_TRUE(other.has_value()) << other.error().message;
  ASSERT_TRUE((*other)->upsert(testing::topic_corpus()).has_value());
  auto other_radar = (*other)->radars()->create_radar(store::kLocalUser, "qec", p);
  ASSERT_TRUE(other_radar.has_value());
  notes.clear();
  RadarService elsewhere(o);
  auto f = elsewhere.feed(**other, *other_radar, {.limit = 5});
  ASSERT_TRUE(f.has_value()) << f.error().message;
  EXPECT_TRUE(said("not made from this database")) << ::testing::PrintToString(notes);
  EXPECT_EQ(elsewhere.indexed(), 40u) << "built from its own store";
}

TEST_F(RadarServiceTest, DismissedReadAndDownVotedPapersStayOut) {
  RadarService svc(options());
  radar::RadarProfile p;
  p.seeds = {id_of("2401.00001")};
  const auto r = create("attention", p);
  const Feed first = must_feed(svc, r, {.limit = 3});
  ASSERT_EQ(first.papers.size(), 3u);
  const std::vector<std::int64_t> dismissed = {first.papers[0].paper.paper_id};
  const std::vector<std::int64_t> read = {first.papers[1].paper.paper_id};
  ASSERT_TRUE(store_->radars()->mark_seen(r.id, dismissed, store::SeenState::dismissed));
  ASSERT_TRUE(store_->radars()->mark_seen(r.id, read, store::SeenState::read));
  ASSERT_TRUE(svc.vote(*store_, reload(r), first.papers[2].paper.arxiv_id, radar::Vote::down));
  const Feed all = must_feed(svc, r, {.limit = 1000});
  EXPECT_EQ(all.papers.size(), 36u);
  for (const auto& id : ids(all)) {
    for (int k = 0; k < 3; ++k) EXPECT_NE(id, first.papers[k].paper.arxiv_id);
  }
  EXPECT_FALSE(all.next_cursor.has_value());
}

TEST_F(RadarServiceTest, AnUpVoteBringsItsTopicUp) {
  RadarService svc(options());
  radar::RadarProfile p;
  p.seeds = {id_of("2401.00001")};
  const auto r = create("attention", p);
  auto top_topic = [&](const Feed& f) { return f.papers.front().paper.arxiv_id.substr(0, 8); };
  EXPECT_EQ(top_topic(must_feed(svc, r, {.limit = 1})), "2401.000");
  for (const char* id : {"2401.00301", "2401.00302", "2401.00303", "2401.00304"}) {
    ASSERT_TRUE(svc.vote(*store_, reload(r), id, radar::Vote::up));
  }
  for (const char* id : {"2401.00003", "2401.00004", "2401.00005"}) {
    ASSERT_TRUE(svc.vote(*store_, reload(r), id, radar::Vote::down));
  }
  EXPECT_EQ(top_topic(must_feed(svc, r, {.limit = 1})), "2401.003");
}

TEST_F(RadarServiceTest, ExclusionsWinAndFollowedAuthorsComeFromOutsideThePool) {
  RadarService svc(options());
  radar::RadarProfile p;
  p.categories = {"cs.CL"};
  p.authors = {"Author3 Lead"};  // quant-ph, outside the pool
  p.excludes = {"negative result"};
  p.keywords = {"sparse attention"};
  const auto r = create("pool", p);
  const Feed f = must_feed(svc, r, {.limit = 1000});
  std::set<std::string> prefixes;
  for (const auto& item : f.papers) {
    prefixes.insert(item.paper.arxiv_id.substr(0, 8));
    EXPECT_EQ(item.paper.abstract.find("negative"), std::string::npos) << item.paper.arxiv_id;
  }
  EXPECT_EQ(prefixes, (std::set<std::string>{"2401.000", "2401.003"}));
  EXPECT_EQ(f.papers.size(), 18u);
  bool follows = false;
  for (const auto& item : f.papers) {
    for (const auto& why : item.why) follows |= why.kind == radar::WhyKind::followed_author;
  }
  EXPECT_TRUE(follows);
}

TEST_F(RadarServiceTest, TheIndexGrowsWithTheStoreAndViewsCountBackFromTheNewestDay) {
  RadarService svc(options());
  radar::RadarProfile p;
  p.keywords = {"surface codes"};
  const auto r = create("qec", p);
  EXPECT_EQ(must_feed(svc, r, {.limit = 1000}).papers.size(), 40u);
  const std::size_t before = svc.indexed();
  core::Paper late = topic_paper(3, 50);
  late.arxiv_id = "2402.00001";
  late.announced = "2024-02-01";
  late.published = late.version_date = "2024-02-01T00:00:00Z";
  ASSERT_TRUE(store_->upsert(std::vector{late}).has_value());
  const Feed today = must_feed(svc, r, {.view = View::today, .limit = 10});
  EXPECT_EQ(svc.indexed(), before + 1);
  ASSERT_EQ(ids(today), std::vector<std::string>{"2402.00001"});
  EXPECT_TRUE(must_feed(svc, r, {.view = View::week, .limit = 10}).papers.size() == 1u);
  const Feed january =
      must_feed(svc, r, {.since = "2024-01-15", .until = "2024-01-16", .limit = 100});
  EXPECT_EQ(january.papers.size(), 8u);
}

TEST_F(RadarServiceTest, PeopleAreFoundByTheWordsTypedSoFarAndToldApartByTheirIds) {
  struct Case {
    std::string typed;
    std::vector<std::string> names;  // the candidates, in any order
  };
  for (const Case& c : {
           Case{"Author3 Lead", {"Author3 Lead"}},
           Case{"Author3", {"Author3 Lead", "Author3 Second"}},
           Case{"auth sec", {}},  // the filter reads whole words: "auth" is none
           Case{"Nobody Here", {}},
       }) {
    auto people = find_people(*store_, c.typed);
    ASSERT_TRUE(people.has_value()) << c.typed << ": " << people.error().message;
    std::set<std::string> names;
    for (const Person& p : *people) names.insert(p.name);
    EXPECT_EQ(names, std::set<std::string>(c.names.begin(), c.names.end())) << c.typed;
  }
  auto lead = find_people(*store_, "Author3 Lead");
  ASSERT_TRUE(lead.has_value() && lead->size() == 1);
  EXPECT_EQ(lead->front().ids, std::vector<std::string>{"orcid:0000-0002-1825-0097"});
  EXPECT_FALSE(lead->front().recent.empty());
  EXPECT_EQ(find_people(*store_, "--").error().code, ErrorCode::invalid_argument);
}

TEST_F(RadarServiceTest, BadRequestsNameTheParameter) {
  RadarService svc(options());
  const auto r = create("r", {});
  const auto other = create("s", {});
  const Feed f = must_feed(svc, other, {.limit = 1});
  ASSERT_TRUE(f.next_cursor.has_value());
  struct Case {
    FeedRequest request;
    const char* message;
  };
  const Case cases[] = {
      {{.limit = 0}, "limit:"},
      {{.limit = 1001}, "limit:"},
      {{.since = "2024-13-01"}, "since"},
      {{.since = "2024-02-01", .until = "2024-01-01"}, "since"},
      {{.cursor = "bogus"}, "cursor:"},
      {{.cursor = *f.next_cursor}, "cursor:"},  // another radar's
      {{.cursor = fmt::format("r{}s999", r.id)}, "cursor:"},
  };
  for (const Case& c : cases) {
    auto got = svc.feed(*store_, r, c.request);
    ASSERT_FALSE(got.has_value()) << c.message;
    EXPECT_EQ(got.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(got.error().message.find(c.message), std::string::npos) << got.error().message;
  }
  auto unknown = resolve_papers(*store_, {"2401.00001", "2401.99999", "10.1/none"}, "seed");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(unknown.error().message.find("2401.99999, 10.1/none"), std::string::npos)
      << unknown.error().message;
}

}  // namespace
}  // namespace ah::radarsvc
