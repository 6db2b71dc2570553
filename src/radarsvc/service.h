// The research radar as a product: radars kept in the store (store/radar_store.h) ranked over one
// FeatureIndex of the store's papers (radar/feature_index.h), their learned models cached between
// requests, and feeds paged in sessions (换一批) that never repeat a paper.
//
//  - The index is built on first use from every paper of the store (PaperStore::papers_after)
//    but notices about other works (corrections, errata, retractions: their news is the work's
//    status, not a paper to rank),
//    grown with FeatureIndex::add by the papers the store has gained since (checked on every
//    feed), and rebuilt when the store has grown by ServiceOptions::rebuild_growth since the
//    last build (phrases seen only in added papers, and word vectors, wait for a rebuild).
//  - A learned radar (radar::Radar) is cached per radar id with the store's revision it was
//    learned from; a changed revision (an edit, a vote, here or in another process) retrains it
//    with Radar::update, warm-started, so a vote costs milliseconds; a rebuilt index drops them.
//  - A feed ranks the window's papers, keeps out seeds, 👎, dismissed and read papers and those
//    shown earlier in the session, and picks the batch by MMR (radar/batch.h). The session is in
//    the cursor; each batch is remembered as shown before it is returned.
//
// Thread-safety: every method may be called concurrently (the server's workers), each with its
// own store connection. Ranking and training read the index under a shared lock; growing it
// takes the exclusive lock for the adds only (a rebuild is made aside and swapped in); one
// thread at a time syncs the index with the store, others go on with the index as it is.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/paper.h"
#include "radar/batch.h"
#include "radar/feature_index.h"
#include "radar/radar.h"
#include "radar/ranker.h"
#include "store/paper_store.h"
#include "store/radar_store.h"

namespace ah::radarsvc {

struct ServiceOptions {
  radar::IndexOptions index;
  radar::RadarOptions radar;
  radar::MmrOptions mmr;
  // The index is rebuilt (not grown) once the store has this fraction more papers than at the
  // last build: added papers miss the phrases and word vectors a build learns. Default 0.5.
  double rebuild_growth = 0.5;
  // Papers read from the store per call while building or growing the index.
  int read_batch = 5'000;
  // Threads one large ranking uses (radar::RankRequest::threads): 2, the machine's cores.
  int rank_threads = 2;
  // English search terms for a description written in another language (Chinese), added to
  // the description the radar's BM25 signal reads, so a Chinese radar finds English papers.
  // Called when a radar is learned, under the index's shared lock: nullopt (no LLM, nothing
  // cached, an error) leaves the description as written. The CLI asks the LLM here
  // (brief::english_search_terms, cached in the store); serve only reads the cache, filled when
  // a radar is created or edited (cli/radar_terms.h). Unset: descriptions are read as written.
  std::function<std::optional<std::vector<std::string>>(std::string_view description)>
      description_terms;
  // A file that keeps the index between processes (radarsvc/index_file.h), beside the database:
  // a process's first feed reads it when the store vouches for it and grows it by the papers
  // added since, instead of building for minutes. It is written after every build, and when
  // the index has grown by index_file_growth since it was written (by the feed that grew it).
  // Empty: the index lives in memory only.
  std::filesystem::path index_file;
  double index_file_growth = 0.1;
  // What the service says about its index file (read, written, built again and why): the log.
  std::function<void(std::string_view)> note;
};

// Which papers a feed ranks, before since/until narrow it. "today" and "week" count back from
// the newest day the store has (the last day announced, whatever the clock says), so a store
// harvested yesterday still has a today.
enum class View { all, today, week };
std::optional<View> parse_view(std::string_view text);  // "all", "today", "week"
std::string_view to_string(View view);

inline constexpr int kMaxFeedLimit = 1000;

struct FeedRequest {
  View view = View::all;
  // "YYYY-MM-DD" (also "YYYY-MM", "YYYY"), on the paper's day (announced, else version date,
  // else published: radar::FeatureIndex::day); each narrows the view's window. Empty: unbounded.
  std::string since, until;
  int limit = 20;  // 1..kMaxFeedLimit
  // The next_cursor of the previous batch of this session; empty: a new session.
  std::string cursor;
  // False: a look at the ranking (a briefing's previous period) that starts no session and
  // remembers nothing as shown; its next_cursor is always nullopt. Needs no cursor.
  bool remember = true;
};

struct FeedItem {
  core::Paper paper;
  double score = 0;
  radar::SignalScores signals;
  std::vector<radar::Why> why;
};

struct Feed {
  std::vector<FeedItem> papers;  // the batch, best first (MMR order)
  // The cursor of the next batch of this session; nullopt when no paper is left in the window.
  std::optional<std::string> next_cursor;
  // Titles of the papers the whys name (similar_papers), by stable id.
  std::map<std::int64_t, std::string> titles;
  // Seed and voted ids the index does not have (papers gone from the store).
  std::vector<std::int64_t> missing;
  // The window ranked, after the view and since/until narrowed it, in days since 1970-01-01
  // (radar::FeatureIndex::day); nullopt for a side left unbounded (or an empty store).
  std::optional<int> first_day, last_day;
};

// The weights the ranking gives each signal, for callers that show the score broken down.
const radar::SignalWeights& weights(const ServiceOptions& options);

class RadarService {
 public:
  explicit RadarService(ServiceOptions options = {});
  RadarService(const RadarService&) = delete;
  RadarService& operator=(const RadarService&) = delete;
  ~RadarService();

