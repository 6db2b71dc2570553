#include "core/paper.h"

#include <gtest/gtest.h>

namespace ah::core {
namespace {

// A record as a parser hands it over: raw text, unsorted versions, repeated categories.
Paper raw_snapshot_record() {
  Paper p;
  p.arxiv_id = "0704.0001";
  p.title =
      "Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC "
      "energies";
  p.abstract =
      "  A fully differential calculation in perturbative quantum chromodynamics is\n"
      "presented for the production of massive photon pairs.\n";
  p.authors = {{"C. Bal\\'azs", ""}, {"  ", "nobody"}, {"E. L. Berger", "Argonne\n  Lab"}};
  p.categories = {"hep-ph", "", "hep-ex", "hep-ph"};
  p.versions = {{2, "2007-07-24T20:10:27Z", "37kb"},
                {1, "2007-04-02T19:18:42Z", "36kb"},
                {2, "2007-07-24T20:10:27Z", "37kb"}};
  p.source = source::kArxivSnapshot;
  return p;
}

TEST(Finalize, FillsDisplayFormsFromRawText) {
  Paper p = raw_snapshot_record();
  finalize(p);
  EXPECT_EQ(p.title_display,
            "Calculation of prompt diphoton production cross sections at Tevatron and LHC "
            "energies");
  EXPECT_EQ(p.abstract_display,
            "A fully differential calculation in perturbative quantum chromodynamics is "
            "presented for the production of massive photon pairs.");
  EXPECT_EQ(p.title.substr(0, 11), "Calculation") << "raw text is kept as published";
  EXPECT_NE(p.abstract.find("\n"), std::string::npos);
}

TEST(Finalize, ResolvesAuthorNamesAndDropsNamelessAuthorsKeepingOrder) {
  Paper p = raw_snapshot_record();
  finalize(p);
  ASSERT_EQ(p.authors.size(), 2u);
  EXPECT_EQ(p.authors[0], (Author{"C. Balázs", ""}));
  EXPECT_EQ(p.authors[1], (Author{"E. L. Berger", "Argonne Lab"}));
}

TEST(Finalize, KeepsTheFirstMaxAuthorsNamedAuthorsAndSaysHowManyThereWere) {
  struct Case {
    std::size_t authors;  // named ones, each followed by an unnamed one
    std::size_t kept;
    bool capped;
  };
  for (const Case& c :
       {Case{3, 3, false}, Case{kMaxAuthors, kMaxAuthors, false},
        Case{kMaxAuthors + 1, kMaxAuthors, true}, Case{300'000, kMaxAuthors, true}}) {
    Paper p;
    for (std::size_t i = 0; i < c.authors; ++i) {
      p.authors.push_back({"A. N{\\\"o}ther" + std::to_string(i), ""});
      p.authors.push_back({"  ", "an affiliation without a name"});
    }
    Finalized f = finalize(p);
    EXPECT_EQ(f.authors_given, c.authors);
    EXPECT_EQ(f.authors_capped(), c.capped) << c.authors;
    ASSERT_EQ(p.authors.size(), c.kept);
    EXPECT_EQ(p.authors.front().name, "A. Nöther0");
    EXPECT_EQ(p.authors.back().name, "A. Nöther" + std::to_string(c.kept - 1));
    EXPECT_EQ(finalize(p).authors_given, c.kept) << "idempotent";
  }
}

TEST(Finalize, DeduplicatesCategoriesKeepingPrimaryFirst) {
  Paper p = raw_snapshot_record();
  finalize(p);
  EXPECT_EQ(p.categories, (std::vector<std::string>{"hep-ph", "hep-ex"}));
}

TEST(Finalize, SortsVersionsAndDerivesVersionAndDates) {
  Paper p = raw_snapshot_record();
  finalize(p);
  ASSERT_EQ(p.versions.size(), 2u);
  EXPECT_EQ(p.versions[0].version, 1);
  EXPECT_EQ(p.versions[1].version, 2);
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(p.published, "2007-04-02T19:18:42Z");
  EXPECT_EQ(p.version_date, "2007-07-24T20:10:27Z");
}

TEST(Finalize, KeepsTheVersionTheSourceNamed) {
  Paper p = raw_snapshot_record();
  p.version = 1;
  finalize(p);
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.version_date, "2007-04-02T19:18:42Z");
}

TEST(Finalize, DoesNotTakePublishedFromAHistoryThatLacksV1) {
  Paper p;
  p.arxiv_id = "0704.0716";
  p.versions = {{3, "2008-02-29T16:05:39Z", ""}, {4, "2008-11-14T09:07:25Z", ""}};
  finalize(p);
  EXPECT_EQ(p.version, 4);
  EXPECT_EQ(p.published, "");
  EXPECT_EQ(p.version_date, "2008-11-14T09:07:25Z");
}

TEST(Finalize, FirstVersionDateIsThePublishedDate) {
  Paper p;
  p.arxiv_id = "2004.03322";
  p.version = 1;
  p.published = "2020-04-07T12:59:08Z";
  finalize(p);
  EXPECT_EQ(p.version_date, "2020-04-07T12:59:08Z");
}

TEST(Finalize, DefaultsLinksFromTheArxivIdButKeepsGivenOnes) {
  Paper p = raw_snapshot_record();
  finalize(p);
  EXPECT_EQ(p.abs_url, "https://arxiv.org/abs/0704.0001");
  EXPECT_EQ(p.pdf_url, "https://arxiv.org/pdf/0704.0001");

  Paper given;
  given.arxiv_id = "2403.16981";
  given.abs_url = "https://arxiv.org/abs/2403.16981v2";
  given.pdf_url = "https://arxiv.org/pdf/2403.16981v2";
  finalize(given);
  EXPECT_EQ(given.abs_url, "https://arxiv.org/abs/2403.16981v2");
  EXPECT_EQ(given.pdf_url, "https://arxiv.org/pdf/2403.16981v2");

  Paper no_id;
  no_id.doi = "10.1/x";
  finalize(no_id);
  EXPECT_EQ(no_id.abs_url, "");
  EXPECT_EQ(no_id.pdf_url, "");
}

TEST(Finalize, IsIdempotent) {
  Paper once = raw_snapshot_record();
  finalize(once);
  Paper twice = once;
  finalize(twice);
  EXPECT_EQ(twice, once);
}

TEST(IdentityKey, PrefersArxivIdThenDoiElseEmpty) {
  Paper p;
  EXPECT_EQ(identity_key(p), "");
  p.doi = "10.1103/physrevd.76.013009";
  EXPECT_EQ(identity_key(p), "doi:10.1103/physrevd.76.013009");
  p.arxiv_id = "0704.0001";
  EXPECT_EQ(identity_key(p), "arxiv:0704.0001");
}

TEST(DoiUrl, IsDerivedFromTheDoi) {
  Paper p;
  EXPECT_EQ(doi_url(p), "");
  p.doi = "10.1103/physrevd.76.013009";
  EXPECT_EQ(doi_url(p), "https://doi.org/10.1103/physrevd.76.013009");
}

TEST(IsNoticeOnly, NoticesAndUntypedRecordsUpdatingAsOneButNotCommentsOrResearch) {
  constexpr auto kNone = NoticeKind::none;  // updates nothing
  struct Case {
    WorkType type;
    NoticeKind updates;  // the kind of its `updates` relation, none for no relation
    bool expected;
  };
  const Case cases[] = {
      {WorkType::correction, kNone, true},
      {WorkType::erratum, kNone, true},
      {WorkType::retraction, NoticeKind::retraction, true},
      {WorkType::expression_of_concern, kNone, true},
      {WorkType::comment, kNone, false},  // a reply is read for itself
      {WorkType::comment, NoticeKind::correction, false},
      {WorkType::article, kNone, false},
      {WorkType::preprint, kNone, false},
      // Untyped: what it updates the other work as decides.
      {WorkType::unknown, NoticeKind::correction, true},
      {WorkType::unknown, NoticeKind::withdrawal, true},
      {WorkType::unknown, NoticeKind::other, false},  // a new version or edition
      {WorkType::unknown, kNone, false},
      // An article corrected and republished (PubMed's CorrectedandRepublishedFrom) is one.
      {WorkType::article, NoticeKind::correction, false},
      {WorkType::article, NoticeKind::retraction, false},
  };
  for (const Case& c : cases) {
    Paper p;
    p.type = c.type;
    if (c.updates != kNone) {
      p.relations.push_back(
          Relation{RelationType::updates, Identifier{"doi", "10.1/x"}, c.updates});
    }
    EXPECT_EQ(is_notice_only(p), c.expected)
        << to_string(c.type) << " updating as " << to_string(c.updates);
  }
}

}  // namespace
}  // namespace ah::core
