// What a radar is: the profile a researcher edits (followed authors, keywords, exclusions, pool
// bounds, a description, seed papers, votes). A plain value; thread-safe to copy and read.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ah::radar {

using PaperId = std::int64_t;

enum class Vote : std::int8_t { down = -1, up = 1 };

struct RadarProfile {
  // Followed authors by name as the user typed or picked it ("Simeng Zhang"); matched by
  // author_key, so case and spacing do not matter. Their papers are pulled in from outside the
  // pool.
  std::vector<std::string> authors;
  // Followed authors by stable id, "scheme:value": "orcid:0000-0002-1825-0097",
  // "openalex:A5023888391", "s2:1723755" (as core::Author::orcid / Author::ids give them).
  std::vector<std::string> author_ids;
  // Words or phrases of interest: they score (BM25) and pull matching papers in from outside the
  // pool.
  std::vector<std::string> keywords;
  // Words or phrases no paper of the radar may contain (title or abstract). Always win: over the
  // pool, followed authors, keywords, seeds' neighbours and votes.
  std::vector<std::string> excludes;
  // The pool: when any of these is set, a paper must have one of the categories, venues or
  // sources given (core::source::* values) unless a followed author or keyword pulls it in.
  std::vector<std::string> categories;
  std::vector<std::string> venues;
  std::vector<std::string> sources;
  // The interest in the researcher's words; scored with BM25 against title and abstract.
  std::string description;
  // Papers that define the interest (ids of the caller's papers). Never in the radar's own feed.
  std::vector<PaperId> seeds;
  // 👍/👎 by paper id. An up vote counts as a seed for learning; a down vote teaches the taste
  // model what not to show (and the paper is not shown again).
  std::map<PaperId, Vote> votes;
  bool operator==(const RadarProfile&) const = default;
};

}  // namespace ah::radar
