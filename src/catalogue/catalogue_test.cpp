#include "catalogue/catalogue.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <nlohmann/json.hpp>
#include <set>

#include "catalogue/issn.h"

namespace ah::catalogue {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::string_view kGood = R"(# a comment
[[source]]
name = "nature.crossref"
kind = "crossref"
title = "Nature"
issns = ["0028-0836", "1476-4687"]

[[source]]
name = "arxiv"
kind = "arxiv"
at = "05:30"
sets = ["cs.CL", "cs.AI"]

[[source]]
name = "feed-1"
kind = "feed"
enabled = false
every = "1h30m"
since = "2026-01-31"
url = "https://www.nature.com/nmeth.rss"
venue = "Nature Methods"
)";

TEST(Catalogue, ReadsEntriesInFileOrderWithDefaults) {
  auto c = parse_catalogue(kGood, "sources.toml");
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_EQ(c->sources.size(), 3u);
  const SourceEntry& nature = c->sources[0];
  EXPECT_EQ(nature.name, "nature.crossref");
  EXPECT_EQ(nature.kind, Kind::crossref);
  EXPECT_TRUE(nature.enabled);
  EXPECT_EQ(nature.line, 2);
  EXPECT_EQ(nature.cadence, default_cadence(Kind::crossref));
  EXPECT_EQ(nature.crossref()->issns, (std::vector<std::string>{"0028-0836", "1476-4687"}));
  const SourceEntry& arxiv = c->sources[1];
  EXPECT_EQ(arxiv.cadence.at, minutes(330));
  EXPECT_EQ(arxiv.arxiv()->method, ArxivMethod::rss);
  EXPECT_EQ(arxiv.display_name(), "arxiv");
  const SourceEntry& feed = c->sources[2];
  EXPECT_FALSE(feed.enabled);
  EXPECT_EQ(feed.cadence.every, minutes(90));
  EXPECT_EQ(feed.since, "2026-01-31");
  EXPECT_EQ(feed.feed()->venue, "Nature Methods");
  EXPECT_EQ(upstream_host(feed), "www.nature.com");
  EXPECT_EQ(c->find("arxiv"), &c->sources[1]);
  EXPECT_EQ(c->find("nope"), nullptr);
}

TEST(Catalogue, EmptyFileIsAnEmptyCatalogue) {
  auto c = parse_catalogue("# nothing yet\n", "sources.toml");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_TRUE(c->sources.empty());
}

