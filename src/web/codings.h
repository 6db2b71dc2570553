// Content codings of HTTP bodies (zlib): gzip for answers the client accepts it for, and the
// decompression of gzip/deflate request bodies with a limit on the decompressed size, so a small
// compressed body cannot become a large one in memory. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

namespace ah::web {

// The Content-Encoding of a request body.
enum class ContentCoding {
  identity,     // none (absent, or "identity")
  gzip,         // "gzip" or "x-gzip" (RFC 1952)
  deflate,      // "deflate": the zlib format (RFC 1950); a raw deflate stream is accepted too
  unsupported,  // anything else, or several codings stacked ("gzip, gzip"): answered 415
};

// The coding named by a Content-Encoding header value (case-insensitive, blanks ignored).
ContentCoding parse_content_coding(std::string_view header);

enum class InflateError {
  too_large,  // the decompressed body would pass the limit: 413
  corrupt,    // not a valid stream of its coding, cut short, or data after its end: 400
};

// `body` decompressed, stopping as soon as more than `max_bytes` would come out (the memory used
// stays bounded by max_bytes plus zlib's window). `coding` is gzip or deflate; identity returns the
// body as it is (too_large when it alone is longer than max_bytes).
std::expected<std::string, InflateError> inflate_limited(std::string_view body,
                                                         ContentCoding coding,
                                                         std::size_t max_bytes);

// `data` compressed as one gzip member; `level` 1 (fast) to 9 (small).
std::string gzip(std::string_view data, int level);

// Whether an Accept-Encoding header value allows gzip: "gzip", "x-gzip" or "*" listed with a
// q-value above 0 (and gzip not itself refused with q=0 when "*" allows it).
bool accepts_gzip(std::string_view accept_encoding);

// Whether answers of this Content-Type are worth compressing: text, JSON, JavaScript, SVG, XML (not
// images, fonts or archives, which are compressed already).
bool is_compressible(std::string_view content_type);

}  // namespace ah::web
