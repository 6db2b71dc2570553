#include "web/encoder.h"

#include <fmt/format.h>

#include "web/byte_range.h"
#include "web/codings.h"
#include "web/errors.h"
#include "web/routes.h"

namespace ah::web {
namespace {

// Dynamic answers are compressed on every request: a fast level (JSON pages compress well at any
// level); files once, so the smallest form.
constexpr int kAnswerLevel = 4;
constexpr int kFileLevel = 9;

}  // namespace

Outgoing ResponseEncoder::encode(const Request& request, Response response) {
  const bool head = request.method == "HEAD";
  const bool get_or_head = head || request.method == "GET";
  Outgoing out;
  out.status = response.status;
  out.content_type = std::move(response.content_type);
  out.headers = std::move(response.headers);
  auto plain = std::make_shared<const std::string>(std::move(response.body));
  out.body = plain;
  out.bytes = *plain;

  const bool file = response.is_file && response.status == 200 && get_or_head;
  if (file) {
    out.headers.emplace_back("Accept-Ranges", "bytes");
    const std::string range = request.header("range");
    const RangeDecision decision = range.empty() || !request.header("if-range").empty()
                                       ? RangeDecision{}
                                       : decide_range(range, plain->size());
    if (decision.kind == RangeKind::single) {
      out.status = 206;
      out.headers.emplace_back("Content-Range", fmt::format("bytes {}-{}/{}", decision.first,
                                                            decision.last, plain->size()));
      out.bytes =
          std::string_view(*plain).substr(decision.first, decision.last - decision.first + 1);
    } else if (decision.kind == RangeKind::unsatisfiable) {
      Response refused = error_response(416, "range_not_satisfiable",
                                        fmt::format("the file has {} bytes", plain->size()));
      add_security_headers(refused);
      refused.set_header("Content-Range", fmt::format("bytes */{}", plain->size()));
      Request bare;
      bare.method = request.method;
      return encode(bare, std::move(refused));
    }
  }

  if (out.status != 206 && is_compressible(out.content_type) &&
      plain->size() >= kMinCompressBytes) {
    out.headers.emplace_back("Vary", "Accept-Encoding");
    if (accepts_gzip(request.header("accept-encoding"))) {
      out.body = file ? compressed_file(request.path, *plain)
                      : std::make_shared<const std::string>(gzip(*plain, kAnswerLevel));
      out.bytes = *out.body;
      out.headers.emplace_back("Content-Encoding", "gzip");
    }
  }
  out.content_length = out.bytes.size();
  if (head) out.bytes = {};
  return out;
}

std::shared_ptr<const std::string> ResponseEncoder::compressed_file(const std::string& path,
                                                                    const std::string& plain) {
  {
    std::lock_guard lock(mutex_);
    auto it = files_.find(path);
    if (it != files_.end() && it->second->plain == plain) return it->second->gzip;
  }
  // Compressed outside the lock (KaTeX's script takes ~15 ms); two first requests at once may both
  // compress it, and the second result replaces the first.
  auto entry = std::make_shared<CompressedFile>(
      CompressedFile{plain, std::make_shared<const std::string>(gzip(plain, kFileLevel))});
  std::lock_guard lock(mutex_);
  files_[path] = entry;
  return entry->gzip;
}

std::size_t ResponseEncoder::cached_files() const {
  std::lock_guard lock(mutex_);
  return files_.size();
}

}  // namespace ah::web
