// Which parser reads a saved document of each format (sources::Format): one table, so that a new
// source is one row here. Pure lookups; thread-safe.
#pragma once

#include <string_view>

#include "core/error.h"
#include "sources/common/detect.h"
#include "sources/common/parse_result.h"

namespace ah::ingest {

// A parser of a whole document: bytes and the origin its messages name ("file.xml").
using DocumentParser = Result<sources::ParseResult> (*)(std::string_view bytes,
                                                        std::string_view origin);

// What import does with a format.
struct FormatHandling {
  // The parser of a whole document; null for JSON lines (streamed by the importer itself) and
  // for formats AcademicHub does not read.
  DocumentParser parse = nullptr;
  // Why a format is not read, for the one line that reports such a file; empty when it is read.
  std::string_view unsupported;
};

// The handling of `format`. Every value of sources::Format has one.
FormatHandling handling_of(sources::Format format);

}  // namespace ah::ingest
