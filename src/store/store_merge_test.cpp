// The write path of merging records, on the SQLite backend: how records are grouped into
// transactions changes nothing that is stored (the path keeps a paper's records in memory
// between reading and writing them, and that must be what a fresh read would give), every
// merged paper is the merge of its stored records, and the fuzzy lookup finds papers by their
// titles' rarest words.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sstream>
#include <string>
#include <vector>

#include "identity/merge.h"
#include "store/paper_store.h"
#include "store/sqlite/index_checks_for_tests.h"
#include "tests/support/fixtures.h"

namespace ah::store {
namespace {

using core::Paper;

Paper arxiv(std::string id, int version, std::string title, std::string published) {
  Paper p;
  p.arxiv_id = std::move(id);
  p.version = version;
  p.title = p.title_display = std::move(title);
  p.abstract = p.abstract_display = fmt::format("Abstract of {} version {}.", p.arxiv_id, version);
  p.authors = {{"Ana Lee", "MIT"}, {"John Smith", ""}, {"Wei Zhang", ""}};
  p.categories = {"cs.CL", "cs.LG"};
  p.published = published;
  p.version_date = version == 1 ? published : fmt::format("2024-0{}-01T00:00:00Z", version + 2);
  for (int v = 1; v <= version; ++v) {
    p.versions.push_back({v, v == 1 ? published : fmt::format("2024-0{}-01T00:00:00Z", v + 2), ""});
  }
  p.source = core::source::kArxivOai;
  return p;
}

Paper crossref(std::string doi, std::string title, std::string published) {
  Paper p;
  p.doi = std::move(doi);
  p.source_id = p.doi;
  p.title = p.title_display = std::move(title);
  p.authors = {{"Lee, Ana", ""}, {"Smith, John", ""}, {"Zhang, Wei", ""}};
  p.published = std::move(published);
  p.venue = "Journal of Tests";
  p.volume = "12";
  p.type = core::WorkType::article;
  p.source = core::source::kCrossref;
  return p;
}

template <typename Edit>
Paper with(Paper p, Edit edit) {
  edit(p);
  return p;
}

// Records in the order an import meets them: new papers, later and older versions, journal
// records joining by DOI, by relation and by title, a record updating a merged paper, repeats,
// a record that links two papers (which fold into one), an arXiv record joining a journal-only
// paper, and a correction notice.
std::vector<Paper> merge_mix() {
  const std::string t1 = "Sparse Attention for Long Documents in Transformers";
  const std::string t2 = "Calibrated Uncertainty Estimates for Graph Neural Networks";
  std::vector<Paper> out;
  out.push_back(arxiv("2401.00001", 1, t1, "2024-01-10T12:00:00Z"));
  out.push_back(arxiv("2401.00002", 1, t2, "2024-01-11T12:00:00Z"));
  out.push_back(with(arxiv("2401.00003", 1, "Kernel Methods for Protein Folding Dynamics",
                           "2024-01-12T12:00:00Z"),
                     [](Paper& p) { p.doi = "10.1000/j.3"; }));
  out.push_back(with(arxiv("2401.00001", 2, t1, "2024-01-10T12:00:00Z"),
                     [](Paper& p) { p.comment = "12 pages"; }));
  out.push_back(with(crossref("10.1000/j.1", t1, "2024-05-02"), [](Paper& p) {
    p.relations.push_back({core::RelationType::has_preprint, {"arxiv", "2401.00001"}});
    p.abstract = p.abstract_display = "The journal's abstract.";
  }));
  out.push_back(crossref("10.1000/j.3", "Kernel Methods for Protein Folding Dynamics",
                         "2024-06-01"));
  out.push_back(crossref("10.1000/j.2", t2, "2024-06-20"));  // by title alone
  out.push_back(with(arxiv("2401.00001", 3, t1, "2024-01-10T12:00:00Z"),
                     [](Paper& p) { p.comment = "final version"; }));
  out.push_back(with(crossref("10.1000/j.1", t1, "2024-05-02"), [](Paper& p) {
    p.relations.push_back({core::RelationType::has_preprint, {"arxiv", "2401.00001"}});
    p.abstract = p.abstract_display = "The journal's abstract, corrected.";
    p.pages = "100-110";
  }));
  out.push_back(out.back());                                          // unchanged repeat
  out.push_back(arxiv("2401.00001", 1, t1, "2024-01-10T12:00:00Z"));  // an older version
  // Two papers, then a record naming both: they fold into one.
  out.push_back(crossref("10.1000/j.5", "Robust Planning under Partial Observability",
                         "2024-03-01"));
  out.push_back(arxiv("2401.00005", 1, "Planning Robustly under Partial Observability",
                      "2024-01-15T12:00:00Z"));
  out.push_back(with(Paper{}, [](Paper& p) {
    p.source = core::source::kOpenalex;
    p.source_id = "W123";
    p.title = p.title_display = "Robust Planning under Partial Observability";
    p.doi = "10.1000/j.5";
    p.other_ids = {{"openalex", "W123"}, {"arxiv", "2401.00005"}};
    p.published = "2024-03-01";
  }));
  // A journal-only paper (PubMed), then the arXiv record that names its DOI.
  out.push_back(with(Paper{}, [](Paper& p) {
    p.source = core::source::kPubmed;
    p.source_id = "1234";
    p.other_ids = {{"pmid", "1234"}};
    p.doi = "10.1000/j.4";
    p.title = p.title_display = "Gut Microbiota and Sleep Quality in Adults";
    p.abstract = p.abstract_display = "PubMed's abstract.";
    p.authors = {{"Ana Lee", ""}};
    p.published = "2024-04-01";
  }));
  out.push_back(with(arxiv("2401.00004", 1, "Gut Microbiota and Sleep Quality in Adults",
                           "2024-01-14T12:00:00Z"),
                     [](Paper& p) { p.doi = "10.1000/j.4"; }));
  // A correction of the article of 2401.00003.
  out.push_back(with(crossref("10.1000/corr.3", "Correction: Kernel Methods for Protein Folding",
                              "2024-07-01"),
                     [](Paper& p) {
                       p.type = core::WorkType::correction;
                       p.relations.push_back({core::RelationType::updates, {"doi", "10.1000/j.3"}});
                     }));
  return out;
}

// Every stored row that the write path decides (times of day left out: they are the clock's),
// and every term of the full-text index with its places.
std::string dump(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  std::string out;
  auto run = [&](const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
      return;
    }
    out += sql + "\n";
    while (sqlite3_step(s) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(s); ++i) {
        const unsigned char* t = sqlite3_column_text(s, i);
        out += (i ? " | " : "  ") + std::string(t ? reinterpret_cast<const char*>(t) : "NULL");
      }
      out += "\n";
    }
    sqlite3_finalize(s);
  };
  for (const char* sql : {
           "SELECT * FROM papers ORDER BY id",
           "SELECT * FROM paper_ids ORDER BY scheme, value",
           "SELECT * FROM paper_versions ORDER BY paper_id, version",
           "SELECT * FROM paper_authors ORDER BY paper_id, position",
           "SELECT * FROM paper_categories ORDER BY paper_id, position",
           "SELECT paper_id, source FROM paper_sources ORDER BY paper_id, source",
           // A day whose paper moved away in a later transaction keeps a row of 0 papers; a
           // batch that adds and moves it in one transaction writes none: the same count.
           "SELECT * FROM paper_days WHERE papers <> 0 ORDER BY day",
           "SELECT * FROM records ORDER BY family, source_id",
           "SELECT paper_uid, record_id, record_key, kind, reason FROM merges ORDER BY id",
           "SELECT * FROM paper_aliases ORDER BY uid",
           "SELECT * FROM notices ORDER BY target_scheme, target_value, notice_key",
           "SELECT * FROM match_keys ORDER BY key, day, paper_uid",
           "SELECT * FROM store_counters ORDER BY name",
       }) {
    run(sql);
  }
  EXPECT_EQ(sqlite3_exec(db,
                         "CREATE VIRTUAL TABLE temp.terms USING "
                         "fts5vocab('main', 'paper_fts', 'instance')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  run("SELECT term, doc, col, offset FROM temp.terms ORDER BY term, doc, col, offset");
  EXPECT_EQ(sqlite::title_index_differences(db), 0) << "the titles' index holds other titles";
  // The index agrees with the rows it indexes (a 'delete' with other values than were indexed
  // would leave it inconsistent).
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO paper_fts (paper_fts) VALUES ('integrity-check')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  return out;
}

// The first line where two dumps differ, with the table it is in ("" when equal).
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb, table;
  for (int n = 1;; ++n) {
    const bool more_a = static_cast<bool>(std::getline(sa, la));
    const bool more_b = static_cast<bool>(std::getline(sb, lb));
    if (!more_a && !more_b) return "";
    if (la.starts_with("SELECT")) table = la;
    if (!more_a || !more_b || la != lb) {
      return fmt::format("line {} (in {}):\n  one at a time: {}\n  in batches:    {}", n, table,
                         more_a ? la : "(end)", more_b ? lb : "(end)");
    }
  }
}

struct Stored {
  std::string dump;
  UpsertCounts counts;
};

// Stores `records` in batches of `batch` (each batch one upsert), in bulk-load mode or not.
Stored store_in_batches(const std::vector<Paper>& records, size_t batch, bool bulk) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  Stored out;
  {
    auto store = open_sqlite(file, bulk ? SqliteOptions::bulk_load_mode() : SqliteOptions{});
    EXPECT_TRUE(store.has_value()) << store.error().message;
    if (!store) return out;
    for (size_t i = 0; i < records.size(); i += batch) {
      const std::span<const Paper> part(records.data() + i, std::min(batch, records.size() - i));
      auto c = (*store)->upsert(part, {});
      EXPECT_TRUE(c.has_value()) << c.error().message;
      if (!c) return out;
      out.counts.inserted += c->inserted;
      out.counts.updated += c->updated;
      out.counts.unchanged += c->unchanged;
      out.counts.merged += c->merged;
      out.counts.rejected += c->rejected;
    }
    EXPECT_TRUE((*store)->end_bulk_load().has_value());
  }
  out.dump = dump(file);
  return out;
}

