// The JSON of radars, feeds and people, shared by the command line (--json) and the API so both
// print the same objects (the shapes are documented in api/openapi.json). Thread-safety: pure
// functions, except that radar_json reads the caller's store (one thread at a time).
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "radar/ranker.h"
#include "radarsvc/people.h"
#include "radarsvc/service.h"
#include "store/paper_store.h"

namespace ah::radarsvc {

// {"id", "name", "user", "authors", "author_ids", "keywords", "excludes", "categories", "venues",
//  "sources" (arrays of strings), "description", "seeds": [{"paper_id", "id", "title"}] (in the
//  order given), "votes": [{"paper_id", "id", "title", "vote": "up"|"down"}], "revision",
//  "created", "updated"}. "id" and "title" of a seed or vote are null for a paper the store no
//  longer has. Errors: the store's.
Result<nlohmann::json> radar_json(store::PaperStore& store, const store::StoredRadar& radar);

// {"taste", "semantic", "bm25", "authors", "priors", "recency"}: each signal's value in [0, 1].
nlohmann::json signals_json(const radar::SignalScores& s);
// The same keys, each the signal's share of the score (weight * value; they add up to "score").
nlohmann::json contributions_json(const radar::SignalScores& s, const radar::SignalWeights& w);

// {"kind" (radar::to_string), "values": [string], "papers": [stable id], "counts": [int],
//  "weights": [number], "titles": [string] (the titles of "papers", in order; null when
//  unknown), "text": the reason in English (explain_text.h)}.
nlohmann::json why_json(const radar::Why& why, const std::map<std::int64_t, std::string>& titles);

// {"papers": [paper], "next_cursor": string or null}; each paper is json::to_json(paper) (the
// object `show --json` and /api/v1/papers print) plus "score", "signals", "contributions" and
// "why" (an array of why_json, strongest reason first).
nlohmann::json feed_json(const Feed& feed, const radar::SignalWeights& weights);

// {"name", "ids": ["orcid:...", "openalex:...", "s2:..."], "affiliations": [string], "papers":
//  N, "recent": [{"paper_id", "id", "title", "date"}]}.
nlohmann::json person_json(const Person& person);

}  // namespace ah::radarsvc
