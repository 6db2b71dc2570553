// The previous period of a briefing's set: the windows (pure), and gather_previous against every
// store backend.
#include "brief/period.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "core/calendar.h"
#include "store/store_test_backends.h"

namespace ah::brief {
namespace {

using std::chrono::sys_days;

core::Paper paper(std::string id, std::string title, std::string category, std::string date) {
  core::Paper p;
  p.arxiv_id = std::move(id);
  p.version = 1;
  p.title = p.title_display = std::move(title);
  p.abstract = p.abstract_display = p.title + " in detail.";
  p.authors = {core::Author{"Ada Lovelace"}};
  p.categories = {std::move(category)};
  p.published = p.announced = std::move(date);
  p.source = core::source::kArxivOai;
  return p;
}

sys_days day(const char* text) { return *core::leading_day(text); }

TEST(SetWindow, IsTheBoundsGivenElseTheDaysThePapersSpan) {
  const std::vector<core::Paper> set{paper("2401.00001", "a", "cs.CL", "2024-01-10"),
                                     paper("2401.00002", "b", "cs.CL", "2024-01-04"),
                                     paper("2401.00003", "c", "cs.CL", "")};
  struct Case {
    const char *since, *until, *first, *last;
  };
  const Case cases[] = {
      {"", "", "2024-01-04", "2024-01-10"},
      {"2024-01-01", "", "2024-01-01", "2024-01-10"},
      {"", "2024-01-31", "2024-01-04", "2024-01-31"},
      {"2023-12", "2024", "2023-12-01", "2024-12-31"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(fmt::format("since '{}' until '{}'", c.since, c.until));
    auto w = set_window(set, c.since, c.until);
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(core::day_text(w->first), c.first);
    EXPECT_EQ(core::day_text(w->last), c.last);
  }
  EXPECT_FALSE(set_window(set, "2024-02-01", "2024-01-01")) << "reversed bounds";
  EXPECT_FALSE(set_window(set, "yesterday", "")) << "an unreadable bound";
  EXPECT_FALSE(set_window(std::vector<core::Paper>{paper("x", "a", "cs.CL", "")}, "", ""))
      << "no paper has a date";
}

TEST(PreviousWindow, IsTheEqualWindowEndingTheDayBefore) {
  struct Case {
    const char *first, *last, *prev_first, *prev_last;
  };
  const Case cases[] = {
      {"2024-01-10", "2024-01-10", "2024-01-09", "2024-01-09"},
      {"2024-01-04", "2024-01-10", "2023-12-28", "2024-01-03"},
      {"2024-03-01", "2024-03-31", "2024-01-30", "2024-02-29"},
  };
  for (const Case& c : cases) {
    const DayWindow before = previous_window({day(c.first), day(c.last)});
    EXPECT_EQ(core::day_text(before.first), c.prev_first) << c.first;
    EXPECT_EQ(core::day_text(before.last), c.prev_last) << c.first;
    EXPECT_EQ(before.days(), DayWindow({day(c.first), day(c.last)}).days());
  }
}

TEST(MainCategories, AreThePrimaryCategoriesCoveringMostOfTheSet) {
  std::vector<core::Paper> set;
  for (int i = 0; i < 6; ++i) set.push_back(paper("a", "t", "cs.CL", "2024-01-01"));
  for (int i = 0; i < 3; ++i) set.push_back(paper("a", "t", "cs.LG", "2024-01-01"));
  set.push_back(paper("a", "t", "q-bio.NC", "2024-01-01"));
  EXPECT_EQ(main_categories(set), (std::vector<std::string>{"cs.CL", "cs.LG"}));
  EXPECT_EQ(main_categories(set, 1.0), (std::vector<std::string>{"cs.CL", "cs.LG", "q-bio.NC"}));
  EXPECT_EQ(main_categories(set, 1.0, 1), (std::vector<std::string>{"cs.CL"}));
  EXPECT_TRUE(main_categories(std::vector<core::Paper>{}).empty());
}

// A store with two weeks of cs.CL and one of q-bio: the set is in the second week.
class GatherPrevious : public store::StoreTest {
 protected:
  void SetUp() override {
    store::StoreTest::SetUp();
    if (IsSkipped()) return;
    std::vector<core::Paper> papers;
    for (int d = 1; d <= 14; ++d) {
      const std::string date = fmt::format("2024-01-{:02}", d);
      papers.push_back(paper(fmt::format("2401.{:05}", d), d <= 7 ? "Parsing with grammars"
                                                                  : "Parsing with language models",
                             "cs.CL", date));
      papers.push_back(
          paper(fmt::format("2401.{:05}", 100 + d), "Neurons firing", "q-bio.NC", date));
    }
    put(papers);
  }
  std::vector<core::Paper> set_of(PaperSetRequest request) {
    auto set = gather(*store_, request);
    EXPECT_TRUE(set.has_value()) << set.error().message;
    return set.value_or(std::vector<core::Paper>{});
  }
  static std::vector<std::string> days_of(const std::vector<core::Paper>& papers) {
    std::vector<std::string> out;
    for (const core::Paper& p : papers) out.push_back(p.published.substr(0, 10));
    std::ranges::sort(out);
    return out;
  }
};

TEST_P(GatherPrevious, AQueryReadsTheSameQueryInTheWindowBefore) {
  PaperSetRequest request;
  request.query = "parsing";
  request.since = "2024-01-11";
  request.until = "2024-01-14";
  const auto set = set_of(request);
  ASSERT_EQ(set.size(), 4u);
  auto previous = gather_previous(*store_, request, set);
  ASSERT_TRUE(previous.has_value()) << previous.error().message;
  EXPECT_EQ(days_of(*previous),
            (std::vector<std::string>{"2024-01-07", "2024-01-08", "2024-01-09", "2024-01-10"}));
  for (const core::Paper& p : *previous) EXPECT_EQ(p.categories.front(), "cs.CL");
}

TEST_P(GatherPrevious, IdsReadTheirMainCategoriesInTheWindowBefore) {
  PaperSetRequest request;
  request.ids = {"2401.00013", "2401.00014"};
  const auto set = set_of(request);
  ASSERT_EQ(set.size(), 2u);
  auto previous = gather_previous(*store_, request, set);
  ASSERT_TRUE(previous.has_value()) << previous.error().message;
  EXPECT_EQ(days_of(*previous), (std::vector<std::string>{"2024-01-11", "2024-01-12"}));
  for (const core::Paper& p : *previous) EXPECT_EQ(p.categories.front(), "cs.CL");
}

TEST_P(GatherPrevious, IsEmptyWhenNothingCameBeforeOrTheSetHasNoDays) {
  PaperSetRequest request;
  request.ids = {"2401.00001"};
  auto first_day = gather_previous(*store_, request, set_of(request));
  ASSERT_TRUE(first_day.has_value()) << first_day.error().message;
  EXPECT_TRUE(first_day->empty());

  std::vector<core::Paper> undated{paper("2401.09999", "Undated", "cs.CL", "")};
  auto none = gather_previous(*store_, request, undated);
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_TRUE(none->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, GatherPrevious, ::testing::ValuesIn(store::kBackends),
                         store::backend_name);

}  // namespace
}  // namespace ah::brief