  const ServiceOptions& options() const { return options_; }

  // The next batch of `radar`'s feed (see the file comment). `store` must be writable (the batch
  // is remembered as shown) and have radars. Errors: invalid_argument naming the parameter
  // ("limit: ...", "since: ...", "cursor: ..."; a cursor of another radar or of a session that
  // was forgotten); whatever the store returns; internal when the index cannot be built.
  Result<Feed> feed(store::PaperStore& store, const store::StoredRadar& radar,
                    const FeedRequest& request);

  // Sets or clears a vote through the store and, when the index is built, retrains the radar at
  // once (so the next feed finds it learned). `paper` is any identifier get() reads.
  // Errors: invalid_argument when the store has no such paper (naming it); the store's.
  struct Voted {
    store::StoredRadar radar;
    std::int64_t paper = 0;                            // the paper's stable id
    std::optional<std::chrono::microseconds> retrain;  // how long retraining took, when it ran
  };
  Result<Voted> vote(store::PaperStore& store, const store::StoredRadar& radar,
                     std::string_view paper, std::optional<radar::Vote> vote);

  // Retrains (or learns) the radar now when the index is built, returning how long it took;
  // nullopt when the index is not built yet (it will be learned on the next feed).
  Result<std::optional<std::chrono::microseconds>> retrain(const store::StoredRadar& radar);

  // The number of papers indexed (0 before the first feed).
  std::size_t indexed() const;

 private:
  struct Index;
  struct Learned;
  // Builds, grows or rebuilds the index from `store`. Errors: the store's; internal.
  Result<void> sync(store::PaperStore& store);
  Result<void> build(store::PaperStore& store);
  // The index of options_.index_file when the store vouches for it, installed; false otherwise.
  bool read_saved(store::PaperStore& store);
  // Writes the index to options_.index_file when it is set and the index has grown enough since
  // it was last written (`built`: just built, always). Holds the shared lock while writing.
  void keep(store::PaperStore& store, bool built);
  // The profile the ranking reads: the description with its English terms (description_terms).
  radar::RadarProfile with_terms(const radar::RadarProfile& profile) const;
  // The learned radar for `radar` over the current index (under the caller's shared lock).
  Result<std::shared_ptr<const radar::Radar>> learned(const Index& index,
                                                      const store::StoredRadar& radar);

  ServiceOptions options_;
  std::mutex sync_mutex_;  // one thread syncs the index with the store at a time
  mutable std::shared_mutex index_mutex_;
  std::unique_ptr<Index> index_;  // guarded by index_mutex_ (exclusive to change, shared to read)
  std::mutex learned_mutex_;
  std::map<std::int64_t, Learned> learned_;  // guarded by learned_mutex_; by radar id
};

// Stable ids of `ids` (any identifier PaperStore::get reads), in order, without repeats.
// Errors: invalid_argument naming every identifier the store does not have ("no paper 2401.99999
// in the store") or cannot read; the store's other errors.
Result<std::vector<std::int64_t>> resolve_papers(store::PaperStore& store,
                                                 const std::vector<std::string>& ids,
                                                 std::string_view what);

}  // namespace ah::radarsvc
