#include "web/codings.h"

#include <zlib.h>

#include <array>
#include <optional>

namespace ah::web {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The q-value of one Accept-Encoding element ("gzip;q=0.5" -> 0.5; without q: 1); a malformed q
// counts as 0, as if refused.
double q_value(std::string_view params) {
  while (!params.empty()) {
    const std::size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      p.remove_prefix(2);
      if (p.empty() || (p[0] != '0' && p[0] != '1')) return 0;
      double value = p[0] - '0';
      if (p.size() > 1) {
        if (p[1] != '.') return 0;
        double scale = 0.1;
        for (char c : p.substr(2)) {
          if (c < '0' || c > '9') return 0;
          value += (c - '0') * scale;
          scale /= 10;
        }
      }
      return value;
    }
  }
  return 1;
}

// Inflates with zlib's `window_bits` (15 + 16: gzip; 15: zlib; -15: raw deflate).
std::expected<std::string, InflateError> run_inflate(std::string_view in, int window_bits,
                                                     std::size_t max_bytes) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return std::unexpected(InflateError::corrupt);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  std::array<char, 16 * 1024> chunk;
  int rc = Z_OK;
  std::optional<InflateError> error;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t produced = chunk.size() - z.avail_out;
    if (rc != Z_OK && rc != Z_STREAM_END) {
      error = InflateError::corrupt;  // Z_BUF_ERROR here: the input ended before the stream
      break;
    }
    if (out.size() + produced > max_bytes) {
      error = InflateError::too_large;
      break;
    }
    out.append(chunk.data(), produced);
    if (rc == Z_OK && produced == 0 && z.avail_in == 0) {
      error = InflateError::corrupt;
      break;
    }
  }
  if (!error && z.avail_in != 0) error = InflateError::corrupt;  // bytes after the stream's end
  inflateEnd(&z);
  if (error) return std::unexpected(*error);
  return out;
}

}  // namespace

ContentCoding parse_content_coding(std::string_view header) {
  const std::string_view v = trim(header);
  if (v.empty() || iequals(v, "identity")) return ContentCoding::identity;
  if (iequals(v, "gzip") || iequals(v, "x-gzip")) return ContentCoding::gzip;
  if (iequals(v, "deflate")) return ContentCoding::deflate;
  return ContentCoding::unsupported;
}

std::expected<std::string, InflateError> inflate_limited(std::string_view body,
                                                         ContentCoding coding,
                                                         std::size_t max_bytes) {
  switch (coding) {
    case ContentCoding::identity:
      if (body.size() > max_bytes) return std::unexpected(InflateError::too_large);
      return std::string(body);
    case ContentCoding::gzip:
      return run_inflate(body, 15 + 16, max_bytes);
    case ContentCoding::deflate: {
      // RFC 9110 says zlib format, but some clients send raw deflate: a zlib stream starts with a
      // header whose first two bytes are a multiple of 31 (RFC 1950, FCHECK).
      const bool zlib_header =
          body.size() >= 2 && (static_cast<unsigned char>(body[0]) & 0x0f) == 8 &&
          ((static_cast<unsigned char>(body[0]) << 8) | static_cast<unsigned char>(body[1])) % 31 ==
              0;
      return run_inflate(body, zlib_header ? 15 : -15, max_bytes);
    }
    case ContentCoding::unsupported:
      break;
  }
  return std::unexpected(InflateError::corrupt);
}

std::string gzip(std::string_view data, int level) {
  z_stream z{};
  deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);  // the bound guarantees one call finishes
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<double> gzip_q, any_q;
  while (!accept_encoding.empty()) {
    const std::size_t comma = accept_encoding.find(',');
    std::string_view element = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const std::size_t semi = element.find(';');
    const std::string_view coding = trim(element.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1.0 : q_value(element.substr(semi + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      gzip_q = q;
    } else if (coding == "*") {
      any_q = q;
    }
  }
  if (gzip_q) return *gzip_q > 0;
  return any_q && *any_q > 0;
}

bool is_compressible(std::string_view content_type) {
  const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  return type.starts_with("text/") || type == "application/json" ||
         type == "application/javascript" || type == "image/svg+xml" || type == "application/xml" ||
         type.ends_with("+json") || type.ends_with("+xml");
}

}  // namespace ah::web
