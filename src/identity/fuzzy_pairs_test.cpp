// The fuzzy match measured on real pairs: records read from the recordings in ../shared/fixtures
// (OpenAlex, Semantic Scholar and PubMed answers to one query; bioRxiv and medRxiv pages; the
// Nature feed), paired, and judged by their identifiers (two records are one work when they share
// a DOI, PMID, arXiv id...). Prints the precision/recall table behind kMatchThreshold (fuzzy.h)
// and holds the threshold to it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "identity/family.h"
#include "identity/fuzzy.h"
#include "identity/links.h"
#include "tests/support/fixtures.h"

namespace ah::identity {
namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

void add_id(core::Paper& p, const char* scheme, const std::string& value) {
  if (auto id = core::normalize_identifier(scheme, value)) p.other_ids.push_back(*id);
}

std::vector<core::Paper> openalex(const std::filesystem::path& dir) {
  std::vector<core::Paper> out;
  const json page =
      json::parse(ah::testing::read_file(dir / "openalex/works_search_filter_dates_50.json"));
  for (const json& w : page["results"]) {
    core::Paper p;
    p.source = core::source::kOpenalex;
    p.title = str(w, "title");
    p.published = str(w, "publication_date");
    p.type = str(w, "type") == "preprint"    ? core::WorkType::preprint
             : str(w, "type") == "editorial" ? core::WorkType::editorial
                                             : core::WorkType::article;
    add_id(p, "doi", str(w, "doi"));
    add_id(p, "openalex", str(w, "id"));
    if (w.contains("ids") && w["ids"].contains("pmid")) add_id(p, "pmid", str(w["ids"], "pmid"));
    for (const json& a : w["authorships"]) p.authors.push_back({str(a["author"], "display_name")});
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<core::Paper> semantic_scholar(const std::filesystem::path& dir) {
  std::vector<core::Paper> out;
  const json page = json::parse(
      ah::testing::read_file(dir / "semanticscholar/paper_search_relevance_fullfields.json"));
  for (const json& w : page["data"]) {
    core::Paper p;
    p.source = core::source::kSemanticScholar;
    p.title = str(w, "title");
    p.published = str(w, "publicationDate");
    if (p.published.empty() && w["year"].is_number())
      p.published = std::to_string(w["year"].get<int>());
    add_id(p, "s2", str(w, "paperId"));
    const json& ext = w["externalIds"];
    if (ext.is_object()) {
      add_id(p, "doi", str(ext, "DOI"));
      add_id(p, "pmid", str(ext, "PubMed"));
      add_id(p, "arxiv", str(ext, "ArXiv"));
    }
    for (const json& a : w["authors"]) p.authors.push_back({str(a, "name")});
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<core::Paper> pubmed(const std::filesystem::path& dir) {
  std::vector<core::Paper> out;
  pugi::xml_document doc;
  const std::string text = ah::testing::read_file(dir / "pubmed/efetch_pubmed_50_articles.xml");
  EXPECT_TRUE(doc.load_buffer(text.data(), text.size()));
  for (const pugi::xpath_node& n : doc.select_nodes("//PubmedArticle")) {
    const pugi::xml_node a = n.node();
    core::Paper p;
    p.source = core::source::kPubmed;
    const pugi::xml_node title = a.select_node(".//ArticleTitle").node();
    for (const pugi::xpath_node& t : title.select_nodes(".//text()")) p.title += t.node().value();
    p.published = a.select_node(".//Article/Journal/JournalIssue/PubDate/Year").node().text().get();
    for (const pugi::xpath_node& au : a.select_nodes(".//AuthorList/Author")) {
      const std::string name = std::string(au.node().child("ForeName").text().get()) + " " +
                               au.node().child("LastName").text().get();
      p.authors.push_back({name});
    }
    for (const pugi::xpath_node& id : a.select_nodes(".//PubmedData/ArticleIdList/ArticleId")) {
      const std::string type = id.node().attribute("IdType").value();
      const std::string value = id.node().text().get();
      if (type == "doi") add_id(p, "doi", value);
      if (type == "pubmed") add_id(p, "pmid", value);
      if (type == "pmc") add_id(p, "pmcid", value);
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<core::Paper> preprints(const std::filesystem::path& file, const char* source) {
  std::vector<core::Paper> out;
  const json page = json::parse(ah::testing::read_file(file));
  for (const json& w : page["collection"]) {
    core::Paper p;
    p.source = source;
    p.type = core::WorkType::preprint;
    p.title = str(w, "title");
    p.published = str(w, "date");
    add_id(p, "doi", str(w, "doi"));
    const std::string authors = str(w, "authors");
    for (size_t start = 0; start < authors.size();) {
      size_t end = authors.find(';', start);
      if (end == std::string::npos) end = authors.size();
      std::string name = authors.substr(start, end - start);
      while (!name.empty() && name.front() == ' ') name.erase(0, 1);
      if (!name.empty()) p.authors.push_back({name});
      start = end + 1;
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<core::Paper> nature(const std::filesystem::path& dir) {
  std::vector<core::Paper> out;
  pugi::xml_document doc;
  const std::string text =
      ah::testing::read_file(dir / "journal-rss/nature_current_issue_rss1_rdf.xml");
  EXPECT_TRUE(doc.load_buffer(text.data(), text.size()));
  for (pugi::xml_node item = doc.first_child().child("item"); item;
       item = item.next_sibling("item")) {
    core::Paper p;
    p.source = core::source::kJournalFeed;
    p.title = item.child("title").text().get();
    p.published = item.child("dc:date").text().get();
    add_id(p, "doi", item.child("prism:doi").text().get());
    for (pugi::xml_node c = item.child("dc:creator"); c; c = c.next_sibling("dc:creator")) {
      p.authors.push_back({c.text().get()});
    }
    // News and views (d41586-...) are not research: the feed's type is "News" or similar.
    const std::string url = item.attribute("rdf:about").value();
    p.type = url.find("/d41586-") != std::string::npos ? core::WorkType::editorial
                                                       : core::WorkType::article;
    out.push_back(std::move(p));
  }
  return out;
}

bool same_work(const core::Paper& a, const core::Paper& b) {
  const auto ia = identifiers(a), ib = identifiers(b);
  for (const core::Identifier& x : ia) {
    for (const core::Identifier& y : ib) {
      if (x == y) return true;
    }
  }
  return false;
}

struct Pair {
  const core::Paper* a;
  const core::Paper* b;
  bool truth;
  std::string set;
};

TEST(FuzzyPairs, ThresholdHoldsOnRealPairs) {
  auto dir = ah::testing::shared_fixtures_dir();
  if (!dir) GTEST_SKIP() << "../shared/fixtures is absent";
  const std::vector<core::Paper>
      oa = openalex(*dir),
      s2 = semantic_scholar(*dir), pm = pubmed(*dir),
      bio = preprints(*dir / "biorxiv/details_biorxiv_interval_2020_2022_cursor0.json", "biorxiv"),
      med = preprints(*dir / "biorxiv/details_medrxiv_interval_2020_2022_cursor0.json", "medrxiv"),
      bio2 = preprints(*dir / "biorxiv/details_biorxiv_doi_2_versions.json", "biorxiv"),
      nat = nature(*dir);
  ASSERT_EQ(oa.size(), 50u);
  ASSERT_EQ(s2.size(), 50u);
  ASSERT_EQ(pm.size(), 50u);
  ASSERT_EQ(nat.size(), 75u);

  std::vector<Pair> pairs;
  auto cross = [&](const std::vector<core::Paper>& x, const std::vector<core::Paper>& y,
                   const char* set) {
    for (const core::Paper& a : x) {
      for (const core::Paper& b : y) pairs.push_back({&a, &b, same_work(a, b), set});
    }
  };
  auto within = [&](const std::vector<core::Paper>& x, const char* set) {
    for (size_t i = 0; i < x.size(); ++i) {
      for (size_t j = i + 1; j < x.size(); ++j) {
        // Versions of one preprint repeat the same version's record: only distinct versions.
        if (x[i].title == x[j].title && x[i].published == x[j].published) continue;
        pairs.push_back({&x[i], &x[j], same_work(x[i], x[j]), set});
      }
    }
  };
  cross(oa, s2, "openalex x s2");
  cross(oa, pm, "openalex x pubmed");
  cross(s2, pm, "s2 x pubmed");
  within(bio, "biorxiv versions");
  within(med, "medrxiv versions");
  within(bio2, "biorxiv versions");
  within(nat, "nature feed");
  // Within one OpenAlex answer: two records of one title, authors and year under two DOIs (a
  // duplicate publication). The store never compares them (fuzzy matching never joins two
  // records of one family); reported, not counted.
  within(oa, "openalex within");
  // The feed's author corrections against their articles (same authors, titles without the
  // prefix, two months older): notices must never match.
  std::vector<core::Paper> originals;
  for (const core::Paper& p : nat) {
    if (p.title.starts_with("Author Correction: ")) {
      core::Paper o = p;
      o.title = p.title.substr(std::string_view("Author Correction: ").size());
      o.other_ids.clear();
      o.published = "2024-06-01";
      originals.push_back(o);
    }
  }
  ASSERT_EQ(originals.size(), 2u);
  size_t k = 0;
  for (const core::Paper& p : nat) {
    if (p.title.starts_with("Author Correction: "))
      pairs.push_back({&p, &originals[k++], false, "corrections"});
  }

  size_t positives = 0;
  double highest_false = 0;
  std::string highest_false_pair;
  std::vector<double> true_scores;
  std::vector<std::pair<double, bool>> scored;
  for (const Pair& p : pairs) {
    const Match m = fuzzy_match(*p.a, *p.b);
    if (p.set == "openalex within") {
      if (m.accepted) {
        fmt::print("same family, not compared by the store: {:.2f} {} | {}\n", m.score, p.a->title,
                   p.b->title);
      }
      continue;
    }
    scored.emplace_back(m.score, p.truth);
    if (p.truth) {
      ++positives;
      true_scores.push_back(m.score);
      fmt::print("true pair ({}): {:.2f} {} | {}\n", p.set, m.score, p.a->title.substr(0, 60),
                 p.b->title.substr(0, 60));
    } else if (m.score > highest_false) {
      highest_false = m.score;
      highest_false_pair = p.set + ": " + p.a->title + " | " + p.b->title;
    }
  }
  std::map<std::string, size_t> per_set;
  for (const Pair& p : pairs) ++per_set[p.set];
  for (const auto& [set, n] : per_set) fmt::print("  {}: {} pairs\n", set, n);
  fmt::print("{} pairs compared, {} true; highest false pair {:.3f} ({})\n", scored.size(),
             positives, highest_false, highest_false_pair);
  fmt::print("threshold  accepted-true  accepted-false  precision  recall\n");
  for (double t : {0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, kMatchThreshold, 0.95, 1.0}) {
    size_t tp = 0, fp = 0;
    for (const auto& [score, truth] : scored) {
      if (score >= t) (truth ? tp : fp)++;
    }
    fmt::print("{:9.2f}  {:13}  {:14}  {:9.2f}  {:6.2f}\n", t, tp, fp,
               tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1.0,
               static_cast<double>(tp) / static_cast<double>(positives));
  }
  size_t tp = 0, fp = 0;
  for (const auto& [score, truth] : scored) {
    if (score >= kMatchThreshold) (truth ? tp : fp)++;
  }
  EXPECT_EQ(fp, 0u) << "a false pair reaches the threshold: " << highest_false_pair;
  EXPECT_GE(tp, 8u) << "every true pair whose title survived should match";
  EXPECT_LT(highest_false, kMatchThreshold - 0.1) << "a margin below the threshold";
}

}  // namespace
}  // namespace ah::identity
