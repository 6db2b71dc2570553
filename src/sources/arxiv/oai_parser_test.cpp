#include "sources/arxiv/oai_parser.h"

#include <gtest/gtest.h>

#include "tests/support/fixtures.h"

namespace ah::sources::arxiv {
namespace {

ParseResult parse_file(const std::filesystem::path& path) {
  auto result = parse_oai(testing::read_file(path), path.filename().string());
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? std::move(*result) : ParseResult{};
}

TEST(ArxivOaiParser, RetryAfterHtmlPageIsBadUpstreamData) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-oai/error_503_retry_after.html");
  auto r = parse_oai(testing::read_file(path), "oai2?verb=ListRecords");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data);
  EXPECT_TRUE(r.error().message.starts_with("oai2?verb=ListRecords: ")) << r.error().message;
  EXPECT_NE(r.error().message.find("<html>"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("Retry after 10 seconds"), std::string::npos);
}

TEST(ArxivOaiParser, NoRecordsMatchIsAnErrorReportNotAFailure) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-oai/error_noRecordsMatch_bad_set.xml");
  ParseResult r = parse_file(path);
  EXPECT_TRUE(r.papers.empty());
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.info.error_code, "noRecordsMatch");
  EXPECT_EQ(r.info.error_message, "Set argument doesn't match any sets. The setSpec was 'moo'");
  EXPECT_EQ(r.info.response_date, "2015-06-23T13:28:30Z");
  EXPECT_EQ(r.info.resumption_token, "");
}

TEST(ArxivOaiParser, BadResumptionTokenIsAnErrorReport) {
  ParseResult r = parse_file(testing::own_fixture("arxiv/oai_bad_resumption_token.xml"));
  EXPECT_TRUE(r.papers.empty());
  EXPECT_EQ(r.info.error_code, "badResumptionToken");
  EXPECT_EQ(r.info.error_message, "Invalid or expired resumptionToken");
}

