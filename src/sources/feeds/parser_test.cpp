// The journal feed parser on every recording in ../shared/fixtures/journal-rss and other/, and on
// the hand-written feeds in tests/fixtures/feeds (see its README).
#include "sources/feeds/parser.h"

#include <gtest/gtest.h>

#include <map>

#include "tests/support/fixtures.h"

namespace ah::sources::feeds {
namespace {

using ah::testing::own_fixture;
using ah::testing::read_file;
using core::WorkType;

ParseResult parse_file(const std::filesystem::path& path, FeedOptions options = {}) {
  auto parsed = parse_feed_with(read_file(path), path.filename().string(), options);
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return parsed ? std::move(*parsed) : ParseResult{};
}

const core::Paper* by_doi(const ParseResult& r, std::string_view doi) {
  for (const core::Paper& p : r.papers) {
    if (p.doi == doi) return &p;
  }
  return nullptr;
}

TEST(FeedParser, ReadsNaturesRdfFeedAndTellsNewsAndCorrectionsFromResearch) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "journal-rss/nature_current_issue_rss1_rdf.xml");
  ParseResult r = parse_file(file);
  EXPECT_EQ(r.papers.size(), 75u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_FALSE(r.truncated);
  std::map<WorkType, int> types;
  for (const core::Paper& p : r.papers) {
    ++types[p.type];
    EXPECT_EQ(p.source, core::source::kJournalFeed);
    EXPECT_EQ(p.source_id, p.doi);
    EXPECT_EQ(p.venue, "Nature");
    EXPECT_EQ(p.publisher, "Nature Publishing Group");
    EXPECT_EQ(p.language, "en");
    EXPECT_EQ(p.abstract, "") << p.doi << ": Nature's feed carries a one-line summary only";
    EXPECT_EQ(p.published.size(), 10u) << p.doi;
    EXPECT_EQ(p.abs_url, "https://www.nature.com/articles/" + p.doi.substr(8));
    EXPECT_EQ(p.license, "") << "dc:rights is a copyright line, not a license";
  }
  EXPECT_EQ(types[WorkType::correction], 2);
  EXPECT_EQ(types[WorkType::editorial], 48) << "d41586 DOIs: news, comment, careers";
  EXPECT_EQ(types[WorkType::article], 25) << "the other s41586 DOIs";

  const core::Paper* c = by_doi(r, "10.1038/s41586-024-07956-2");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->type, WorkType::correction);
  EXPECT_EQ(c->title,
            "Author Correction: Anti-TIGIT antibody improves PD-L1 blockade through myeloid and "
            "Treg cells");
  EXPECT_EQ(c->published, "2024-08-20");
  ASSERT_EQ(c->authors.size(), 31u);
  EXPECT_EQ(c->authors[0].name, "Xiangnan Guan");
  EXPECT_EQ(c->authors[30].name, "Namrata S. Patil");
  const core::Paper* be = by_doi(r, "10.1038/s41586-024-07795-1");
  ASSERT_NE(be, nullptr);
  EXPECT_TRUE(be->title.starts_with("Precision spectroscopy on 9Be overcomes")) << be->title;
}

TEST(FeedParser, ReadsWileysRss2WithPrismAndContentEncoded) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "journal-rss/wiley_taxon_toc_rss2.xml");
  ParseResult r = parse_file(file);
  EXPECT_EQ(r.papers.size(), 66u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.info.last_build_date, "Tue, 21 Dec 2021 09:23:57 +0000");
  int with_abstract = 0, without_authors = 0;
  for (const core::Paper& p : r.papers) {
    EXPECT_EQ(p.venue, "TAXON");
    EXPECT_TRUE(p.doi.starts_with("10.1002/tax.")) << p.doi;
    without_authors += p.authors.empty() ? 1 : 0;  // lists of typifications: <dc:creator/>
    EXPECT_EQ(p.abstract.find('<'), std::string::npos) << p.doi;
    with_abstract += p.abstract.empty() ? 0 : 1;
  }
  EXPECT_GE(with_abstract, 25);
  EXPECT_EQ(without_authors, 3);
  const core::Paper* first = by_doi(r, "10.1002/tax.12650");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->type, WorkType::article) << "RESEARCH ARTICLE";
  EXPECT_EQ(first->published, "2021-12-20T20:09:28Z") << "dc:date, in UTC";
  EXPECT_EQ(first->volume, "") << "EarlyView";
  ASSERT_EQ(first->authors.size(), 4u);
  EXPECT_EQ(first->authors[0].name, "Rachel M. Binks");
  EXPECT_EQ(first->authors[3].name, "Margaret Byrne");
  EXPECT_TRUE(first->abstract.starts_with("Leptospermum is an ecologically and economically"))
      << first->abstract;
  EXPECT_EQ(first->abs_url, "https://onlinelibrary.wiley.com/doi/10.1002/tax.12650?af=R");
  const core::Paper* ginger = by_doi(r, "10.1002/tax.12567");
  ASSERT_NE(ginger, nullptr);
  EXPECT_EQ(ginger->volume, "70");
  EXPECT_EQ(ginger->issue, "6");
  EXPECT_EQ(ginger->pages, "1339-1351") << "from the description's citation line";
  EXPECT_EQ(ginger->authors[2].name, "Jana Leong‐Škorničková");
}