TEST(MergeWritePath, BatchesOfAnySizeStoreWhatOneRecordAtATimeStores) {
  const std::vector<Paper> records = merge_mix();
  for (bool bulk : {false, true}) {
    const Stored one = store_in_batches(records, 1, bulk);
    ASSERT_FALSE(one.dump.empty());
    for (size_t batch : {size_t{3}, size_t{7}, records.size()}) {
      const Stored many = store_in_batches(records, batch, bulk);
      EXPECT_EQ(first_difference(one.dump, many.dump), "")
          << "batches of " << batch << (bulk ? ", bulk load" : "");
      EXPECT_EQ(many.counts.inserted, one.counts.inserted);
      EXPECT_EQ(many.counts.updated, one.counts.updated);
      EXPECT_EQ(many.counts.unchanged, one.counts.unchanged);
      EXPECT_EQ(many.counts.merged, one.counts.merged);
    }
  }
}

TEST(MergeWritePath, EveryMergedPaperIsTheMergeOfItsStoredRecords) {
  ah::testing::TempDir dir;
  auto store = open_sqlite(dir.path() / "papers.db");
  ASSERT_TRUE(store.has_value()) << store.error().message;
  const std::vector<Paper> records = merge_mix();
  ASSERT_TRUE((*store)->upsert(records, {}).has_value());
  int merged_papers = 0;
  for (const char* id : {"2401.00001", "2401.00002", "2401.00003", "2401.00004", "2401.00005"}) {
    SCOPED_TRACE(id);
    auto got = (*store)->get(id);
    ASSERT_TRUE(got.has_value() && got->has_value()) << id;
    const Paper& paper = **got;
    auto stored = (*store)->records(paper.paper_id);
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    if (stored->size() < 2) continue;
    ++merged_papers;
    std::vector<identity::Record> in;
    for (const StoredRecord& r : *stored) in.push_back({r.record_id, r.content});
    // The correction's notice is the store's; the fields compared here do not depend on it.
    const Paper m = identity::merge_records(in).paper;
    EXPECT_EQ(paper.title, m.title);
    EXPECT_EQ(paper.abstract, m.abstract);
    EXPECT_EQ(paper.doi, m.doi);
    EXPECT_EQ(paper.arxiv_id, m.arxiv_id);
    EXPECT_EQ(paper.version, m.version);
    EXPECT_EQ(paper.versions, m.versions);
    EXPECT_EQ(paper.authors, m.authors);
    EXPECT_EQ(paper.categories, m.categories);
    EXPECT_EQ(paper.comment, m.comment);
    EXPECT_EQ(paper.venue, m.venue);
    EXPECT_EQ(paper.pages, m.pages);
    EXPECT_EQ(paper.published, m.published);
    EXPECT_EQ(paper.field_sources, m.field_sources);
  }
  EXPECT_EQ(merged_papers, 5);
}

