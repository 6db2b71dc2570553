// How the SQLite backend stores a paper's structured columns as text: relations, history,
// status, field provenance (compact JSON), ISSNs and author ids. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/paper.h"

namespace ah::store::sqlite {

// Each encode gives "" for an empty value, and each decode reads "" (or text it cannot read)
// as empty: a damaged column loses its value, never the paper.
std::string encode_relations(const std::vector<core::Relation>& relations);
std::vector<core::Relation> decode_relations(std::string_view text);

std::string encode_history(const std::vector<core::HistoryEvent>& history);
std::vector<core::HistoryEvent> decode_history(std::string_view text);

// "" for a default status; decode_status("") is the default status.
std::string encode_status(const core::PaperStatus& status);
core::PaperStatus decode_status(std::string_view text);

std::string encode_provenance(const std::vector<std::pair<std::string, std::int64_t>>& sources);
std::vector<std::pair<std::string, std::int64_t>> decode_provenance(std::string_view text);

// Words joined by one blank (ISSNs, "scheme:value" author ids have none).
std::string join_words(const std::vector<std::string>& words);
std::vector<std::string> split_words(std::string_view text);
std::string encode_ids(const std::vector<core::Identifier>& ids);
std::vector<core::Identifier> decode_ids(std::string_view text);

}  // namespace ah::store::sqlite
