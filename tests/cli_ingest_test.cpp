// The academichub command line end to end on what goes wrong while importing and harvesting:
// files cut short, unreadable directories, saved error answers, oversized author lists,
// credentials in URLs, and what `config` reports.
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/file_permissions.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"

namespace ah {
namespace {

using ah::testing::CliResult;
using ah::testing::own_fixture;
using nlohmann::json;

class CliIngest : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--db", db().string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), env);
  }
  std::filesystem::path db() const { return dir_.path() / "papers.db"; }
  std::int64_t papers() {
    CliResult r = run({"stats", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out)["papers"].get<std::int64_t>();
  }
  std::filesystem::path write(const std::string& name, const std::string& text) {
    auto path = dir_.path() / name;
    std::ofstream(path) << text;
    return path;
  }

  ah::testing::TempDir dir_;
};

TEST_F(CliIngest, AnAtomFeedCutMidEntryStoresItsCompleteEntriesAndExitsTwo) {
  const std::string feed = ah::testing::read_file(own_fixture("harvest/api_page_start0.xml"));
  auto cut =
      write("cut.xml", feed.substr(0, ah::testing::after_nth(feed, "<title>Attention Is", 1)));
  CliResult r =
      run({"import", cut.string(), own_fixture("harvest/oai_arxivraw_page1.xml").string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("cut.xml: atom: 1 new"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find(cut.string() + ": not well-formed XML at byte"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("breaks off in record 2 (id http://arxiv.org/abs/2403.00012v1); kept the 1 "
                       "complete record before it"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(papers(), 1 + 2) << "the complete entry and the other file are stored";
}

TEST_F(CliIngest, AnUnreadableSubDirectoryIsNamedWithTheReasonAndExitsTwo) {
  auto in = dir_.path() / "in";
  std::filesystem::create_directories(in / "locked");
  std::filesystem::create_directories(in / "open");
  std::filesystem::copy(own_fixture("harvest/api_page_start0.xml"), in / "locked" / "a.xml");
  std::filesystem::copy(own_fixture("harvest/oai_arxivraw_page1.xml"), in / "open" / "b.xml");
  std::filesystem::permissions(in / "locked", std::filesystem::perms::none);
  // As root (CI), file permissions apply only without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH.
  std::vector<std::string> command = ah::testing::without_file_override_prefix();
  for (const std::string& a : {std::string(AH_CLI_BINARY), std::string("--db"), db().string(),
                               std::string("import"), in.string()}) {
    command.push_back(a);
  }
  const std::string program = command.front();
  command.erase(command.begin());
  CliResult r = ah::testing::run_cli(program, command, dir_.path());
  std::filesystem::permissions(in / "locked", std::filesystem::perms::owner_all);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find((in / "locked").string() + ": cannot read directory: Permission denied"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("b.xml: oai-pmh: 2 new"), std::string::npos) << r.out;
}

TEST_F(CliIngest, SavedErrorAnswersExitTwoButNoRecordsMatchDoesNot) {
  struct Case {
    std::string fixture;
    int exit_code;
    std::string says;  // on stderr for errors, on stdout for a note
  };
  for (const Case& c :
       {Case{"harvest/oai_bad_resumption_token.xml", 2, "the server answered badResumptionToken"},
        Case{"harvest/api_error_400.xml", 2, "the server answered incorrect_id_format"},
        Case{"harvest/oai_no_records_match.xml", 0, "note: the document reports noRecordsMatch"}}) {
    CliResult r = run({"import", own_fixture(c.fixture).string(),
                       own_fixture("harvest/api_page_start0.xml").string()});
    EXPECT_EQ(r.exit_code, c.exit_code) << c.fixture << "\n" << r.out << r.err;
    EXPECT_NE((c.exit_code == 0 ? r.out : r.err).find(c.says), std::string::npos) << r.out << r.err;
    EXPECT_NE(r.out.find("api_page_start0.xml: atom: "), std::string::npos) << "the rest is read";
  }
}

TEST_F(CliIngest, ARecordWithTooManyAuthorsIsStoredWithTheFirstTenThousandAndNamed) {
  std::string feed = R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>)"
                     "<id>http://arxiv.org/abs/2401.00001v1</id><title>Big science</title>"
                     "<published>2024-01-01T00:00:00Z</published>";
  for (int i = 0; i < 12'000; ++i) feed += fmt::format("<author><name>A{} Name</name></author>", i);
  feed += "</entry></feed>\n";
  auto file = write("big.xml", feed);
  CliResult r = run({"import", file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  authors cut: " + file.string() +
                       ": record 1 (id 2401.00001): kept the first 10,000 of its 12,000 authors"),
            std::string::npos)
      << r.out;
  CliResult show = run({"show", "2401.00001", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(json::parse(show.out)["authors"].size(), 10'000u);
}

TEST_F(CliIngest, HarvestLinesNeverShowCredentialsFromTheUrl) {
  const std::vector<std::string> secrets = {"alice", "pa55-SECRET", "KEY-SECRET", "me-secret"};
  auto with_credentials = [](const std::string& base) {
    return "http://alice:pa55-SECRET@" + base.substr(std::string("http://").size()) +
           "/oai?api_key=KEY-SECRET&mailto=me-secret@example.org";
  };
  ah::testing::ReplayServer ok, not_found, failing, slow;
  ah::testing::ReplayResponse page;
  page.body_file = own_fixture("harvest/oai_arxivraw_page1.xml");
  ok.add("/oai", {{"metadataPrefix", "arXivRaw"}}, page);
  ok.add("/oai", {{"resumptionToken", "tok-1"}}, ah::testing::ReplayResponse::make(500, "boom"));
  failing.add("/oai", ah::testing::ReplayResponse::make(500, "boom"));
  slow.add(
      "/oai",
      ah::testing::ReplayResponse::make(200, "late").with_delay(std::chrono::milliseconds(2500)));
  ah::testing::RefusingPort refusing;
  struct Case {
    std::string name, base, expect;  // `expect` is on stderr
  };
  for (const Case& c :
       {Case{"a page, then 500", ok.base_url(), "arXiv OAI-PMH page 2"},
        Case{"404", not_found.base_url(), "HTTP 404"}, Case{"500", failing.base_url(), "HTTP 500"},
        Case{"refused", refusing.base_url(), "connection refused"},
        Case{"timeout", slow.base_url(), "timed out"}}) {
    CliResult r = run({"harvest", "arxiv", "--set", "cs", "--from", "2024-03-01"},
                      {{"ACADEMICHUB_CONTACT_EMAIL", "ops@example.org"},
                       {"ACADEMICHUB_ARXIV_OAI_URL", with_credentials(c.base)},
                       {"ACADEMICHUB_ARXIV_MIN_INTERVAL_MS", "0"},
                       {"ACADEMICHUB_HTTP_MAX_RETRIES", "1"},
                       {"ACADEMICHUB_HTTP_TIMEOUT_S", "1"}});
    EXPECT_NE(r.exit_code, 0) << c.name;
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << c.name << ":\n" << r.err;
    EXPECT_NE(r.err.find("http://***@127.0.0.1:"), std::string::npos) << c.name << ":\n" << r.err;
    for (const std::string& secret : secrets) {
      EXPECT_EQ((r.out + r.err).find(secret), std::string::npos)
          << c.name << ": '" << secret << "' printed:\n"
          << r.out << r.err;
    }
  }
  EXPECT_GE(ok.requests().size(), 2u);
  EXPECT_EQ(ok.requests()[0].params.at("api_key"), "KEY-SECRET") << "only the lines are redacted";
}

TEST_F(CliIngest, ConfigPrintsEachValueWithWhereItCameFrom) {
  auto file = write("academichub.toml",
                    "contact_email = \"file@example.org\"\n"
                    "[arxiv]\nrss_url = \"https://bob:hunter2@rss.example.org/rss/?token=T0K\"\n");
  CliResult r = run({"--config", file.string(), "--log-level", "debug", "config"},
                    {{"ACADEMICHUB_HTTP_MAX_RETRIES", "7"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("config file  " + file.string()), std::string::npos) << r.out;
  auto line_of = [&](const std::string& key) {
    size_t at = r.out.find("\n" + key + " ");
    EXPECT_NE(at, std::string::npos) << key << " missing:\n" << r.out;
    if (at == std::string::npos) return std::string();
    return r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
  };
  struct Case {
    std::string key, value, from;
  };
  for (const Case& c :
       {Case{"contact_email", "file@example.org", "file"},
        Case{"arxiv.rss_url", "https://***@rss.example.org/rss/?token=***", "file"},
        Case{"http.max_retries", "7", "environment"}, Case{"log_level", "debug", "flag"},
        Case{"db", db().string(), "flag"}, Case{"http.timeout_s", "120", "default"}}) {
    const std::string line = line_of(c.key);
    EXPECT_NE(line.find(" " + c.value + " "), std::string::npos) << line;
    EXPECT_NE(line.find(" " + c.from + " "), std::string::npos) << line;
  }
  EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("T0K"), std::string::npos) << r.out;

  CliResult j =
      run({"--config", file.string(), "config", "--json"}, {{"ACADEMICHUB_HTTP_MAX_RETRIES", "7"}});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  json out = json::parse(j.out);
  EXPECT_EQ(out["config_file"], file.string());
  std::map<std::string, json> by_key;
  for (const json& s : out["settings"]) by_key[s["key"].get<std::string>()] = s;
  EXPECT_EQ(by_key["http.max_retries"]["value"], "7");
  EXPECT_EQ(by_key["http.max_retries"]["from"], "environment");
  EXPECT_EQ(by_key["http.max_retries"]["default"], "5");
  EXPECT_EQ(by_key["contact_email"]["from"], "file");
  EXPECT_EQ(by_key["arxiv.rss_url"]["value"], "https://***@rss.example.org/rss/?token=***");
  EXPECT_EQ(by_key["log_level"]["from"], "default");
}

}  // namespace
}  // namespace ah