TEST(FeedParser, ReadsOupsRss2WithEscapedHtmlAbstractsAndVancouverAuthors) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "journal-rss/oup_zoolinnean_current_issue_rss2.xml");
  ParseResult r = parse_file(file);
  EXPECT_EQ(r.papers.size(), 14u);
  EXPECT_TRUE(r.rejected.empty());
  const core::Paper* p = by_doi(r, "10.1093/zoolinnean/zlab078");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->venue, "Zoological Journal of the Linnean Society") << "from the channel title";
  EXPECT_EQ(p->volume, "194");
  EXPECT_EQ(p->issue, "1");
  EXPECT_EQ(p->pages, "226-255");
  EXPECT_EQ(p->published, "2021-10-28T00:00:00Z");
  EXPECT_EQ(p->language, "en");
  ASSERT_EQ(p->authors.size(), 3u);
  EXPECT_EQ(p->authors[0].name, "Brandão S");
  EXPECT_EQ(p->authors[2].name, "Brandt A");
  EXPECT_TRUE(p->abstract.starts_with("The Southern Ocean (SO) is the least understood"))
      << p->abstract;
  EXPECT_NE(p->abstract.find("low oxygen for Cytherella, could"), std::string::npos);
  EXPECT_EQ(p->abs_url, "https://academic.oup.com/zoolinnean/article/194/1/226/6413462?rss=1");
  for (const core::Paper& q : r.papers) {
    if (q.title.starts_with("Erratum to:")) {
      EXPECT_EQ(q.type, WorkType::erratum);
    }
  }
  // The configured name wins over the channel title.
  ParseResult named = parse_file(file, FeedOptions{"Zool J Linn Soc"});
  ASSERT_FALSE(named.papers.empty());
  EXPECT_EQ(named.papers[0].venue, "Zool J Linn Soc");
}

TEST(FeedParser, RejectsElseviersItemsWhichNameNoDoi) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "journal-rss/elsevier_sciencedirect_mpe_rss2.xml");
  ParseResult r = parse_file(file);
  EXPECT_TRUE(r.papers.empty());
  ASSERT_EQ(r.rejected.size(), 51u);
  EXPECT_EQ(r.rejected[0].where,
            "elsevier_sciencedirect_mpe_rss2.xml: item 1 (id "
            "https://www.sciencedirect.com/science/article/pii/S1055790321002906)");
  EXPECT_TRUE(r.rejected[0].message.starts_with("no DOI")) << r.rejected[0].message;
}

TEST(FeedParser, ReadsPubmedSearchFeedsWithPmidsAndFullAbstracts) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "other/pubmed_search_rss2.xml");
  ParseResult r = parse_file(file);
  EXPECT_EQ(r.papers.size(), 15u);
  EXPECT_TRUE(r.rejected.empty());
  const core::Paper* p = by_doi(r, "10.1016/j.parint.2021.102531");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->other_ids, (std::vector<core::Identifier>{{"pmid", "34929406"}}));
  EXPECT_EQ(p->venue, "Parasitology international") << "dc:source";
  ASSERT_EQ(p->authors.size(), 7u);
  EXPECT_EQ(p->authors[0].name, "Xiao Jin");
  EXPECT_EQ(p->published, "2021-12-20");
  EXPECT_TRUE(p->abstract.starts_with("A new species of Gyrodactylus was described"));
  EXPECT_TRUE(p->abstract.ends_with("which we named Gyrodactylus banmae.")) << p->abstract;
  EXPECT_EQ(p->abs_url.find("utm_"), std::string::npos) << p->abs_url;
  const core::Paper* pmc = by_doi(r, "10.1098/rsos.211237");
  ASSERT_NE(pmc, nullptr);
  EXPECT_EQ(pmc->other_ids,
            (std::vector<core::Identifier>{{"pmid", "34925870"}, {"pmcid", "PMC8672069"}}));
}

TEST(FeedParser, ABotCheckPageIsAnErrorThatSaysSo) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "other/oup_feed_validate_user_captcha.html");
  auto r = parse_feed(read_file(file), "oup.xml");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data);
  EXPECT_EQ(r.error().message,
            "oup.xml: the feed answered with a bot-check page (Validate User), not a feed");
}

