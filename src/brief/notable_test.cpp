#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "brief/analysis.h"

namespace ah::brief {
namespace {

core::Paper paper(std::string title, std::vector<std::string> authors) {
  core::Paper p;
  p.arxiv_id = "2501.00001";
  p.title_display = std::move(title);
  p.abstract_display = "Something about graphs and networks.";
  for (auto& a : authors) p.authors.push_back({std::move(a)});
  return p;
}

std::vector<std::pair<std::size_t, NotableKind>> kinds(const Analysis& a) {
  std::vector<std::pair<std::size_t, NotableKind>> out;
  for (const NotablePaper& n : a.notable) out.emplace_back(n.paper, n.kind);
  return out;
}

TEST(Notable, FindsFollowedAuthorsByFullNameOrInitial) {
  std::vector<core::Paper> papers{paper("A", {"Yoshua Bengio", "X"}), paper("B", {"Ada Byron"}),
                                  paper("C", {"Geoffrey E. Hinton"}), paper("D", {"Bengio"})};
  NotableInputs inputs;
  inputs.followed_authors = {"bengio, yoshua", "G. Hinton"};
  const Analysis a = analyse(papers, {}, {}, inputs);
  EXPECT_THAT(kinds(a),
              ::testing::ElementsAre(std::pair{std::size_t{0}, NotableKind::followed_author},
                                     std::pair{std::size_t{2}, NotableKind::followed_author}));
  EXPECT_EQ(a.notable[0].detail, "Yoshua Bengio");
}

TEST(Notable, TakesTheRadarsBestAndTheRecordsStatus) {
  std::vector<core::Paper> papers(5, paper("P", {"A B"}));
  papers[1].journal_ref = "Nature 600, 1-5 (2025)";
  papers[2].status.retracted = true;
  papers[3].comment = "This paper has been withdrawn by the author";
  papers[4].history.push_back({"2025-06-01", "published", "Nature Methods", "crossref"});
  NotableInputs inputs;
  inputs.radar = {{0, 0.4, "matches 'graphs'"}, {3, 0.9, ""}, {9, 1.0, "not in the set"}};
  inputs.radar_top = 1;
  const Analysis a = analyse(papers, {}, {}, inputs);
  EXPECT_THAT(kinds(a), ::testing::ElementsAre(std::pair{std::size_t{3}, NotableKind::radar_top},
                                               std::pair{std::size_t{1}, NotableKind::published},
                                               std::pair{std::size_t{4}, NotableKind::published},
                                               std::pair{std::size_t{2}, NotableKind::retracted},
                                               std::pair{std::size_t{3}, NotableKind::withdrawn}));
  EXPECT_EQ(a.notable[1].detail, "Nature 600, 1-5 (2025)");
  EXPECT_EQ(a.notable[2].detail, "Nature Methods");
}

}  // namespace
}  // namespace ah::brief
