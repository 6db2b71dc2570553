#include "sources/feeds/item_fields.h"

#include <gtest/gtest.h>

namespace ah::sources::feeds {
namespace {

using core::WorkType;

TEST(FeedItemFields, TakesDoisOnlyFromLinksWhoseRuleIsCertain) {
  struct Case {
    const char* url;
    const char* doi;  // "" = none
  };
  for (Case c : {
           Case{"http://doi.org/10.1093/zoolinnean/zlab078", "10.1093/zoolinnean/zlab078"},
           Case{"https://dx.doi.org/10.1002/TAX.12650", "10.1002/tax.12650"},
           Case{"https://onlinelibrary.wiley.com/doi/10.1002/tax.12650?af=R", "10.1002/tax.12650"},
           Case{"https://www.science.org/doi/abs/10.1126/science.adk0001",
                "10.1126/science.adk0001"},
           Case{"https://www.pnas.org/doi/full/10.1073/pnas.2400001121#sec-1",
                "10.1073/pnas.2400001121"},
           Case{"https://onlinelibrary.wiley.com/doi/10.1002/%28SICI%291097-0258%2819980430%2917"
                "%3A8%3C857%3A%3AAID-SIM777%3E3.0.CO%3B2-E",
                "10.1002/(sici)1097-0258(19980430)17:8<857::aid-sim777>3.0.co;2-e"},
           Case{"https://link.springer.com/article/10.1007/s00203-021-02621-y",
                "10.1007/s00203-021-02621-y"},
           Case{"https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0033693",
                "10.1371/journal.pone.0033693"},
           Case{"https://www.nature.com/articles/s41586-024-07956-2", "10.1038/s41586-024-07956-2"},
           Case{"https://www.nature.com/articles/d41586-024-02711-z", "10.1038/d41586-024-02711-z"},
           // Older nature.com ids can differ from their DOI (cr20131 is 10.1038/cr.2013.1).
           Case{"https://www.nature.com/articles/cr20131", ""},
           Case{"https://www.nature.com/articles/nature12373", ""},
           Case{"https://www.sciencedirect.com/science/article/pii/S1055790321002906", ""},
           Case{"https://academic.oup.com/zoolinnean/article/194/1/226/6413462?rss=1", ""},
           Case{"https://www.cell.com/cell/fulltext/S0092-8674(24)00001-5", ""},
           Case{"https://pubmed.ncbi.nlm.nih.gov/34929406/", ""},
           Case{"not a url", ""},
       }) {
    EXPECT_EQ(doi_from_url(c.url), c.doi) << c.url;
  }
  EXPECT_EQ(doi_from_identifier("doi:10.1038/S41586-024-07956-2"), "10.1038/s41586-024-07956-2");
  EXPECT_EQ(doi_from_identifier(" 10.1002/tax.12650 "), "10.1002/tax.12650");
  EXPECT_EQ(doi_from_identifier("pmid:34929406"), "");
  EXPECT_EQ(doi_from_identifier("tag:example.org,2026:1"), "");
}

TEST(FeedItemFields, SplitsAuthorListsAsFeedsWriteThem) {
  using V = std::vector<std::string>;
  struct Case {
    const char* text;
    V names;
  };
  for (const Case& c : {
           Case{"\nRachel M. Binks, \nMargaret Heslewood, \nPeter G. Wilson, \nMargaret Byrne\n",
                V{"Rachel M. Binks", "Margaret Heslewood", "Peter G. Wilson", "Margaret Byrne"}},
           Case{"Brandão S, Saeedi H, Brandt A. ", V{"Brandão S", "Saeedi H", "Brandt A"}},
           Case{"Chen C, Zhou Y, Watanabe H, et al. ", V{"Chen C", "Zhou Y", "Watanabe H"}},
           Case{"Katja E. Boysen, Susan L. Perkins and Jane Melville",
                V{"Katja E. Boysen", "Susan L. Perkins", "Jane Melville"}},
           Case{"Smith, John", V{"John Smith"}},
           Case{"Curie, Marie; Curie, Pierre", V{"Curie, Marie", "Curie, Pierre"}},
           Case{"editor@example.org (Ada Lovelace)", V{"Ada Lovelace"}},
           Case{"editor@example.org", V{}},
           Case{"David R. Bickel", V{"David R. Bickel"}},
           Case{"", V{}},
       }) {
    EXPECT_EQ(split_author_list(c.text), c.names) << c.text;
  }
}

TEST(FeedItemFields, ClassifiesItemsByTitleSectionAndNatureDoi) {
  using S = std::vector<std::string>;
  struct Case {
    const char* title;
    S sections;
    const char* doi;
    WorkType type;
  };
  for (const Case& c : {
           Case{"Author Correction: Anti-TIGIT antibody", S{}, "10.1038/s41586-024-07956-2",
                WorkType::correction},
           Case{"Gut microbes’ genomes are a trove", S{}, "10.1038/d41586-024-02655-4",
                WorkType::editorial},
           Case{"Origin of the bread wheat D genome", S{}, "10.1038/s41586-024-07808-z",
                WorkType::article},
           Case{"Phylogenomic analysis", S{"RESEARCH ARTICLE"}, "10.1002/tax.12650",
                WorkType::article},
           Case{"Editorial", S{"EDITORIAL"}, "10.1002/tax.1", WorkType::editorial},
           Case{"Issue Information", S{"ISSUE INFORMATION"}, "10.1002/tax.2", WorkType::other},
           Case{"A book", S{"Book Review"}, "10.1/x", WorkType::other},
           Case{"Widgets, reviewed", S{"Review Article"}, "10.1/x", WorkType::review},
           Case{"Widgets", S{"Correction"}, "10.1/x", WorkType::correction},
           Case{"Proposals", S{"NOMENCLATURE"}, "10.1002/tax.3", WorkType::unknown},
           Case{"Something", S{}, "10.1016/j.x", WorkType::unknown},
       }) {
    EXPECT_EQ(classify_item(c.title, c.sections, c.doi), c.type) << c.title;
  }
}

TEST(FeedItemFields, KeepsAnAbstractOnlyWhenTheFeedReallyCarriesOne) {
  const std::string long_text(450, 'x');
  struct Case {
    std::vector<std::string> bodies;
    const char* title;
    std::string abstract;
  };
  for (const Case& c : {
           // Nature: a citation paragraph and a one-line summary (or the title again).
           Case{{"<p>Nature, Published online: 20 August 2024; <a href=\"x\">doi:10.1038/x</a>"
                 "</p>Analysis of 46 accessions establishes the origin of the D genome."},
                "Origin",
                ""},
           Case{{"<p>Nature, Published online: 20 August 2024; doi:10.1038/x</p>Author "
                 "Correction: A title"},
                "Author Correction: A title",
                ""},
           // Labelled abstracts count whatever their length.
           Case{{"<h2>Abstract</h2>\n<p>A <i>short</i> one.</p>"}, "T", "A short one."},
           Case{{"\nAbstract\nPlain text abstract.\n"}, "T", "Plain text abstract."},
           Case{{"<div><p>Parasitol Int. 2021 Dec 17:102531. doi: 10.1016/j.x. Online ahead of "
                 "print.</p><p><b>ABSTRACT</b></p><p>Found a worm.</p><p>PMID:<a>1</a> | DOI:<a>"
                 "10.1/x</a></p></div>",
                 "Found a worm in a very long but truncated..."},
                "T",
                "Found a worm."},
           // An unlabelled text counts when long enough and not cut off.
           Case{{"TAXON, Volume 70, Issue 6, Page 1339-1351, December 2021. "}, "T", ""},
           Case{{long_text}, "T", long_text},
           Case{{long_text + "..."}, "T", ""},
           Case{{}, "T", ""},
       }) {
    EXPECT_EQ(choose_abstract(c.bodies, c.title), c.abstract)
        << (c.bodies.empty() ? "" : c.bodies[0]);
  }
}

TEST(FeedItemFields, ReadsVolumeIssueAndPagesFromCitationLines) {
  std::string volume, issue, pages;
  read_citation_line("TAXON, Volume 70, Issue 6, Page 1339-1351, December 2021. ", volume, issue,
                     pages);
  EXPECT_EQ(volume, "70");
  EXPECT_EQ(issue, "6");
  EXPECT_EQ(pages, "1339-1351");
  std::string v2, i2, p2 = "12-13";
  read_citation_line("Source: Molecular Phylogenetics and Evolution, Volume 167", v2, i2, p2);
  EXPECT_EQ(v2, "167");
  EXPECT_EQ(i2, "");
  EXPECT_EQ(p2, "12-13") << "a field already known is kept";
  std::string v3, i3, p3;
  read_citation_line("We sampled Volume 3 of the archive, Issue 2 of the journal.", v3, i3, p3);
  EXPECT_EQ(v3, "") << "not a citation line";
}

TEST(FeedItemFields, NamesTheJournalInAChannelTitle) {
  EXPECT_EQ(venue_from_channel_title("ScienceDirect Publication: Molecular Phylogenetics and "
                                     "Evolution"),
            "Molecular Phylogenetics and Evolution");
  EXPECT_EQ(venue_from_channel_title("Wiley: TAXON: Table of Contents"), "TAXON");
  EXPECT_EQ(venue_from_channel_title("Zoological Journal of the Linnean Society Current Issue"),
            "Zoological Journal of the Linnean Society");
  EXPECT_EQ(venue_from_channel_title("Nature"), "Nature");
}

TEST(FeedItemFields, TellsABotCheckPageFromAnyHtmlPage) {
  EXPECT_TRUE(
      is_bot_check_page("<html><head><title>Validate User</title></head><body><div "
                        "id=\"captcha\"></div></body></html>"));
  EXPECT_EQ(describe_html_page("<html><head><title>\n  Validate User\n</title></head><body>"
                               "unusual traffic</body></html>"),
            "a bot-check page (Validate User)");
  EXPECT_EQ(describe_html_page("<html><head><title>Just a moment...</title></head></html>"),
            "a bot-check page (Just a moment...)");
  EXPECT_EQ(describe_html_page("<html><head><TITLE>503 Service Unavailable</TITLE></head></html>"),
            "an HTML page (503 Service Unavailable)");
  EXPECT_EQ(describe_html_page("<html><body>oops</body></html>"), "an HTML page");
}

TEST(FeedItemFields, StripsTrackingParameters) {
  EXPECT_EQ(strip_tracking("https://pubmed.ncbi.nlm.nih.gov/34929406/?utm_source=Mobile "
                           "Safari&utm_medium=rss&fc=1"),
            "https://pubmed.ncbi.nlm.nih.gov/34929406/?fc=1");
  EXPECT_EQ(strip_tracking("https://x.org/a?utm_source=y#top"), "https://x.org/a#top");
  EXPECT_EQ(strip_tracking("https://x.org/a"), "https://x.org/a");
}

}  // namespace
}  // namespace ah::sources::feeds