TEST(ArxivOaiParser, ReadsArxivRawPageWithResumptionToken) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-oai/listrecords_arXivRaw_resumptiontoken.xml");
  ParseResult r = parse_file(path);
  EXPECT_EQ(r.info.resumption_token, "726959|1001");
  EXPECT_EQ(r.info.complete_list_size, 58011);
  EXPECT_EQ(r.info.cursor, 0);
  EXPECT_EQ(r.info.response_date, "2015-01-06T20:49:59Z");
  EXPECT_EQ(r.info.error_code, "");
  EXPECT_TRUE(r.rejected.empty());
  ASSERT_EQ(r.papers.size(), 6u);

  std::vector<std::string> ids;
  std::vector<int> versions;
  for (const core::Paper& p : r.papers) {
    ids.push_back(p.arxiv_id);
    versions.push_back(p.version);
    EXPECT_EQ(p.source, core::source::kArxivOai);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"0704.0471", "0704.0716", "0704.0874", "0704.1109",
                                           "0704.1114", "0704.1586"}));
  EXPECT_EQ(versions, (std::vector<int>{1, 4, 3, 2, 1, 1}));

  const core::Paper& a = r.papers[0];
  EXPECT_EQ(a.submitter, "Dinesh Shetty");
  EXPECT_EQ(a.title_display,
            "Density dependence of the symmetry energy and the nuclear equation of state: A "
            "Dynamical and Statistical model perspective");
  EXPECT_EQ(a.authors, (std::vector<core::Author>{
                           {"D.V. Shetty", ""}, {"S.J. Yennello", ""}, {"G.A. Souliotis", ""}}));
  EXPECT_EQ(a.categories, (std::vector<std::string>{"nucl-ex", "nucl-th"}));
  EXPECT_EQ(a.doi, "10.1103/physrevc.76.024606") << "first of two DOIs";
  EXPECT_EQ(a.journal_ref, "Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007");
  EXPECT_EQ(a.comment, "16 pages, 14 figures");
  EXPECT_EQ(a.published, "2007-04-03T22:04:11Z");
  EXPECT_EQ(a.version_date, "2007-04-03T22:04:11Z");
  EXPECT_EQ(a.updated, "2014-11-18") << "the header datestamp is the latest change";
  EXPECT_EQ(a.versions, (std::vector<core::PaperVersion>{{1, "2007-04-03T22:04:11Z", "294kb"}}));
  // &quot; entities decoded
  EXPECT_NE(a.abstract.find("an extremely \" stiff \" and \" soft \""), std::string::npos);
  EXPECT_NE(a.abstract_display.find("rules out an extremely \" stiff \" and \" soft \" form"),
            std::string::npos);

  const core::Paper& b = r.papers[1];
  EXPECT_EQ(b.versions, (std::vector<core::PaperVersion>{{1, "2007-04-05T12:45:03Z", "43kb"},
                                                         {2, "2007-09-28T15:13:43Z", "48kb"},
                                                         {3, "2008-02-29T16:05:39Z", "48kb"},
                                                         {4, "2008-11-14T09:07:25Z", "49kb"}}));
  EXPECT_EQ(b.published, "2007-04-05T12:45:03Z");
  EXPECT_EQ(b.version_date, "2008-11-14T09:07:25Z");
  EXPECT_EQ(b.updated, "2014-12-22");
  EXPECT_EQ(b.categories, (std::vector<std::string>{"math-ph", "math.MP"}));
  EXPECT_EQ(b.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
  EXPECT_EQ(b.comment,
            "54 pages, 2 figures; v2 updated and slightly expanded; v3 changes in some proofs; "
            "v4 slightly expanded");
  EXPECT_EQ(b.doi, "");

  // versions newer than the datestamp day win
  EXPECT_EQ(r.papers[2].updated, "2014-11-21");
  EXPECT_EQ(r.papers[2].version_date, "2014-11-20T15:03:16Z");
  EXPECT_EQ(r.papers[3].authors,
            (std::vector<core::Author>{{"Valeria M. Rosa", ""}, {"Patricio S. letelier", ""}}));
  EXPECT_EQ(r.papers[3].doi, "10.1007/s10773-009-0204-x");
  EXPECT_EQ(r.papers[5].doi, "10.1103/physrevc.76.014611");
  EXPECT_EQ(r.papers[5].title_display,
            "Core excitation in the elastic scattering and breakup of $^{11}$Be on protons");
}

TEST(ArxivOaiParser, ReadsArxivFormatCompleteList) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-oai/listrecords_arXiv_from_until_complete.xml");
  ParseResult r = parse_file(path);
  EXPECT_EQ(r.info.resumption_token, "") << "no token: the list is complete";
  EXPECT_FALSE(r.info.complete_list_size.has_value());
  EXPECT_EQ(r.info.response_date, "2018-06-21T14:31:04Z");
  ASSERT_EQ(r.papers.size(), 2u);
  EXPECT_TRUE(r.rejected.empty());

  const core::Paper& a = r.papers[0];
  EXPECT_EQ(a.arxiv_id, "1412.8544");
  EXPECT_EQ(a.version, 1) << "no <updated>: one version";
  EXPECT_EQ(a.title, "A Kochen-Specker system has at least 22 vectors (extended abstract)");
  EXPECT_EQ(a.authors, (std::vector<core::Author>{{"Sander Uijlen", "Radboud Universiteit"},
                                                  {"Bas Westerbaan", "Radboud Universiteit"}}));
  EXPECT_EQ(a.categories, (std::vector<std::string>{"cs.DM"}));
  EXPECT_EQ(a.comment, "In Proceedings QPL 2014, arXiv:1412.8102");
  EXPECT_EQ(a.journal_ref, "EPTCS 172, 2014, pp. 154-164");
  EXPECT_EQ(a.doi, "10.4204/eptcs.172.11");
  EXPECT_EQ(a.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
  EXPECT_EQ(a.published, "2014-12-29");
  EXPECT_EQ(a.version_date, "2014-12-29");
  EXPECT_EQ(a.updated, "2015-01-03");
  // one paragraph break: "...deciding embeddability.\n  Continuing their effort..."
  size_t br = a.abstract_display.find('\n');
  ASSERT_NE(br, std::string::npos);
  EXPECT_TRUE(a.abstract_display.substr(0, br).ends_with("deciding embeddability."));
  EXPECT_TRUE(a.abstract_display.substr(br + 1).starts_with("Continuing their effort"));
  EXPECT_EQ(a.abstract_display.find('\n', br + 1), std::string::npos);

  const core::Paper& b = r.papers[1];
  EXPECT_EQ(b.arxiv_id, "hep-th/9504118");
  EXPECT_EQ(b.authors, (std::vector<core::Author>{{"M. Requardt", ""}}));
  EXPECT_EQ(b.report_no, "GOET-TP 101/95");
  EXPECT_EQ(b.published, "1995-04-24");
  // {\it ...} groups unwrapped, &quot; decoded
  EXPECT_NE(b.abstract_display.find("in form of a 'cellular network' consisting of cells"),
            std::string::npos)
      << b.abstract_display;
  EXPECT_NE(b.abstract_display.find("a version of 'discrete analysis' which"), std::string::npos);
  EXPECT_NE(b.abstract_display.find("the \"strength\" of the bonds"), std::string::npos);
  EXPECT_EQ(b.abstract_display.find("\\it"), std::string::npos);
}

