// One synthetic arXiv record, in the raw form arXiv publishes it (LaTeX kept, hard-wrapped text),
// which the format writers (writers.h) render as snapshot JSON lines or OAI-PMH XML.
// Plain value; thread-safe to read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ah::bench {

struct SyntheticAuthor {
  std::string keyname;       // LaTeX as arXiv writes it: "Bal\\'azs"
  std::string forenames;     // "C.", "Pavel M.", "J\\\"urgen"; may be empty
  std::string suffix;        // "Jr.", "II"; usually empty
  std::string keyname_utf8;  // accents resolved: "Balázs"
  std::string forenames_utf8;
  std::string affiliation;  // empty when none
};

struct SyntheticRecord {
  std::string id;                        // "0704.0001", "1501.00001" or "hep-th/9901001"
  std::string submitter;                 // UTF-8 full name
  std::vector<SyntheticAuthor> authors;  // 1..30, in order
  std::string authors_raw;               // one wrapped LaTeX string: "A. Bal\\'azs, B. Li and
                                         // C. Wu", affiliations in parentheses
  std::string title;                     // wrapped: continuation lines start "\n  "
  std::string abstract;                  // "  First line\n...\n", paragraphs start "\n  "
  std::string comments;                  // the optional fields: empty means absent (null)
  std::string journal_ref;
  std::string doi;
  std::string report_no;
  std::string license;
  std::vector<std::string_view> categories;  // primary first, distinct; static storage
  std::vector<std::int64_t> versions;        // Unix seconds of v1, v2, ... ascending; size >= 1
  std::int64_t updated = 0;                  // Unix seconds of the last change (>= last version)
};

}  // namespace ah::bench