TEST(FeedParser, ReadsAnAtomTableOfContents) {
  ParseResult r = parse_file(own_fixture("feeds/atom_toc.xml"));
  ASSERT_EQ(r.papers.size(), 3u);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].message, "no title");
  EXPECT_EQ(r.info.last_build_date, "2026-03-02T18:00:00Z");

  const core::Paper& a = r.papers[0];
  EXPECT_EQ(a.doi, "10.1371/journal.pex.3000001");
  EXPECT_EQ(a.title, "Widgets in Drosophila larvae");
  EXPECT_EQ(a.type, WorkType::article);
  EXPECT_EQ(a.published, "2026-03-02T14:00:00Z");
  EXPECT_EQ(a.updated, "2026-03-02T15:30:00Z");
  ASSERT_EQ(a.authors.size(), 2u);
  EXPECT_EQ(a.authors[1].name, "Charles Babbage");
  EXPECT_EQ(a.abstract, "Larvae use widgets to sense k cues.\n\nSecond paragraph.");
  EXPECT_EQ(a.venue, "PLOS Examples: New Articles");
  EXPECT_EQ(a.issns, std::vector<std::string>{"1545-7885"});

  const core::Paper& c = r.papers[1];
  EXPECT_EQ(c.doi, "10.5555/sci.corr.7") << "from an Atypon /doi/full/ link";
  EXPECT_EQ(c.type, WorkType::correction);
  EXPECT_EQ(c.abstract, "") << "a teaser";
  EXPECT_EQ(c.published, "2026-03-01T09:00:00Z") << "updated, when nothing else dates it";

  const core::Paper& g = r.papers[2];
  EXPECT_EQ(g.doi, "10.5555/gears.2026.1");
  EXPECT_EQ(g.volume, "24");
  EXPECT_EQ(g.issue, "3");
  EXPECT_EQ(g.pages, "e3000003");
  EXPECT_EQ(g.abs_url, "https://example.org/articles/gears");
  EXPECT_EQ(g.abstract, "") << "Gears turn. is too short to be an unlabelled abstract";
}

TEST(FeedParser, AFeedWithoutDoisRejectsEveryItemSayingWhy) {
  ParseResult r = parse_file(own_fixture("feeds/rss_no_dois.xml"));
  EXPECT_TRUE(r.papers.empty());
  ASSERT_EQ(r.rejected.size(), 2u);
  EXPECT_EQ(r.rejected[0].where, "rss_no_dois.xml: item 1 (id S0092-8674(26)00001-5)");
  EXPECT_EQ(r.rejected[1].where,
            "rss_no_dois.xml: item 2 (id "
            "https://www.sciencedirect.com/science/article/pii/S0092867426000026)");
  for (const RecordError& e : r.rejected) {
    EXPECT_NE(e.message.find("could never be linked"), std::string::npos) << e.message;
  }
  EXPECT_EQ(r.info.last_build_date, "Mon, 02 Mar 2026 10:00:00 GMT");
}

TEST(FeedParser, AFeedThatBreaksOffKeepsItsCompleteItems) {
  AH_SHARED_FIXTURE_OR_SKIP(file, "journal-rss/wiley_taxon_toc_rss2.xml");
  const std::string whole = read_file(file);
  const std::string cut = whole.substr(0, ah::testing::after_nth(whole, "</item>", 3) + 40);
  auto r = parse_feed(cut, "taxon.xml");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->papers.size(), 3u);
  ASSERT_TRUE(r->truncated.has_value());
  EXPECT_NE(r->truncated->message.find("kept the 3 complete items"), std::string::npos)
      << r->truncated->message;
}

TEST(FeedParser, RefusesWhatIsNotAFeed) {
  struct Case {
    std::string body, expect;
  };
  for (const Case& c : {
           Case{"<html><head><title>Forbidden</title></head><body></body></html>",
                "the feed answered with an HTML page (Forbidden), not a feed"},
           Case{"<?xml version=\"1.0\"?><OAI-PMH/>", "expected an RSS, RDF or Atom feed but got"},
           Case{"{\"json\": true}", "not well-formed XML"},
           Case{"<rss version=\"2.0\"></rss>", "<rss> without <channel>"},
       }) {
    auto r = parse_feed(c.body, "f.xml");
    ASSERT_FALSE(r.has_value()) << c.body;
    EXPECT_EQ(r.error().code, ErrorCode::bad_upstream_data);
    EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
  }
  auto empty = parse_feed("<rss version=\"2.0\"><channel><title>T</title></channel></rss>", "e");
  ASSERT_TRUE(empty.has_value()) << "an empty channel is an empty day, not an error";
  EXPECT_TRUE(empty->papers.empty());
}

}  // namespace
}  // namespace ah::sources::feeds
