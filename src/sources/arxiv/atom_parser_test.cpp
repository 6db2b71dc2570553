#include "sources/arxiv/atom_parser.h"

#include <gtest/gtest.h>

#include "tests/support/fixtures.h"

namespace ah::sources::arxiv {
namespace {

ParseResult parse_file(const std::filesystem::path& path) {
  auto result = parse_atom(testing::read_file(path), path.filename().string());
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? std::move(*result) : ParseResult{};
}

TEST(ArxivAtomParser, EmptyResultHasPagingAndNoPapers) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-api/empty_id_list_0000.0000.xml");
  ParseResult r = parse_file(path);
  EXPECT_TRUE(r.papers.empty());
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.info.total_results, 0);
  EXPECT_EQ(r.info.start_index, 0);
  EXPECT_EQ(r.info.items_per_page, 100);
  EXPECT_EQ(r.info.error_code, "");
}

TEST(ArxivAtomParser, ApiErrorFeedIsReportedAsInfoNotAsPaper) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-api/error_400_incorrect_id_format.xml");
  ParseResult r = parse_file(path);
  EXPECT_TRUE(r.papers.empty());
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.info.error_code, "incorrect_id_format");
  EXPECT_EQ(r.info.error_message, "incorrect id format for abc");
  EXPECT_EQ(r.info.total_results, 1);
}

TEST(ArxivAtomParser, ReadsLegacy2016Feed) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-api/legacy2016_search_au_del_maestro.xml");
  ParseResult r = parse_file(path);
  EXPECT_EQ(r.info.total_results, 31);
  EXPECT_EQ(r.info.start_index, 0);
  EXPECT_EQ(r.info.items_per_page, 10);
  ASSERT_EQ(r.papers.size(), 10u);
  EXPECT_TRUE(r.rejected.empty());

  std::vector<std::string> ids;
  for (const core::Paper& p : r.papers) ids.push_back(p.arxiv_id + "v" + std::to_string(p.version));
  EXPECT_EQ(ids,
            (std::vector<std::string>{"1201.4869v1", "cond-mat/0412498v1", "cond-mat/0603029v1",
                                      "1005.5383v1", "1303.6954v2", "1312.6177v1", "1412.6529v2",
                                      "cond-mat/0607501v2", "cond-mat/0702661v2", "0807.2873v1"}));

  const core::Paper& first = r.papers[0];
  EXPECT_EQ(first.source, core::source::kArxivApi);
  EXPECT_EQ(first.title, "A Luttinger Liquid Core Inside Helium-4 Filled Nanopores");
  EXPECT_TRUE(
      first.abstract_display.starts_with("As helium-4 is cooled below 2.17 K it "
                                         "undergoes a phase transition to a "
                                         "fundamentally new state"))
      << first.abstract_display;
  EXPECT_TRUE(first.abstract_display.ends_with("intriguing low dimensional state of matter."));
  EXPECT_EQ(first.abstract_display.find('\n'), std::string::npos) << "hard wraps are joined";
  EXPECT_EQ(first.authors, (std::vector<core::Author>{{"Adrian Del Maestro", ""}}));
  EXPECT_EQ(first.doi, "10.1142/s021797921244002x");
  EXPECT_EQ(first.comment, "26 pages, 10 figures");
  EXPECT_EQ(first.journal_ref, "Int. J. Mod. Phys. B, 26, 1244002 (2012)");
  EXPECT_EQ(first.categories, (std::vector<std::string>{"cond-mat.mes-hall", "cond-mat.other"}));
  EXPECT_EQ(first.published, "2012-01-23T21:15:02Z");
  EXPECT_EQ(first.updated, "2012-01-23T21:15:02Z");
  EXPECT_EQ(first.version_date, "2012-01-23T21:15:02Z");
  EXPECT_EQ(first.abs_url, "http://arxiv.org/abs/1201.4869v1");
  EXPECT_EQ(first.pdf_url, "http://arxiv.org/pdf/1201.4869v1");

  const core::Paper& old_style = r.papers[1];
  EXPECT_EQ(old_style.arxiv_id, "cond-mat/0412498");
  EXPECT_EQ(old_style.authors.size(), 2u);
  EXPECT_EQ(old_style.categories,
            (std::vector<std::string>{"cond-mat.str-el", "cond-mat.stat-mech"}));
  EXPECT_NE(old_style.abstract_display.find("commensurate \"p x p\" density wave ordering on the "
                                            "square lattice (p >= 3, integer)"),
            std::string::npos)
      << old_style.abstract_display;

  // <title> wrapped with an indented continuation line
  EXPECT_EQ(r.papers[2].title_display,
            "From stripe to checkerboard order on the square lattice in the presence of quenched "
            "disorder");
  EXPECT_EQ(r.papers[4].published, "2013-03-27T20:00:04Z");
  EXPECT_EQ(r.papers[9].journal_ref, "Annals of Physics 324, 523 (2009).");
}