// Every error names the file, the line and the key at fault.
TEST(Catalogue, ErrorsNameFileLineAndKey) {
  struct Case {
    std::string text;
    std::string expected;  // a substring of the message
  };
  const std::string head = "[[source]]\nname = \"x\"\n";
  const Case cases[] = {
      {"[[source]]\nkind = \"feed\"\n", "f.toml:1: source #1: key 'name': missing"},
      {"[[source]]\nname = \"Bad Name\"\nkind = \"feed\"\n",
       "f.toml:2: source #1: key 'name': \"Bad Name\" is not a name"},
      {head, "f.toml:1: source 'x': key 'kind': missing"},
      {head + "kind = \"rss\"\n", "f.toml:3: source 'x': key 'kind': expected one of arxiv"},
      {head + "kind = \"pubmed\"\nterm = \"x\"\nurl = \"https://a.org/\"\n",
       "f.toml:5: source 'x': key 'url': unknown for kind pubmed"},
      {head + "kind = \"crossref\"\nissns = [\"0028-0837\"]\n",
       "f.toml:4: source 'x': key 'issns': \"0028-0837\" is not an ISSN"},
      {head + "kind = \"crossref\"\nissns = []\n",
       "f.toml:4: source 'x': key 'issns': must not be empty"},
      {head + "kind = \"crossref\"\nissns = \"0028-0836\"\n",
       "f.toml:4: source 'x': key 'issns': expected an array of strings"},
      {head + "kind = \"crossref\"\nissns = [\"0028-0836\", \"00280836\"]\n",
       "key 'issns': 0028-0836 is listed twice"},
      {head + "kind = \"crossref\"\n", "f.toml:1: source 'x': key 'issns': missing"},
      {head + "kind = \"pubmed\"\nterm = \"x\"\nevery = \"6 hours\"\n",
       "f.toml:5: source 'x': key 'every': expected a duration"},
      {head + "kind = \"pubmed\"\nterm = \"x\"\nevery = \"1m\"\n",
       "f.toml:5: source 'x': key 'every': must be from 5m to 31d"},
      {head + "kind = \"pubmed\"\nterm = \"x\"\nevery = \"6h\"\nat = \"01:00\"\n",
       "f.toml:6: source 'x': key 'at': give either every"},
      {head + "kind = \"pubmed\"\nterm = \"x\"\nat = \"25:00\"\n",
       "f.toml:5: source 'x': key 'at': expected a UTC time of day"},
      {head + "kind = \"pubmed\"\nterm = \"x\"\nenabled = \"yes\"\n",
       "f.toml:5: source 'x': key 'enabled': expected true or false"},
      {head + "kind = \"pubmed\"\nterm = \"x\"\nsince = \"2026-02-30\"\n",
       "f.toml:5: source 'x': key 'since': expected a date"},
      {head + "kind = \"pubmed\"\nterm = \"\"\n", "f.toml:4: source 'x': key 'term': must not be"},
      {head + "kind = \"feed\"\nurl = \"ftp://a.org/x\"\nvenue = \"V\"\n",
       "f.toml:4: source 'x': key 'url': expected an http or https URL"},
      {head + "kind = \"feed\"\nurl = \"https://a.org/x\"\n",
       "f.toml:1: source 'x': key 'venue': missing"},
      {head + "kind = \"biorxiv\"\nserver = \"arxiv\"\n",
       "f.toml:4: source 'x': key 'server': expected \"biorxiv\" or \"medrxiv\""},
      {head + "kind = \"openalex\"\nsource_id = \"W123\"\n",
       "f.toml:4: source 'x': key 'source_id': expected an OpenAlex source id"},
      {head + "kind = \"arxiv\"\nsets = [\"physics:hep-th\"]\n",
       "f.toml:4: source 'x': key 'sets': \"physics:hep-th\" is an OAI-PMH set"},
      {head + "kind = \"arxiv\"\nsets = [\"cs\"]\nmethod = \"api\"\n",
       "f.toml:5: source 'x': key 'method': expected \"rss\" or \"oai\""},
      {head + "kind = \"arxiv\"\nsets = [\"cs\", 3]\n",
       "key 'sets': element 2 is not a non-empty string"},
      {head + "kind = \"pubmed\"\nterm = \"a\"\n\n[[source]]\nname = \"x\"\nkind = \"pubmed\"\n"
              "term = \"b\"\n",
       "f.toml:6: source 'x': key 'name': already used by the source at line 1"},
      {"version = 2\n", "f.toml:1: unknown key 'version'"},
      {"[source]\nname = \"x\"\n", "f.toml:1: 'source' must be a list of [[source]] tables"},
      {"[[source]]\nname = \"x\n", "f.toml:2: "},  // a TOML syntax error
  };
  for (const Case& c : cases) {
    auto parsed = parse_catalogue(c.text, "f.toml");
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(parsed.error().message.find(c.expected), std::string::npos)
        << "text:\n"
        << c.text << "\nmessage: " << parsed.error().message << "\nexpected: " << c.expected;
  }
}

TEST(Catalogue, AcceptsOaiSetsAndOpenalexUrlsAndLowerCaseX) {
  auto c = parse_catalogue(R"([[source]]
name = "a"
kind = "arxiv"
method = "oai"
sets = ["physics:hep-th", "cs"]

[[source]]
name = "b"
kind = "openalex"
source_id = "https://openalex.org/S137773608"

[[source]]
name = "c"
kind = "crossref"
issns = ["1474547x"]
)",
                           "f.toml");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->sources[0].arxiv()->method, ArxivMethod::oai);
  EXPECT_EQ(upstream_host(c->sources[0]), "oaipmh.arxiv.org");
  EXPECT_EQ(c->sources[1].openalex()->source_id, "S137773608");
  EXPECT_EQ(c->sources[2].crossref()->issns[0], "1474-547X");
}

