// The Range header of a request for a file (RFC 9110 section 14): the server answers one byte range
// at most, never several (a multipart answer lets a short request ask for many copies of a file).
// Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace ah::web {

enum class RangeKind {
  whole,          // no Range, an invalid one, another unit, or several ranges: 200, the whole file
  single,         // one satisfiable range: 206 with Content-Range
  unsatisfiable,  // one range that starts past the end (or "-0"): 416 with "bytes */size"
};

struct RangeDecision {
  RangeKind kind = RangeKind::whole;
  std::size_t first = 0;  // for single: the first and last byte, inclusive, last < size
  std::size_t last = 0;
};

// What to answer for the Range header value `header` ("" when absent) on a file of `size` bytes:
// "bytes=0-99", "bytes=100-" (to the end), "bytes=-100" (the last 100), the end clamped to the
// file.
RangeDecision decide_range(std::string_view header, std::size_t size);

}  // namespace ah::web
