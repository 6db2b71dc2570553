#include "sources/arxiv/fields.h"

#include <gtest/gtest.h>

namespace ah::sources::arxiv {
namespace {

TEST(IsArxivCategory, AcceptsArchivesAndSubjectClassesOnly) {
  for (const char* yes :
       {"cs.CL", "hep-th", "quant-ph", "math-ph", "cond-mat.str-el", "physics.ao-ph", "q-bio.NC",
        "stat.ML", "econ.EM", "eess.SY", "math.AG", "nucl-ex", "astro-ph", "solv-int", "cs"}) {
    EXPECT_TRUE(is_arxiv_category(yes)) << yes;
  }
  // ACM and MSC classes that the API mixes into <category> (daily crawl files)
  for (const char* no : {"I.2.7", "68T50", "F.2.2; I.2.7", "68U05(Primary), 62M45(Secondary)",
                         "I.4", "J.3", "", "cs.", "foo.CL", "cs.C1", "Computer Science"}) {
    EXPECT_FALSE(is_arxiv_category(no)) << no;
  }
}

TEST(AppendCategories, SplitsOnBlanksKeepingOrderAndDroppingForeignClasses) {
  std::vector<std::string> out{"cs.AI"};
  append_categories(" math.CO  cs.CG\nI.2.7 68T50,hep-th ", out);
  EXPECT_EQ(out, (std::vector<std::string>{"cs.AI", "math.CO", "cs.CG", "hep-th"}));
}

TEST(FirstDoi, TakesTheFirstOfSeveralAndNormalisesIt) {
  // OAI arXivRaw 0704.0471: two DOIs in one <doi>
  EXPECT_EQ(first_doi("10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902"),
            "10.1103/physrevc.76.024606");
  EXPECT_EQ(first_doi(" doi:10.1000/X; 10.2000/y"), "10.1000/x");
  EXPECT_EQ(first_doi("http://dx.doi.org/10.1142/S021797921244002X"), "10.1142/s021797921244002x");
  EXPECT_EQ(first_doi("junk 10.1000/z"), "10.1000/z");
  EXPECT_EQ(first_doi(""), "");
  EXPECT_EQ(first_doi("not a doi"), "");
}

TEST(SetArxivId, SetsCanonicalIdAndVersionOrSaysWhy) {
  core::Paper p;
  EXPECT_EQ(set_arxiv_id(p, "http://arxiv.org/abs/cond-mat/0412498v1"), "");
  EXPECT_EQ(p.arxiv_id, "cond-mat/0412498");
  EXPECT_EQ(p.version, 1);

  core::Paper q;
  EXPECT_EQ(set_arxiv_id(q, "oai:arXiv.org:0704.0471"), "");
  EXPECT_EQ(q.arxiv_id, "0704.0471");
  EXPECT_EQ(q.version, 0);

  core::Paper r;
  EXPECT_EQ(set_arxiv_id(r, "  "), "no arXiv id");
  EXPECT_NE(set_arxiv_id(r, "abc").find("abc"), std::string::npos);
  EXPECT_EQ(r.arxiv_id, "");
}

struct AuthorsCase {
  const char* text;
  std::vector<core::Author> authors;
};

class SplitAuthors : public ::testing::TestWithParam<AuthorsCase> {};

TEST_P(SplitAuthors, SplitsArxivAuthorStrings) {
  EXPECT_EQ(split_authors(GetParam().text), GetParam().authors);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, SplitAuthors,
    ::testing::Values(
        // OAI arXivRaw 0704.0471
        AuthorsCase{"D.V. Shetty, S.J. Yennello, and G.A. Souliotis",
                    {{"D.V. Shetty", ""}, {"S.J. Yennello", ""}, {"G.A. Souliotis", ""}}},
        // OAI arXivRaw 0704.1109
        AuthorsCase{"Valeria M. Rosa and Patricio S. letelier",
                    {{"Valeria M. Rosa", ""}, {"Patricio S. letelier", ""}}},
        // snapshot 0704.0001: kept raw (LaTeX), finalize renders it
        AuthorsCase{"C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan",
                    {{"C. Bal\\'azs", ""},
                     {"E. L. Berger", ""},
                     {"P. M. Nadolsky", ""},
                     {"C.-P. Yuan", ""}}},
        // snapshot 0704.0163: a parenthesised affiliation
        AuthorsCase{"Peter Brommer and Franz G\\\"ahler (Institut f\\\"ur Theoretische und\n  "
                    "Angewandte Physik, Universit\\\"at Stuttgart)",
                    {{"Peter Brommer", ""},
                     {"Franz G\\\"ahler",
                      "Institut f\\\"ur Theoretische und\n  Angewandte Physik, Universit\\\"at "
                      "Stuttgart"}}},
        // snapshot 0704.0187: numbered affiliations with a legend at the end
        AuthorsCase{"G. Worseck (1), C. Fechner (2,3), L. Wisotzki (1) and A. Dall'Aglio\n  (1) "
                    "((1) Astrophysikalisches Institut Potsdam, (2) Hamburger Sternwarte, (3)\n  "
                    "Universit\\\"at Potsdam)",
                    {{"G. Worseck", "Astrophysikalisches Institut Potsdam"},
                     {"C. Fechner", "Hamburger Sternwarte; Universit\\\"at Potsdam"},
                     {"L. Wisotzki", "Astrophysikalisches Institut Potsdam"},
                     {"A. Dall'Aglio", "Astrophysikalisches Institut Potsdam"}}},
        AuthorsCase{"Solo Author", {{"Solo Author", ""}}}, AuthorsCase{"", {}},
        AuthorsCase{" , and ", {}}));

TEST(LaterDate, PicksTheLaterDayAndPrefersATimeOnTheSameDay) {
  EXPECT_EQ(later_date("2014-11-18", "2007-04-03T22:04:11Z"), "2014-11-18");
  EXPECT_EQ(later_date("2008-12-13", "2008-12-13T17:26:00Z"), "2008-12-13T17:26:00Z");
  EXPECT_EQ(later_date("", "2008-12-13"), "2008-12-13");
  EXPECT_EQ(later_date("2008-12-13", ""), "2008-12-13");
}

TEST(DateFromFileName, ReadsTheLastDateInTheFileName) {
  EXPECT_EQ(date_from_file_name("data/2025-03-18.jsonl"), "2025-03-18");
  EXPECT_EQ(date_from_file_name("x/daily_arxiv_crawl_2026-06-23.jsonl"), "2026-06-23");
  EXPECT_EQ(date_from_file_name("2024-01-01/dump_2025-05-20.jsonl"), "2025-05-20");
  EXPECT_EQ(date_from_file_name("2025-05-20_AI_enhanced_English.jsonl"), "2025-05-20");
  EXPECT_EQ(date_from_file_name("2024-01-01/snapshot.jsonl"), "");
  EXPECT_EQ(date_from_file_name("bad_2025-13-40.jsonl"), "");
}

TEST(RecordWhere, NamesOriginUnitIndexAndId) {
  EXPECT_EQ(record_where("page.xml", "record", 3, "2401.01234"),
            "page.xml: record 3 (id 2401.01234)");
  EXPECT_EQ(record_where("f.jsonl", "line", 7, ""), "f.jsonl: line 7");
}

TEST(TidyFields, CollapsesWrapsAndResolvesAccentsInShortFields) {
  core::Paper p;
  p.comment = "54 pages; v3 changes in\n  some proofs";
  p.journal_ref = "Polygons, 247-299, Lecture Notes in\n  Phys., 775";
  p.submitter = "Bal\\'azs";
  p.license = " http://arxiv.org/licenses/nonexclusive-distrib/1.0/\n";
  tidy_fields(p);
  EXPECT_EQ(p.comment, "54 pages; v3 changes in some proofs");
  EXPECT_EQ(p.journal_ref, "Polygons, 247-299, Lecture Notes in Phys., 775");
  EXPECT_EQ(p.submitter, "Balázs");
  EXPECT_EQ(p.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
}

}  // namespace
}  // namespace ah::sources::arxiv