TEST(ArxivAtomParser, ReadsCurrentFeedSecondPage) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-api/query_all_testing_start10_max10.xml");
  ParseResult r = parse_file(path);
  EXPECT_EQ(r.info.total_results, 214881);
  EXPECT_EQ(r.info.start_index, 10);
  EXPECT_EQ(r.info.items_per_page, 10);
  ASSERT_EQ(r.papers.size(), 10u);
  EXPECT_TRUE(r.rejected.empty());

  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.arxiv_id, "2403.16981");
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(p.title, "The Sample Complexity of Simple Binary Hypothesis Testing");
  EXPECT_EQ(p.categories, (std::vector<std::string>{"math.ST", "cs.IT", "stat.ML"}));
  EXPECT_EQ(p.published, "2024-03-25T17:42:32Z");
  EXPECT_EQ(p.updated, "2025-05-24T05:50:33Z");
  EXPECT_EQ(p.version_date, "2025-05-24T05:50:33Z");
  EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/2403.16981v2");
  EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/2403.16981v2");
  EXPECT_EQ(p.authors, (std::vector<core::Author>{
                           {"Ankit Pensia", ""}, {"Varun Jog", ""}, {"Po-Ling Loh", ""}}));
  EXPECT_TRUE(p.comment.starts_with("Comments welcome."));
  // math with non-ASCII symbols kept byte for byte; "i.i.d.\ samples" loses its control space
  EXPECT_NE(p.abstract_display.find("type-I error at most $α$ and type-II error at most $β$"),
            std::string::npos);
  EXPECT_NE(p.abstract_display.find("all $0 \\le α, β\\le 1/8$"), std::string::npos);
  EXPECT_NE(p.abstract_display.find("i.i.d. samples"), std::string::npos);
  EXPECT_NE(p.abstract_display.find("Jensen–Shannon"), std::string::npos) << "-- is an en dash";

  // "$25\%$" stays math; the arXiv primary category comes first even when listed later
  EXPECT_EQ(r.papers[1].arxiv_id, "2004.03322");
  EXPECT_NE(r.papers[1].abstract_display.find("achieve $25\\%$ accuracy"), std::string::npos);
  EXPECT_EQ(r.papers[3].categories, (std::vector<std::string>{"econ.EM"}));
  EXPECT_EQ(r.papers[3].title,
            "Three Scores and 15 Years (1948-2023) of Rao's Score Test: A "
            "Brief History");

  EXPECT_EQ(r.papers[8].arxiv_id, "2407.18756");
  EXPECT_EQ(r.papers[8].doi, "10.1145/3679006.3685071");
  EXPECT_EQ(r.papers[9].authors[0].name, "Katharina Götz");
}

TEST(ArxivAtomParser, RejectsBadEntriesAndKeepsTheRest) {
  ParseResult r = parse_file(testing::own_fixture("arxiv/atom_bad_records.xml"));
  ASSERT_EQ(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.arxiv_id, "2604.00001");
  EXPECT_EQ(p.version, 3);
  EXPECT_EQ(p.title_display, "A Good Entry");
  EXPECT_EQ(p.abstract_display, "Text with Balázs and $x$.");
  EXPECT_EQ(p.doi, "10.1000/first") << "first of two DOIs";
  EXPECT_EQ(p.categories, (std::vector<std::string>{"cs.AI", "cs.CL"}))
      << "primary first, ACM class dropped";
  EXPECT_EQ(p.authors, (std::vector<core::Author>{
                           {"Erika Mustermann", "Universität Stuttgart; CNRS"}, {"John Doe", ""}}));

  ASSERT_EQ(r.rejected.size(), 3u);
  EXPECT_EQ(r.rejected[0].where, "atom_bad_records.xml: record 2");
  EXPECT_EQ(r.rejected[0].message, "no arXiv id");
  EXPECT_EQ(r.rejected[1].where,
            "atom_bad_records.xml: record 3 (id http://arxiv.org/abs/not-an-id)");
  EXPECT_NE(r.rejected[1].message.find("not an arXiv id"), std::string::npos);
  EXPECT_EQ(r.rejected[2].where,
            "atom_bad_records.xml: record 4 (id http://arxiv.org/abs/2604.00004v1)");
  EXPECT_EQ(r.rejected[2].message, "no title");
}

