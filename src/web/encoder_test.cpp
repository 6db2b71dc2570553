#include "web/encoder.h"

#include <gtest/gtest.h>

#include "web/codings.h"

namespace ah::web {
namespace {

std::string header(const Outgoing& out, std::string_view name) {
  for (const auto& [k, v] : out.headers) {
    if (k == name) return v;
  }
  return {};
}

Response file_response(std::string body, std::string type = "text/javascript; charset=utf-8") {
  Response r;
  r.content_type = std::move(type);
  r.body = std::move(body);
  r.is_file = true;
  return r;
}

Request with_headers(std::string target, std::vector<std::pair<std::string, std::string>> h,
                     std::string method = "GET") {
  Request r = Request::from_target(target, std::move(method));
  r.headers = std::move(h);
  return r;
}

const std::string kScript = [] {
  std::string s;
  for (int i = 0; i < 400; ++i)
    s += "function f" + std::to_string(i) + "() { return " + std::to_string(i * 7) + "; }\n";
  return s;
}();

TEST(ResponseEncoder, CompressesForClientsThatAcceptGzipOnly) {
  ResponseEncoder encoder;
  Outgoing plain = encoder.encode(with_headers("/a.js", {}), file_response(kScript));
  EXPECT_EQ(plain.bytes, kScript);
  EXPECT_EQ(header(plain, "Content-Encoding"), "");
  EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding");
  Outgoing zipped = encoder.encode(with_headers("/a.js", {{"accept-encoding", "gzip, br"}}),
                                   file_response(kScript));
  EXPECT_EQ(header(zipped, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(zipped, "Vary"), "Accept-Encoding");
  EXPECT_EQ(zipped.content_length, zipped.bytes.size());
  EXPECT_LT(zipped.bytes.size(), kScript.size() / 3);
  auto back = inflate_limited(zipped.bytes, ContentCoding::gzip, 1 << 20);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, kScript);
}

TEST(ResponseEncoder, CompressesAFileOnceForAllRequests) {
  ResponseEncoder encoder;
  const Request r = with_headers("/a.js", {{"accept-encoding", "gzip"}});
  Outgoing first = encoder.encode(r, file_response(kScript));
  Outgoing second = encoder.encode(r, file_response(kScript));
  EXPECT_EQ(first.body.get(), second.body.get()) << "the same compressed bytes, not a copy";
  EXPECT_EQ(encoder.cached_files(), 1u);
  // An API answer is compressed each time and not kept.
  Response json;
  json.body = "[" + std::string(2000, '1') + "]";
  Outgoing api =
      encoder.encode(with_headers("/api/v1/feed", {{"accept-encoding", "gzip"}}), std::move(json));
  EXPECT_EQ(header(api, "Content-Encoding"), "gzip");
  EXPECT_EQ(encoder.cached_files(), 1u);
}

TEST(ResponseEncoder, LeavesTinyAndIncompressibleBodiesAlone) {
  ResponseEncoder encoder;
  const Request r = with_headers("/x", {{"accept-encoding", "gzip"}});
  Outgoing tiny = encoder.encode(r, file_response("{}", "application/json"));
  EXPECT_EQ(header(tiny, "Content-Encoding"), "");
  EXPECT_EQ(header(tiny, "Vary"), "");
  Outgoing font = encoder.encode(r, file_response(std::string(5000, 'x'), "font/woff2"));
  EXPECT_EQ(header(font, "Content-Encoding"), "");
  EXPECT_EQ(font.bytes.size(), 5000u);
}

TEST(ResponseEncoder, AnswersASingleRangeOfAFile) {
  ResponseEncoder encoder;
  Outgoing part =
      encoder.encode(with_headers("/a.js", {{"range", "bytes=10-19"}, {"accept-encoding", "gzip"}}),
                     file_response(kScript));
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.bytes, kScript.substr(10, 10));
  EXPECT_EQ(part.content_length, 10u);
  EXPECT_EQ(header(part, "Content-Range"), "bytes 10-19/" + std::to_string(kScript.size()));
  EXPECT_EQ(header(part, "Content-Encoding"), "") << "ranges are of the plain bytes";
  EXPECT_EQ(header(part, "Accept-Ranges"), "bytes");
}

TEST(ResponseEncoder, NeverAnswersSeveralRanges) {
  ResponseEncoder encoder;
  std::string many = "bytes=0-0";
  for (int i = 1; i < 100; ++i) many += ",0-" + std::to_string(i);
  Outgoing whole = encoder.encode(with_headers("/a.js", {{"range", many}}), file_response(kScript));
  EXPECT_EQ(whole.status, 200);
  EXPECT_EQ(whole.bytes, kScript);
  EXPECT_EQ(header(whole, "Content-Range"), "");
}

TEST(ResponseEncoder, RefusesARangePastTheEnd) {
  ResponseEncoder encoder;
  Outgoing refused =
      encoder.encode(with_headers("/a.js", {{"range", "bytes=999999-"}}), file_response(kScript));
  EXPECT_EQ(refused.status, 416);
  EXPECT_EQ(header(refused, "Content-Range"), "bytes */" + std::to_string(kScript.size()));
  EXPECT_NE(refused.bytes.find("range_not_satisfiable"), std::string::npos);
  EXPECT_EQ(header(refused, "X-Content-Type-Options"), "nosniff");
}

TEST(ResponseEncoder, IgnoresRangeOnTheApiAndWithIfRange) {
  ResponseEncoder encoder;
  Response api;
  api.body = std::string(1000, 'x');
  Outgoing a =
      encoder.encode(with_headers("/api/v1/feed", {{"range", "bytes=0-9"}}), std::move(api));
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.bytes.size(), 1000u);
  EXPECT_EQ(header(a, "Accept-Ranges"), "");
  Outgoing b =
      encoder.encode(with_headers("/a.js", {{"range", "bytes=0-9"}, {"if-range", "\"etag\""}}),
                     file_response(kScript));
  EXPECT_EQ(b.status, 200);
}

TEST(ResponseEncoder, HeadHasTheGetsHeadersAndNoBody) {
  ResponseEncoder encoder;
  for (const char* encoding : {"", "gzip"}) {
    Outgoing get = encoder.encode(with_headers("/a.js", {{"accept-encoding", encoding}}),
                                  file_response(kScript));
    Outgoing head = encoder.encode(with_headers("/a.js", {{"accept-encoding", encoding}}, "HEAD"),
                                   file_response(kScript));
    EXPECT_EQ(head.status, get.status);
    EXPECT_EQ(head.headers, get.headers);
    EXPECT_EQ(head.content_length, get.content_length);
    EXPECT_TRUE(head.bytes.empty());
  }
}

}  // namespace
}  // namespace ah::web
