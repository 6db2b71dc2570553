// From the router's Response to what goes on the wire for one request: gzip when the client accepts
// it (files compressed once, kept for every later request), a single byte range of a file
// (206/416), HEAD without its body but with the GET's headers. No socket involved, so these rules
// are tested as values. Thread-safe (the cache of compressed files is guarded).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "web/http.h"

namespace ah::web {

// An answer ready to serialize. `bytes` views `*body` (or is empty), so cached files are sent
// without a copy.
struct Outgoing {
  int status = 200;
  std::string content_type;
  // Besides Content-Type and Content-Length: the response's own headers plus Content-Encoding,
  // Vary, Accept-Ranges and Content-Range as they apply.
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<const std::string> body;  // owns what `bytes` views
  std::string_view bytes;                   // the bytes to send after the head
  std::size_t content_length = 0;           // == bytes.size(), except for HEAD
};

class ResponseEncoder {
 public:
  // Bodies shorter than this are sent as they are (compressing them saves nothing).
  static constexpr std::size_t kMinCompressBytes = 256;

  // The wire form of `response` to `request`:
  //  - compressible types (is_compressible) of kMinCompressBytes or more carry "Vary:
  //    Accept-Encoding" and are sent gzip-compressed when the request's Accept-Encoding allows
  //    gzip; a file (Response::is_file) is compressed at the highest level once per path and the
  //    result kept, other answers at a fast level each time;
  //  - a file answered 200 to GET or HEAD carries "Accept-Ranges: bytes"; a
  //  Range header with a
  //    single satisfiable range (and no If-Range) makes it 206 with Content-Range and only those
  //    bytes (uncompressed); a single range past its end makes it 416 with "bytes */size"; several
  //    ranges, or an invalid Range, are ignored (200, the whole file); the API's answers ignore
  //    Range altogether;
  //  - for HEAD, the same head as for GET and no body bytes.
  Outgoing encode(const Request& request, Response response);

  // Files compressed and kept so far.
  std::size_t cached_files() const;

 private:
  struct CompressedFile {
    std::string plain;  // to tell that the path still has the same bytes
    std::shared_ptr<const std::string> gzip;
  };
  std::shared_ptr<const std::string> compressed_file(const std::string& path,
                                                     const std::string& plain);

  mutable std::mutex mutex_;
  // Guarded by mutex_: by request path.
  std::unordered_map<std::string, std::shared_ptr<const CompressedFile>> files_;
};

}  // namespace ah::web