// ---- the fuzzy lookup's words -------------------------------------------------------------------

Paper dated_arxiv(int n, std::string title, std::vector<core::Author> authors) {
  Paper p = arxiv(fmt::format("2402.{:05d}", n), 1, std::move(title),
                  fmt::format("2024-02-{:02d}T12:00:00Z", 1 + n % 28));
  p.authors = std::move(authors);
  return p;
}

struct FuzzyCase {
  const char* name;
  std::string title;           // of the arXiv paper and its journal article
  std::string crowd_title;     // 40 newer papers of other authors with these words
  std::string journal_title;   // "" for `title`
  bool joins;
};

TEST(FuzzyLookup, FindsTitlesByTheirRarestWordsAndKeepsNoticesApart) {
  const FuzzyCase cases[] = {
      // The longest words are on every paper of the crowd: the newest 20 of those were all the
      // lookup saw when it asked by the longest words.
      {"LongestWordsAreCommon",
       "Representations Generalization Convolutional Kestrel Nets",
       "Representations Generalization Convolutional Study {}", "", true},
      // The rare word is the third longest: the rarest words are the longest again, in another
      // order, and asked together their pair of common words filled the newest 20 alone (26 of
      // the 1M merge benchmark's 20,000 title-only records stayed apart so).
      {"RareWordIsAmongTheLongest", "Representations Generalization Kestrels Flight",
       "Representations Generalization Flight Study {}", "", true},
      // One title word, and the crowd has it: the whole title as a phrase finds the paper.
      {"OneTitleWordAmongFunctionWords", "Kestrels: What They Are and Why", "Kestrels in the {}",
       "", true},
      // Only words of three letters or fewer (none was a candidate word before).
      {"ShortWordsOnly", "Big Owl, Shy Fox: Why So Sly", "Big Ideas on {}", "", true},
      {"OneWordChanged", "Quantum Walks on Sparse Random Hypergraphs",
       "Quantum Walks in Practice {}", "Quantum Walks on Sparse Random Hypergraph", true},
      // A notice of the paper is never matched by its title (the title alone says so here).
      {"AuthorCorrection", "Representations of Kestrel Flight Patterns", "Flight Patterns {}",
       "Author Correction: Representations of Kestrel Flight Patterns", false},
      {"Reply", "Sparse Grids for Ocean Models", "Ocean Models {}",
       "Reply to: Sparse Grids for Ocean Models", false},
  };
  for (const FuzzyCase& c : cases) {
    SCOPED_TRACE(c.name);
    ah::testing::TempDir dir;
    auto store = open_sqlite(dir.path() / "papers.db");
    ASSERT_TRUE(store.has_value()) << store.error().message;
    std::vector<Paper> batch{dated_arxiv(1, c.title, {{"Jan Kowalski", ""}, {"Maria Novak", ""}})};
    for (int i = 0; i < 40; ++i) {
      batch.push_back(dated_arxiv(
          100 + i, fmt::format(fmt::runtime(c.crowd_title), fmt::format("number {}", i)),
          {{fmt::format("Author{} Person", i), ""}, {"Someone Else", ""}}));
    }
    ASSERT_TRUE((*store)->upsert(batch, {}).has_value());
    Paper article = crossref("10.1000/fuzzy", c.journal_title.empty() ? c.title : c.journal_title,
                             "2024-09-01");
    article.authors = {{"Kowalski, Jan", ""}, {"Novak, Maria", ""}};
    auto counts = (*store)->upsert(std::span(&article, 1), {});
    ASSERT_TRUE(counts.has_value()) << counts.error().message;
    EXPECT_EQ(counts->merged, c.joins ? 1 : 0);
    auto paper = (*store)->get("2402.00001");
    ASSERT_TRUE(paper.has_value() && paper->has_value());
    EXPECT_EQ((*paper)->records.size(), c.joins ? 2u : 1u);
  }
}

