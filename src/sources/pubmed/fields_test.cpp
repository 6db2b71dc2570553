#include "sources/pubmed/fields.h"

#include <gtest/gtest.h>

namespace ah::sources::pubmed {
namespace {

using core::WorkType;

DatePeriod of_xml(const std::string& xml) {
  static pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(xml.c_str())) << xml;
  return date_period(doc.document_element());
}

TEST(PubmedDates, FirstDayOfWhatTheySay) {
  struct Case {
    const char* xml;
    const char* first;
    const char* last;
  };
  for (const Case& c : {
           Case{"<PubDate><Year>1976</Year><Month>Sep</Month><Day>28</Day></PubDate>", "1976-09-28",
                "1976-09-28"},
           Case{"<PubDate><Year>2024</Year><Month>Dec</Month></PubDate>", "2024-12-01",
                "2024-12-31"},
           Case{"<ArticleDate><Year>2022</Year><Month>08</Month><Day>25</Day></ArticleDate>",
                "2022-08-25", "2022-08-25"},
           Case{"<PubDate><Year>2022</Year></PubDate>", "2022-01-01", "2022-12-31"},
           Case{"<PubDate><Year>1990</Year><Season>Spring</Season></PubDate>", "1990-03-01",
                "1990-05-31"},
           Case{"<PubDate><Year>1990</Year><Season>Summer</Season></PubDate>", "1990-06-01",
                "1990-08-31"},
           Case{"<PubDate><Year>1990</Year><Season>Fall</Season></PubDate>", "1990-09-01",
                "1990-11-30"},
           Case{"<PubDate><Year>1990</Year><Season>Autumn</Season></PubDate>", "1990-09-01",
                "1990-11-30"},
           Case{"<PubDate><Year>1990</Year><Season>Winter</Season></PubDate>", "1990-01-01",
                "1990-03-31"},
           Case{"<PubDate><Year>2024</Year><Month>Feb</Month><Day>30</Day></PubDate>", "2024-02-01",
                "2024-02-29"},
           Case{"<PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate>", "1998-12-01",
                "1998-12-31"},
           Case{"<PubDate><Month>May</Month></PubDate>", "", ""},
       }) {
    DatePeriod p = of_xml(c.xml);
    EXPECT_EQ(p.first, c.first) << c.xml;
    EXPECT_EQ(p.last, c.last) << c.xml;
  }
}

TEST(PubmedDates, MedlineDateStartsAtTheFirstDateItNames) {
  for (auto [text, first] : {
           std::pair{"1998 Dec-1999 Jan", "1998-12-01"},
           std::pair{"2000 Spring", "2000-03-01"},
           std::pair{"Spring 2000", "2000-03-01"},
           std::pair{"1999-2000", "1999-01-01"},
           std::pair{"2001 Jan-Feb", "2001-01-01"},
           std::pair{"2002 Nov 25-Dec 2", "2002-11-25"},
           std::pair{"1995 Dec 1-15", "1995-12-01"},
           std::pair{"2003 Fall-Winter", "2003-09-01"},
           std::pair{"no date", ""},
       }) {
    EXPECT_EQ(medline_date(text).first, first) << text;
  }
}

TEST(PubmedDates, MonthsByNameOrNumber) {
  EXPECT_EQ(month_number("Sep"), 9);
  EXPECT_EQ(month_number("september"), 9);
  EXPECT_EQ(month_number("09"), 9);
  EXPECT_EQ(month_number("9"), 9);
  EXPECT_EQ(month_number("13"), 0);
  EXPECT_EQ(month_number("Spring"), 0);
}

TEST(PubmedPublicationTypes, NoticesWinOverTheKindOfText) {
  struct Case {
    std::vector<std::string> types;
    WorkType type;
    bool retracted;
  };
  for (const Case& c : {
           Case{{"Journal Article"}, WorkType::article, false},
           Case{{"Journal Article", "Review"}, WorkType::review, false},
           Case{{"Systematic Review", "Journal Article"}, WorkType::review, false},
           Case{{"Journal Article", "Scoping Review"}, WorkType::review, false},
           Case{{"Journal Article", "Retracted Publication"}, WorkType::article, true},
           Case{{"Retraction of Publication", "Journal Article"}, WorkType::retraction, false},
           Case{{"Published Erratum"}, WorkType::erratum, false},
           Case{{"Expression of Concern"}, WorkType::expression_of_concern, false},
           Case{{"Journal Article", "Comment"}, WorkType::comment, false},
           Case{{"Letter", "Comment"}, WorkType::comment, false},
           Case{{"Editorial"}, WorkType::editorial, false},
           Case{{"News"}, WorkType::editorial, false},
           Case{{"Letter"}, WorkType::letter, false},
           Case{{"Preprint"}, WorkType::preprint, false},
           Case{{"Clinical Trial, Phase III", "Research Support, N.I.H., Extramural"},
                WorkType::article,
                false},
           Case{{"Congress"}, WorkType::proceedings, false},
           Case{{"Dataset"}, WorkType::dataset, false},
           Case{{"Research Support, Non-U.S. Gov't"}, WorkType::unknown, false},
           Case{{}, WorkType::unknown, false},
       }) {
    TypeFlags f = read_publication_types(c.types);
    EXPECT_EQ(f.type, c.type) << ::testing::PrintToString(c.types);
    EXPECT_EQ(f.retracted, c.retracted) << ::testing::PrintToString(c.types);
  }
}

TEST(PubmedRefTypes, NoticesPointBothWays) {
  using core::NoticeKind;
  using core::RelationType;
  struct Case {
    const char* reftype;
    RelationType relation;
    NoticeKind notice;
  };
  for (const Case& c : {
           Case{"RetractionIn", RelationType::updated_by, NoticeKind::retraction},
           Case{"ErratumIn", RelationType::updated_by, NoticeKind::erratum},
           Case{"ExpressionOfConcernIn", RelationType::updated_by,
                NoticeKind::expression_of_concern},
           Case{"CorrectedandRepublishedIn", RelationType::updated_by, NoticeKind::correction},
           Case{"RetractionOf", RelationType::updates, NoticeKind::retraction},
           Case{"ErratumFor", RelationType::updates, NoticeKind::erratum},
           Case{"ExpressionOfConcernFor", RelationType::updates, NoticeKind::expression_of_concern},
       }) {
    auto m = notice_reftype(c.reftype);
    ASSERT_TRUE(m.has_value()) << c.reftype;
    EXPECT_EQ(m->relation, c.relation) << c.reftype;
    EXPECT_EQ(m->notice, c.notice) << c.reftype;
  }
  for (const char* other : {"CommentIn", "CommentOn", "UpdateIn", "UpdateOf", "Cites", ""}) {
    EXPECT_FALSE(notice_reftype(other).has_value()) << other;
  }
}

TEST(PubmedFields, DoiInACitation) {
  EXPECT_EQ(doi_in_citation("Injury. 2024 Mar;55(3):111358. doi: 10.1016/j.injury.2024.111358."),
            "10.1016/j.injury.2024.111358");
  EXPECT_EQ(doi_in_citation("medRxiv. 2022 Aug 30:2022.08.30.22279394. doi: "
                            "10.1101/2022.08.30.22279394."),
            "10.1101/2022.08.30.22279394");
  EXPECT_EQ(doi_in_citation("Nat Methods. 1999 Mar;21(3):50"), "");
  EXPECT_TRUE(is_preprint_doi("10.1101/2022.08.30.22279394"));
  EXPECT_TRUE(is_preprint_doi("10.48550/arxiv.2401.01234"));
  EXPECT_FALSE(is_preprint_doi("10.1016/j.injury.2024.111358"));
}

TEST(PubmedFields, LanguagesAndIssns) {
  EXPECT_EQ(language_code("eng"), "en");
  EXPECT_EQ(language_code("ger"), "de");
  EXPECT_EQ(language_code("chi"), "zh");
  EXPECT_EQ(language_code("und"), "");
  EXPECT_EQ(language_code("xyz"), "");
  EXPECT_EQ(normalize_issn("1548-7091"), "1548-7091");
  EXPECT_EQ(normalize_issn("0028083x"), "0028-083X");
  EXPECT_EQ(normalize_issn("12-34"), "");
}

}  // namespace
}  // namespace ah::sources::pubmed
