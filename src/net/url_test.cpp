#include "net/url.h"

#include <gtest/gtest.h>

#include "net/http_client.h"

namespace ah::net {
namespace {

struct RedactCase {
  std::string url;
  std::string expected;
};

class RedactUrl : public ::testing::TestWithParam<RedactCase> {};

TEST_P(RedactUrl, HidesSensitiveValuesOnly) {
  EXPECT_EQ(redact_url(GetParam().url), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RedactUrl,
    ::testing::Values(
        RedactCase{
            "https://api.openalex.org/works?filter=doi:10.1/x&api_key=SECRET&mailto=me@x.org",
            "https://api.openalex.org/works?filter=doi:10.1/x&api_key=***&mailto=***"},
        RedactCase{"https://h.org/p?Token=abc&email=a@b.c", "https://h.org/p?Token=***&email=***"},
        RedactCase{"https://h.org/p?key=k1&password=pw&apikey=z&access_token=t",
                   "https://h.org/p?key=***&password=***&apikey=***&access_token=***"},
        RedactCase{"https://export.arxiv.org/oai2?verb=ListRecords&resumptionToken=6397%7C1001",
                   "https://export.arxiv.org/oai2?verb=ListRecords&resumptionToken=6397%7C1001"},
        RedactCase{"https://h.org/p?email=a@b.c#frag", "https://h.org/p?email=***#frag"},
        RedactCase{"https://h.org/p?key&x=1", "https://h.org/p?key&x=1"},
        RedactCase{"https://h.org/plain/path", "https://h.org/plain/path"},
        RedactCase{"https://user:pw@h.org/p?api_key=1", "https://***@h.org/p?api_key=***"},
        RedactCase{"https://ghp_TOKEN@h.org/p", "https://***@h.org/p"},
        RedactCase{"http://u:p@127.0.0.1:8080", "http://***@127.0.0.1:8080"},
        RedactCase{
            "https://h.org/p?Api-Key=1&client_secret=2&X-Amz-Signature=3&sig=4&ok=5",
            "https://h.org/p?Api-Key=***&client_secret=***&X-Amz-Signature=***&sig=***&ok=5"},
        RedactCase{"https://h.org/p?my_api_token=1&secret=2&refresh_token=3&pwd=4",
                   "https://h.org/p?my_api_token=***&secret=***&refresh_token=***&pwd=***"},
        RedactCase{"https://h.org/p?verb=ListRecords&resumptionToken=t1&set=cs",
                   "https://h.org/p?verb=ListRecords&resumptionToken=t1&set=cs"},
        RedactCase{"https://user@h.org/p", "https://***@h.org/p"}));

TEST(RedactUrls, RedactsEveryUrlInAText) {
  EXPECT_EQ(redact_urls("GET http://u:pw@h.org/a?token=T -> see 'https://h.org/b?key=K' and x"),
            "GET http://***@h.org/a?token=*** -> see 'https://h.org/b?key=***' and x");
  EXPECT_EQ(redact_urls("no url here"), "no url here");
  EXPECT_EQ(redact_urls("ends with https://a:b@h.org"), "ends with https://***@h.org");
  EXPECT_EQ(redact_urls(""), "");
}

struct HostCase {
  std::string url;
  std::string display;
  std::string scheme;
};

class ParseUrlHost : public ::testing::TestWithParam<HostCase> {};

TEST_P(ParseUrlHost, FindsSchemeHostAndPort) {
  auto host = parse_url_host(GetParam().url);
  ASSERT_TRUE(host) << host.error().message;
  EXPECT_EQ(host->display(), GetParam().display);
  EXPECT_EQ(host->scheme, GetParam().scheme);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseUrlHost,
    ::testing::Values(HostCase{"https://Export.arXiv.org/oai2?verb=Identify", "export.arxiv.org",
                               "https"},
                      HostCase{"HTTP://127.0.0.1:8080/x", "127.0.0.1:8080", "http"},
                      HostCase{"http://[::1]:80/", "[::1]:80", "http"},
                      HostCase{"http://user:pw@h.org:1?q=1", "h.org:1", "http"},
                      HostCase{"https://h.org#frag", "h.org", "https"}));

TEST(ParseUrlHostErrors, RejectsRelativeAndHostlessUrls) {
  for (const char* url : {"export.arxiv.org/oai2", "http:///path", "://h.org/", "http://[::1/"}) {
    auto host = parse_url_host(url);
    ASSERT_FALSE(host) << url;
    EXPECT_EQ(host.error().code, ErrorCode::invalid_argument) << url;
  }
}

}  // namespace
}  // namespace ah::net