// ---- title lookups between merges ---------------------------------------------------------------

// Rows of the full-text index's data table (each new segment adds at least one).
std::int64_t fts_data_rows(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  std::int64_t n = -1;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM paper_fts_data", -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW) {
    n = sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

// Twenty arXiv papers of distinct titles (2401.00001 ..), each with a DOI of its own.
std::vector<Paper> titled_papers() {
  static const char* kAdjectives[] = {"Sparse",    "Calibrated", "Kernel",       "Robust",
                                      "Bayesian",  "Adaptive",   "Federated",    "Contrastive",
                                      "Gradual",   "Stochastic", "Variational",  "Recurrent",
                                      "Geometric", "Spectral",   "Causal",       "Symbolic",
                                      "Temporal",  "Quantum",    "Evolutionary", "Lattice"};
  static const char* kTopics[] = {"Attention",  "Uncertainty",  "Protein",     "Planning",
                                  "Inference",  "Control",      "Retrieval",   "Clustering",
                                  "Optimizers", "Autoencoders", "Memory",      "Tokenizers",
                                  "Discovery",  "Regression",   "Forecasting", "Annealing",
                                  "Rendering",  "Compilers",    "Sequencing",  "Robotics"};
  std::vector<Paper> out;
  for (int i = 0; i < 20; ++i) {
    const std::string title =
        fmt::format("{} {} for {} Workloads", kAdjectives[i], kTopics[i], kTopics[(i + 7) % 20]);
    out.push_back(with(arxiv(fmt::format("2401.{:05d}", i + 1), 1, title,
                             fmt::format("2024-01-{:02d}T12:00:00Z", i + 1)),
                       [&](Paper& p) { p.doi = fmt::format("10.1000/a.{}", i + 1); }));
  }
  return out;
}

TEST(MergeWritePath, TitleLookupsBetweenMergesAddNoSegmentEach) {
  // A record joining by DOI rewrites its paper's index entry (noted, written before the
  // commit); a title lookup after it used to write every noted row first, which made a new
  // segment of the index per lookup. A rewritten row whose title is unchanged answers a title
  // query as it is indexed, so no write is needed.
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  auto store = open_sqlite(file, SqliteOptions::bulk_load_mode());
  ASSERT_TRUE(store.has_value()) << store.error().message;
  const std::vector<Paper> papers = titled_papers();
  ASSERT_TRUE((*store)->upsert(papers, {}).has_value());
  const std::int64_t before = fts_data_rows(file);
  std::vector<Paper> journal;
  for (int i = 0; i < 10; ++i) {
    journal.push_back(crossref(papers[i].doi, papers[i].title, "2024-05-02"));  // by DOI
    journal.push_back(crossref(fmt::format("10.1000/b.{}", i), papers[i + 10].title,
                               "2024-05-02"));  // by title alone
  }
  auto counts = (*store)->upsert(journal, {});
  ASSERT_TRUE(counts.has_value()) << counts.error().message;
  EXPECT_EQ(counts->merged, 20);
  const std::int64_t after = fts_data_rows(file);
  EXPECT_LE(after - before, 5) << "rows of paper_fts_data: " << before << " -> " << after;
  ASSERT_TRUE((*store)->end_bulk_load().has_value());
}

TEST(MergeWritePath, TitleLookupsSeeTitlesChangedEarlierInTheBatch) {
  // A paper's new title (a later version), then in the same batch a journal record of that
  // title alone: the lookup must find the paper by its new title (the noted row is written
  // first); a record of another paper's title, new in the same batch, likewise.
  const std::vector<Paper> papers = titled_papers();
  for (bool bulk : {false, true}) {
    SCOPED_TRACE(bulk ? "bulk load" : "normal");
    ah::testing::TempDir dir;
    auto store = open_sqlite(dir.path() / "papers.db",
                             bulk ? SqliteOptions::bulk_load_mode() : SqliteOptions{});
    ASSERT_TRUE(store.has_value()) << store.error().message;
    ASSERT_TRUE((*store)->upsert(std::span(papers).first(10), {}).has_value());
    const std::string renamed = "Hyperbolic Embeddings of Citation Graphs";
    // A new paper dated before the renamed one: its row id is below the highest row the batch
    // has written to the index by then, so it is noted, not written at once.
    const Paper earlier = with(papers[15], [](Paper& p) {
      p.published = p.version_date = p.versions[0].date = "2023-12-15T12:00:00Z";
    });
    std::vector<Paper> batch{
        with(arxiv("2401.00010", 2, renamed, "2024-01-10T12:00:00Z"),
             [](Paper& p) { p.doi = "10.1000/a.10"; }),
        crossref("10.1000/c.1", renamed, "2024-05-02"),
        earlier,
        crossref("10.1000/c.2", earlier.title, "2024-05-02"),
    };
    auto counts = (*store)->upsert(batch, {});
    ASSERT_TRUE(counts.has_value()) << counts.error().message;
    EXPECT_EQ(counts->merged, 2);
    for (const char* id : {"2401.00010", "2401.00016"}) {
      auto paper = (*store)->get(id);
      ASSERT_TRUE(paper.has_value() && paper->has_value()) << id;
      EXPECT_EQ((*paper)->records.size(), 2u) << id;
    }
    EXPECT_TRUE((*store)->end_bulk_load().has_value());
  }
}

}  // namespace
}  // namespace ah::store
