#include "sources/arxiv/rss_parser.h"

#include <gtest/gtest.h>

#include "tests/support/fixtures.h"

namespace ah::sources::arxiv {
namespace {

ParseResult parse_own(std::string_view name) {
  auto path = testing::own_fixture(std::string("arxiv/") + std::string(name));
  auto result = parse_rss(testing::read_file(path), name);
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? std::move(*result) : ParseResult{};
}

TEST(ArxivRssParser, ReadsEveryAnnounceType) {
  ParseResult r = parse_own("rss_cs_CL_cs_AI.xml");
  EXPECT_EQ(r.info.last_build_date, "Tue, 16 Jan 2024 05:00:12 +0000");
  EXPECT_TRUE(r.rejected.empty());
  ASSERT_EQ(r.papers.size(), 4u);

  struct Expect {
    const char* id;
    int version;
    const char* type;
  };
  const Expect expected[] = {{"2401.07301", 1, "new"},
                             {"2401.07455", 1, "cross"},
                             {"2310.01234", 2, "replace"},
                             {"2309.09876", 3, "replace-cross"}};
  for (size_t k = 0; k < 4; ++k) {
    const core::Paper& p = r.papers[k];
    EXPECT_EQ(p.arxiv_id, expected[k].id);
    EXPECT_EQ(p.version, expected[k].version) << p.arxiv_id;
    EXPECT_EQ(p.announce_type, expected[k].type) << p.arxiv_id;
    EXPECT_EQ(p.source, core::source::kArxivRss);
    EXPECT_EQ(p.announced, "2024-01-16") << p.arxiv_id;
  }
}

TEST(ArxivRssParser, SplitsDescriptionAndKeepsMathAndDecodesEntities) {
  ParseResult r = parse_own("rss_cs_CL_cs_AI.xml");
  ASSERT_GE(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.title, "Scaling Laws for $k$-Shot Prompting in Low-Resource Q&A");
  EXPECT_EQ(p.title_display, "Scaling Laws for $k$-Shot Prompting in Low-Resource Q&A");
  EXPECT_TRUE(p.abstract.starts_with("We study how accuracy scales")) << p.abstract;
  EXPECT_EQ(p.abstract_display,
            "We study how accuracy scales with the number of demonstrations $k$ for question "
            "answering (Q&A) in 14 languages. With $k < 32$ the error falls as $O(k^{-1/2})$; "
            "beyond it, gains vanish — a “saturation” we trace to tokenizer fertility.");
  EXPECT_EQ(p.categories, (std::vector<std::string>{"cs.CL", "cs.AI"}));
  EXPECT_EQ(p.authors, (std::vector<core::Author>{
                           {"Ana Pereira", ""}, {"José García", ""}, {"Wei Zhang", ""}}));
  EXPECT_EQ(p.license, "http://creativecommons.org/licenses/by/4.0/");
  EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/2401.07301");
  EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/2401.07301");
}

TEST(ArxivRssParser, ReadsCrossListsAndReplacements) {
  ParseResult r = parse_own("rss_cs_CL_cs_AI.xml");
  ASSERT_EQ(r.papers.size(), 4u);
  EXPECT_EQ(r.papers[1].categories, (std::vector<std::string>{"cs.LG", "cs.AI", "cs.CL"}));
  EXPECT_EQ(r.papers[1].authors[1].name, "Tom O'Neill");

  const core::Paper& replaced = r.papers[2];
  EXPECT_EQ(replaced.doi, "10.18653/v1/2024.lrec-main.1");
  EXPECT_EQ(replaced.journal_ref, "Proceedings of LREC-COLING 2024, pp. 1-12");
  EXPECT_EQ(replaced.authors[0].name, "Liisa Metsä");
  EXPECT_EQ(replaced.abstract_display,
            "We release 1.2M annotated speeches from 12 parliaments.\nThe second version adds "
            "Finnish and corrects "
            "the Estonian split.");
}

TEST(ArxivRssParser, RejectsBadItemsAndKeepsTheRest) {
  ParseResult r = parse_own("rss_bad_item.xml");
  EXPECT_EQ(r.info.last_build_date, "Wed, 17 Jan 2024 00:00:00 -0500") << "channel pubDate";
  ASSERT_EQ(r.papers.size(), 1u);
  EXPECT_EQ(r.papers[0].arxiv_id, "2401.08001");
  EXPECT_EQ(r.papers[0].announced, "2024-01-17");
  ASSERT_EQ(r.rejected.size(), 2u);
  EXPECT_EQ(r.rejected[0].where, "rss_bad_item.xml: item 2 (id item-2)");
  EXPECT_NE(r.rejected[0].message.find("not an arXiv id"), std::string::npos);
  EXPECT_EQ(r.rejected[1].where, "rss_bad_item.xml: item 3 (id 2401.08003)");
  EXPECT_EQ(r.rejected[1].message, "no title");
}

TEST(ArxivRssParser, EmptyChannelIsSuccessWithoutPapers) {
  ParseResult r = parse_own("rss_empty_channel.xml");
  EXPECT_TRUE(r.papers.empty());
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.info.last_build_date, "Sat, 20 Jan 2024 00:00:00 -0500");
}

TEST(ArxivRssParser, NonRssDocumentsAreBadUpstreamData) {
  auto html = parse_rss(testing::read_file(testing::own_fixture("arxiv/captcha.html")), "rss");
  ASSERT_FALSE(html.has_value());
  EXPECT_EQ(html.error().code, ErrorCode::bad_upstream_data);
  EXPECT_TRUE(html.error().message.starts_with("rss: ")) << html.error().message;

  auto truncated = parse_rss("<?xml version='1.0'?><rss version=\"2.0\"><chan", "cut.xml");
  ASSERT_FALSE(truncated.has_value());
  EXPECT_NE(truncated.error().message.find("not well-formed XML at byte"), std::string::npos);

  auto no_channel = parse_rss("<rss version=\"2.0\"/>", "x");
  ASSERT_FALSE(no_channel.has_value());
  EXPECT_EQ(no_channel.error().message, "x: <rss> without <channel>");
}

TEST(ArxivRssParser, AFeedCutShortKeepsTheItemsCompleteBeforeTheCut) {
  using testing::after_nth;
  const std::string feed = testing::read_file(testing::own_fixture("arxiv/rss_cs_CL_cs_AI.xml"));
  struct Case {
    std::size_t cut;
    std::size_t papers;
    std::string where;
  };
  for (const Case& c : {Case{after_nth(feed, "<item>\n", 3) + 20, 2, "in item 3"},
                        Case{after_nth(feed, "</item>", 4), 4, "after item 4"},
                        Case{after_nth(feed, "<item>\n", 1), 0, "in item 1"}}) {
    auto r = parse_rss(feed.substr(0, c.cut), "cut.xml");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->papers.size(), c.papers) << c.where;
    ASSERT_TRUE(r->truncated.has_value()) << c.where;
    EXPECT_NE(r->truncated->message.find("breaks off " + c.where), std::string::npos)
        << r->truncated->message;
    EXPECT_NE(r->truncated->message.find("kept the " + std::to_string(c.papers) + " complete"),
              std::string::npos)
        << r->truncated->message;
  }
}

}  // namespace
}  // namespace ah::sources::arxiv