TEST(ArxivAtomParser, AFeedCutShortKeepsTheEntriesCompleteBeforeTheCut) {
  using testing::after_nth;
  const std::string feed = testing::read_file(testing::own_fixture("harvest/api_page_start0.xml"));
  struct Case {
    std::string name;
    std::string bytes;
    std::vector<std::string> ids;  // the papers kept
    std::string where;             // in the error
  };
  std::string stray = feed;
  stray.replace(stray.find("Attention Is Enough"), 9, "Attention <");
  const std::vector<Case> cases = {
      {"inside entry 2",
       feed.substr(0, after_nth(feed, "<title>Attention Is", 1)),
       {"2403.00011"},
       "breaks off in record 2 (id http://arxiv.org/abs/2403.00012v1)"},
      {"after entry 1",
       feed.substr(0, after_nth(feed, "</entry>", 1)),
       {"2403.00011"},
       "breaks off after record 1; kept the 1 complete record before it"},
      {"inside the end tag of entry 1",
       feed.substr(0, after_nth(feed, "</entry>", 1) - 2),
       {},
       "breaks off in record 1"},
      {"before </feed>",
       feed.substr(0, after_nth(feed, "</entry>", 2)),
       {"2403.00011", "2403.00012"},
       "after record 2; kept the 2 complete records before it"},
      {"before the first entry",
       feed.substr(0, after_nth(feed, "</opensearch:startIndex>", 1)),
       {},
       "breaks off before the first record; kept the 0 complete records before it"},
      {"a stray '<' in entry 2", stray, {"2403.00011"}, "breaks off in record 2"},
  };
  for (const Case& c : cases) {
    auto r = parse_atom(c.bytes, "page-7.xml");
    ASSERT_TRUE(r.has_value()) << c.name << ": " << r.error().message;
    std::vector<std::string> ids;
    for (const core::Paper& p : r->papers) ids.push_back(p.arxiv_id);
    EXPECT_EQ(ids, c.ids) << c.name;
    ASSERT_TRUE(r->truncated.has_value()) << c.name;
    EXPECT_EQ(r->truncated->code, ErrorCode::bad_upstream_data);
    const std::string& message = r->truncated->message;
    EXPECT_TRUE(message.starts_with("page-7.xml: not well-formed XML at byte ")) << message;
    EXPECT_NE(message.find(" of " + std::to_string(c.bytes.size()) + ": "), std::string::npos)
        << message;
    EXPECT_NE(message.find(c.where), std::string::npos) << c.name << ": " << message;
  }
  auto r = parse_atom(feed.substr(0, after_nth(feed, "</opensearch:startIndex>", 1)), "x");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->info.total_results, 3) << "what came before the cut is read";

  auto whole = parse_atom(feed, "page-7.xml");
  ASSERT_TRUE(whole.has_value());
  EXPECT_FALSE(whole->truncated.has_value());
  EXPECT_EQ(whole->papers.size(), 2u);
}

TEST(ArxivAtomParser, ARealFeedCutMidEntryKeepsItsCompleteEntries) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-api/query_all_testing_start10_max10.xml");
  const std::string feed = testing::read_file(path);
  const std::string cut = feed.substr(0, testing::after_nth(feed, "<entry>", 8) + 100);
  auto r = parse_atom(cut, "query.xml");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->papers.size() + r->rejected.size(), 7u);
  ASSERT_TRUE(r->truncated.has_value());
  EXPECT_NE(r->truncated->message.find("breaks off in record 8"), std::string::npos)
      << r->truncated->message;
  EXPECT_NE(r->truncated->message.find("kept the 7 complete records"), std::string::npos);
}

TEST(ArxivAtomParser, ErrorFeedIsAnErrorAnswer) {
  auto r = parse_atom(testing::read_file(testing::own_fixture("harvest/api_error_400.xml")), "x");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->info.answer, Answer::error);
  EXPECT_EQ(r->info.error_code, "incorrect_id_format");
  EXPECT_EQ(parse_file(testing::own_fixture("harvest/api_page_start0.xml")).info.answer,
            Answer::records);
}

TEST(ArxivAtomParser, HtmlPagesAreBadUpstreamData) {
  auto captcha =
      parse_atom(testing::read_file(testing::own_fixture("arxiv/captcha.html")), "captcha.html");
  ASSERT_FALSE(captcha.has_value());
  EXPECT_EQ(captcha.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(captcha.error().message.find("captcha.html"), std::string::npos);
  EXPECT_NE(captcha.error().message.find("HTML page"), std::string::npos);
  EXPECT_NE(captcha.error().message.find("Please verify that you are a human"), std::string::npos)
      << captcha.error().message;

  auto oai = parse_atom("<?xml version='1.0'?><OAI-PMH><responseDate/></OAI-PMH>", "x");
  ASSERT_FALSE(oai.has_value());
  EXPECT_NE(oai.error().message.find("expected <feed> but got <OAI-PMH>"), std::string::npos);

  auto empty = parse_atom("", "empty.xml");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::bad_upstream_data);
}

}  // namespace
}  // namespace ah::sources::arxiv
