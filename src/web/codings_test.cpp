#include "web/codings.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace ah::web {
namespace {

// `data` in the zlib format (RFC 1950), or raw deflate when `raw`.
std::string deflate_bytes(std::string_view data, bool raw) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, raw ? -15 : 15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(Codings, GzipRoundTripsWithinTheLimit) {
  const std::string text(50'000, 'a');
  const std::string packed = gzip(text, 6);
  EXPECT_LT(packed.size(), 1000u);
  auto back = inflate_limited(packed, ContentCoding::gzip, 64 * 1024);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, text);
  for (bool raw : {false, true}) {
    auto d = inflate_limited(deflate_bytes("hello deflate", raw), ContentCoding::deflate, 100);
    ASSERT_TRUE(d) << raw;
    EXPECT_EQ(*d, "hello deflate");
  }
}

TEST(Codings, ABombStopsAtTheLimit) {
  // 64 MB of zeros compress to ~64 KB; the limit is the decompressed size.
  const std::string bomb = gzip(std::string(64 * 1024 * 1024, '\0'), 9);
  EXPECT_LT(bomb.size(), 100'000u);
  auto r = inflate_limited(bomb, ContentCoding::gzip, 64 * 1024);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), InflateError::too_large);
  auto exact = inflate_limited(gzip(std::string(100, 'x'), 6), ContentCoding::gzip, 100);
  EXPECT_TRUE(exact);
  auto over = inflate_limited(gzip(std::string(101, 'x'), 6), ContentCoding::gzip, 100);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error(), InflateError::too_large);
  EXPECT_FALSE(inflate_limited(std::string(101, 'x'), ContentCoding::identity, 100));
}

TEST(Codings, CorruptOrTruncatedBodiesAreRefused) {
  const std::string packed = gzip("some text to compress, some text to compress", 6);
  for (const std::string& bad :
       {std::string("not gzip at all"), packed.substr(0, packed.size() / 2), packed + "extra",
        std::string()}) {
    auto r = inflate_limited(bad, ContentCoding::gzip, 1000);
    ASSERT_FALSE(r) << bad.size();
    EXPECT_EQ(r.error(), InflateError::corrupt);
  }
}

TEST(Codings, ContentEncodingNames) {
  EXPECT_EQ(parse_content_coding(""), ContentCoding::identity);
  EXPECT_EQ(parse_content_coding(" Identity "), ContentCoding::identity);
  EXPECT_EQ(parse_content_coding("GZIP"), ContentCoding::gzip);
  EXPECT_EQ(parse_content_coding("x-gzip"), ContentCoding::gzip);
  EXPECT_EQ(parse_content_coding("deflate"), ContentCoding::deflate);
  EXPECT_EQ(parse_content_coding("br"), ContentCoding::unsupported);
  EXPECT_EQ(parse_content_coding("gzip, gzip"), ContentCoding::unsupported);
}

TEST(Codings, AcceptEncodingAllowsGzip) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("X-GZIP"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("br"));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000, *"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=bogus"));
}

TEST(Codings, CompressibleTypes) {
  EXPECT_TRUE(is_compressible("application/json; charset=utf-8"));
  EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
  EXPECT_TRUE(is_compressible("text/javascript; charset=utf-8"));
  EXPECT_TRUE(is_compressible("image/svg+xml"));
  EXPECT_FALSE(is_compressible("font/woff2"));
  EXPECT_FALSE(is_compressible("image/png"));
  EXPECT_FALSE(is_compressible("application/octet-stream"));
}

}  // namespace
}  // namespace ah::web