TEST(Durations, ParseAndFormatRoundTrip) {
  struct Case {
    std::string_view text;
    seconds value;
  };
  const Case cases[] = {{"30m", minutes(30)},        {"6h", hours(6)},     {"1d", hours(24)},
                        {"1h30m", minutes(90)},      {"2d12h", hours(60)}, {"45s", seconds(45)},
                        {"1d1h1m1s", seconds(90061)}};
  for (const Case& c : cases) {
    auto d = parse_duration(c.text);
    ASSERT_TRUE(d) << c.text;
    EXPECT_EQ(*d, c.value) << c.text;
    EXPECT_EQ(format_duration(c.value), c.text);
  }
  for (std::string_view bad : {"", "6", "h", "6x", "30m6h", "6h6h", "-1h", "1.5h", "6 h"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
  EXPECT_EQ(format_duration(minutes(360)), "6h");
}

TEST(Durations, TimeOfDay) {
  EXPECT_EQ(parse_time_of_day("00:00"), minutes(0));
  EXPECT_EQ(parse_time_of_day("23:59"), minutes(1439));
  for (std::string_view bad : {"24:00", "5:30", "05:60", "0530", "aa:bb", "05:3x"}) {
    EXPECT_FALSE(parse_time_of_day(bad)) << bad;
  }
  EXPECT_EQ(describe(Cadence{seconds(0), minutes(330)}), "daily at 05:30 UTC");
  EXPECT_EQ(describe(Cadence{hours(6), std::nullopt}), "every 6h");
}

TEST(Issn, CheckCharacter) {
  EXPECT_EQ(issn_check_character("0028083"), '6');
  EXPECT_EQ(issn_check_character("1474547"), 'X');
  EXPECT_EQ(issn_check_character("0317847"), '1');  // the example of ISO 3297
  EXPECT_EQ(normalize_issn("0317-8471"), "0317-8471");
  EXPECT_EQ(normalize_issn("1546170x"), "1546-170X");
  for (std::string_view bad : {"0317-8472", "0317-847", "03178471X", "A317-8471", "0317_8471"}) {
    EXPECT_FALSE(normalize_issn(bad)) << bad;
  }
}

// The default catalogue validates, names are unique, and every ISSN in it has the right check
// digit (parse_catalogue refuses any other); journals come with their feeds.
TEST(DefaultCatalogue, ValidatesAndCoversTheJournalsItPromises) {
  auto c = parse_catalogue(default_catalogue_text(), "default_sources.toml");
  ASSERT_TRUE(c) << c.error().message;
  std::set<std::string> titles;
  std::size_t issns = 0;
  for (const SourceEntry& e : c->sources) {
    titles.insert(e.title);
    if (const auto* p = e.crossref()) {
      issns += p->issns.size();
      for (const std::string& issn : p->issns) EXPECT_EQ(normalize_issn(issn), issn) << e.name;
    }
    EXPECT_FALSE(upstream_host(e).empty()) << e.name;
  }
  EXPECT_GE(issns, 50u);
  for (const char* journal :
       {"Nature", "Science", "Cell", "Proceedings of the National Academy of Sciences",
        "The New England Journal of Medicine", "The Lancet", "JAMA", "Nature Machine Intelligence",
        "Nature Methods", "Physical Review Letters", "Journal of the American Chemical Society",
        "Journal of Machine Learning Research",
        "IEEE Transactions on Pattern Analysis and Machine Intelligence", "bioRxiv", "medRxiv",
        "arXiv"}) {
    EXPECT_TRUE(titles.contains(journal)) << journal;
  }
  const SourceEntry* arxiv = c->find("arxiv");
  ASSERT_NE(arxiv, nullptr);
  EXPECT_TRUE(arxiv->enabled);
  EXPECT_TRUE(arxiv->cadence.at);
  ASSERT_NE(c->find("nature-methods.crossref"), nullptr);
  ASSERT_NE(c->find("nature-methods.feed"), nullptr);
  EXPECT_EQ(c->find("nature-methods.crossref")->crossref()->issns,
            (std::vector<std::string>{"1548-7091", "1548-7105"}));
  EXPECT_GE(c->sources.size(), 60u);
}

TEST(Catalogue, FormatEntryReadsBackEqual) {
  auto c = parse_catalogue(kGood, "f.toml");
  ASSERT_TRUE(c);
  SourceEntry odd = c->sources[2];
  odd.title = "Quotes \" and \\ backslash, 中文";
  std::get<FeedParams>(odd.params).venue = "Tab\there";
  c->sources.push_back(odd);
  c->sources.back().name = "odd";
  for (SourceEntry e : c->sources) {
    auto back = parse_catalogue(format_entry(e), "f.toml");
    ASSERT_TRUE(back) << back.error().message << "\n" << format_entry(e);
    ASSERT_EQ(back->sources.size(), 1u);
    SourceEntry read = back->sources[0];
    read.line = e.line = 0;
    EXPECT_EQ(read, e) << format_entry(e);
  }
}

// Entries the commands and the API add look like the default file's: basic strings in double
// quotes (escaped where TOML needs it), never literal strings in single quotes.
TEST(Catalogue, FormatEntryWritesDoubleQuotedStringsLikeTheDefaultFile) {
  SourceEntry e;
  e.name = "my-feed";
  e.kind = Kind::feed;
  e.title = "Say \"hi\" \\ tab\t, 中文";
  e.cadence = Cadence{std::chrono::hours(2), std::nullopt};
  e.params = FeedParams{"https://journal.example.org/toc.xml", "Journal of Examples"};
  EXPECT_EQ(format_entry(e),
            "[[source]]\nname = \"my-feed\"\nkind = \"feed\"\n"
            "title = \"Say \\\"hi\\\" \\\\ tab\\t, 中文\"\nenabled = true\nevery = \"2h\"\n"
            "url = \"https://journal.example.org/toc.xml\"\nvenue = \"Journal of Examples\"\n");
  e.kind = Kind::crossref;
  e.params = CrossrefParams{{"1548-7091", "1548-7105"}};
  EXPECT_NE(format_entry(e).find("issns = [\"1548-7091\", \"1548-7105\"]\n"), std::string::npos)
      << format_entry(e);
}

TEST(Catalogue, JsonReadsBackEqualAndIsValidatedLikeTheFile) {
  auto c = parse_catalogue(kGood, "f.toml");
  ASSERT_TRUE(c);
  for (SourceEntry e : c->sources) {
    if (e.title.empty()) e.title = e.name;  // the JSON always carries a title
    e.line = 0;
    auto back = entry_from_json(entry_json(e));
    ASSERT_TRUE(back) << back.error().message << "\n" << entry_json(e);
    EXPECT_EQ(*back, e) << entry_json(e);
  }
  auto json = nlohmann::json::parse(entry_json(c->sources[0]));
  EXPECT_EQ(json["host"], "api.crossref.org");
  EXPECT_EQ(json["every"], "6h");

  auto bad = entry_from_json(R"({"name": "x", "kind": "crossref", "issns": ["1234-5678"]})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.rfind("source 'x': key 'issns': \"1234-5678\" is not an ISSN", 0),
            0u)
      << bad.error().message;
  auto typed = entry_from_json(R"({"name": "x", "kind": "pubmed", "term": 3})");
  ASSERT_FALSE(typed);
  EXPECT_NE(typed.error().message.find("key 'term': expected a string"), std::string::npos);
  auto unknown = entry_from_json(R"({"name": "x", "kind": "pubmed", "term": "t", "rows": 5})");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("key 'rows': unknown for kind pubmed"), std::string::npos);
  EXPECT_FALSE(entry_from_json("[1]"));
  EXPECT_FALSE(entry_from_json("not json"));
}

}  // namespace
}  // namespace ah::catalogue