TEST(ArxivOaiParser, RejectsBadRecordsAndKeepsTheRest) {
  ParseResult r = parse_file(testing::own_fixture("arxiv/oai_bad_records.xml"));
  EXPECT_EQ(r.info.resumption_token, "") << "an empty token ends the list";
  EXPECT_EQ(r.info.complete_list_size, 5006);
  EXPECT_EQ(r.info.cursor, 5001);
  ASSERT_EQ(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.arxiv_id, "2401.00001");
  EXPECT_EQ(p.version, 0) << "<updated> present: more than one version, number unknown";
  EXPECT_EQ(p.version_date, "2024-01-10");
  EXPECT_EQ(p.published, "2024-01-01");
  EXPECT_EQ(p.updated, "2024-01-15");
  EXPECT_EQ(p.title_display, "A Good Record");
  EXPECT_EQ(p.authors,
            (std::vector<core::Author>{{"Martin Luther King Jr", "Lab A; Lab B"}, {"Plato", ""}}));
  EXPECT_EQ(p.license, "http://creativecommons.org/licenses/by/4.0/");

  ASSERT_EQ(r.rejected.size(), 4u);
  EXPECT_EQ(r.rejected[0].where, "oai_bad_records.xml: record 2 (id oai:arXiv.org:2401.00002)");
  EXPECT_NE(r.rejected[0].message.find("deleted"), std::string::npos);
  EXPECT_EQ(r.rejected[1].where, "oai_bad_records.xml: record 3 (id oai:example.org:xyz)");
  EXPECT_NE(r.rejected[1].message.find("not an arXiv id"), std::string::npos);
  EXPECT_EQ(r.rejected[2].where, "oai_bad_records.xml: record 4 (id 2401.00004)");
  EXPECT_EQ(r.rejected[2].message, "no title");
  EXPECT_EQ(r.rejected[3].where, "oai_bad_records.xml: record 5 (id 2401.00005)");
  EXPECT_NE(r.rejected[3].message.find("unsupported metadata format <marc>"), std::string::npos);
}

TEST(ArxivOaiParser, ReadsOaiDublinCore) {
  ParseResult r = parse_file(testing::own_fixture("arxiv/oai_dc.xml"));
  ASSERT_EQ(r.papers.size(), 1u);
  const core::Paper& p = r.papers[0];
  EXPECT_EQ(p.arxiv_id, "0704.0001");
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(p.title_display,
            "Calculation of prompt diphoton production cross sections at Tevatron and LHC "
            "energies");
  EXPECT_EQ(p.authors, (std::vector<core::Author>{{"C. Balázs", ""}, {"E. L. Berger", ""}}));
  EXPECT_EQ(p.comment, "37 pages, 15 figures; published version");
  EXPECT_TRUE(p.abstract_display.starts_with("A fully differential calculation"));
  EXPECT_EQ(p.doi, "10.1103/physrevd.76.013009");
  EXPECT_EQ(p.published, "2007-04-02");
  EXPECT_EQ(p.version_date, "2007-07-24");
  EXPECT_EQ(p.updated, "2008-11-26");
}

TEST(ArxivOaiParser, ATruncatedPageKeepsTheRecordsCompleteBeforeTheCut) {
  auto path = testing::own_fixture("arxiv/oai_truncated.xml");
  std::string bytes = testing::read_file(path);
  auto r = parse_oai(bytes, "oai_truncated.xml");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  // Records 1-3 are whole: one paper, a deleted record and one without an id.
  ASSERT_EQ(r->papers.size(), 1u);
  EXPECT_EQ(r->papers[0].arxiv_id, "2401.00001");
  EXPECT_EQ(r->rejected.size(), 2u);
  ASSERT_TRUE(r->truncated.has_value());
  EXPECT_EQ(r->truncated->code, ErrorCode::bad_upstream_data);
  const std::string& message = r->truncated->message;
  EXPECT_TRUE(message.starts_with("oai_truncated.xml: not well-formed XML at byte ")) << message;
  EXPECT_NE(message.find(" of " + std::to_string(bytes.size())), std::string::npos);
  EXPECT_NE(message.find("breaks off in record 4 (id oai:arXiv.org:2401.00004); kept the 3 "
                         "complete records before it"),
            std::string::npos)
      << message;
  EXPECT_TRUE(r->info.resumption_token.empty());
}

TEST(ArxivOaiParser, APageCutAfterARecordKeepsItAndSaysWhere) {
  using testing::after_nth;
  const std::string page =
      testing::read_file(testing::own_fixture("harvest/oai_arxivraw_page1.xml"));
  struct Case {
    std::size_t cut;
    std::size_t papers;
    std::string where;
  };
  for (const Case& c : {Case{after_nth(page, "</record>", 1), 1, "after record 1"},
                        Case{after_nth(page, "</record>", 2), 2, "after record 2"},
                        Case{after_nth(page, "</record>", 2) - 3, 1, "in record 2"},
                        Case{after_nth(page, "<ListRecords>", 1), 0, "before the first record"}}) {
    auto r = parse_oai(page.substr(0, c.cut), "p1.xml");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->papers.size(), c.papers) << c.where;
    ASSERT_TRUE(r->truncated.has_value()) << c.where;
    EXPECT_NE(r->truncated->message.find("breaks off " + c.where), std::string::npos)
        << r->truncated->message;
  }
}

TEST(ArxivOaiParser, TellsNoRecordsMatchFromErrorAnswers) {
  struct Case {
    const char* fixture;
    Answer answer;
  };
  for (const Case& c : {Case{"harvest/oai_no_records_match.xml", Answer::no_records},
                        Case{"harvest/oai_bad_resumption_token.xml", Answer::error},
                        Case{"harvest/oai_arxivraw_page1.xml", Answer::records}}) {
    EXPECT_EQ(parse_file(testing::own_fixture(c.fixture)).info.answer, c.answer) << c.fixture;
  }
}

TEST(ArxivOaiParser, OtherDocumentsAreBadUpstreamData) {
  auto atom = parse_oai("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "x.xml");
  ASSERT_FALSE(atom.has_value());
  EXPECT_EQ(atom.error().message, "x.xml: expected <OAI-PMH> but got <feed>: ''");
  auto text = parse_oai("Service Unavailable", "y");
  ASSERT_FALSE(text.has_value());
  EXPECT_EQ(text.error().code, ErrorCode::bad_upstream_data);
}

}  // namespace
}  // namespace ah::sources::arxiv
