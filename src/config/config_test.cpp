#include "config/config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/fixtures.h"

namespace ah::config {
namespace {

using Env = std::map<std::string, std::string>;

TEST(ConfigLoad, DefaultsPutTheDatabaseUnderXdgDataHome) {
  ah::testing::TempDir dir;
  auto c = load({}, Env{{"HOME", dir.path().string()}}, {});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->db_path, dir.path() / ".local/share/academichub/academichub.db");
  EXPECT_EQ(c->arxiv_min_interval, std::chrono::milliseconds(3000));
  EXPECT_EQ(c->arxiv_oai_prefix, "arXivRaw");
  EXPECT_TRUE(c->config_file.empty());
}

TEST(ConfigLoad, TheSourcesFileLivesUnderXdgConfigHomeUnlessSet) {
  ah::testing::TempDir dir;
  auto c = load({}, Env{{"HOME", dir.path().string()}}, {});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->sources_file, dir.path() / ".config/academichub/sources.toml");
  auto xdg = load({}, Env{{"HOME", dir.path().string()}, {"XDG_CONFIG_HOME", "/etc/x"}}, {});
  ASSERT_TRUE(xdg.has_value());
  EXPECT_EQ(xdg->sources_file, "/etc/x/academichub/sources.toml");
  auto env =
      load({}, Env{{"HOME", dir.path().string()}, {"ACADEMICHUB_SOURCES_FILE", "/s.toml"}}, {});
  ASSERT_TRUE(env.has_value());
  EXPECT_EQ(env->sources_file, "/s.toml");
  EXPECT_FALSE(load({}, Env{{"HOME", dir.path().string()}, {"ACADEMICHUB_SOURCES_FILE", ""}}, {}));
}

TEST(ConfigLoad, FileThenEnvThenFlagsOverrideEachOther) {
  ah::testing::TempDir dir;
  auto file = dir.path() / "config.toml";
  std::ofstream(file) << "contact_email = \"file@example.org\"\n"
                         "[arxiv]\nmin_interval_ms = 5000\napi_page_size = 50\n"
                         "[import]\nbatch_size = 200\n";
  Env env{{"HOME", dir.path().string()},
          {"ACADEMICHUB_ARXIV_MIN_INTERVAL_MS", "4000"},
          {"ACADEMICHUB_IMPORT_BATCH_SIZE", "300"}};
  auto c = load(file, env, {{"import.batch_size", "400"}});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->contact_email, "file@example.org");                    // file
  EXPECT_EQ(c->api_page_size, 50);                                    // file
  EXPECT_EQ(c->arxiv_min_interval, std::chrono::milliseconds(4000));  // env over file
  EXPECT_EQ(c->import_batch_size, 400);                               // flag over env
  EXPECT_EQ(c->config_file, file);
}

TEST(ResolvedSettings, ShowEachValueWithWhereItCameFromAndCredentialsRedacted) {
  ah::testing::TempDir dir;
  auto file = dir.path() / "config.toml";
  std::ofstream(file)
      << "contact_email = \"file@example.org\"\n"
         "[arxiv]\noai_url = \"https://user:s3cret@oai.example.org/oai?api_key=K\"\n"
         "[import]\nbatch_size = 200\n";
  Env env{{"HOME", dir.path().string()}, {"ACADEMICHUB_HTTP_MAX_RETRIES", "7"}};
  auto c = load(file, env, {{"log_level", "debug"}});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  std::map<std::string, Shown> by_key;
  for (const ResolvedSetting& r : resolved_settings(*c))
    by_key[std::string(r.setting.key)] = r.shown;
  ASSERT_EQ(by_key.size(), settings_table().size());
  struct Case {
    std::string key, value;
    Origin origin;
  };
  for (const Case& k : {
           Case{"contact_email", "file@example.org", Origin::file},
           Case{"arxiv.oai_url", "https://***@oai.example.org/oai?api_key=***", Origin::file},
           Case{"import.batch_size", "200", Origin::file},
           Case{"http.max_retries", "7", Origin::environment},
           Case{"log_level", "debug", Origin::flag},
           Case{"arxiv.min_interval_ms", "3000", Origin::default_value},
           Case{"db", (dir.path() / ".local/share/academichub/academichub.db").string(),
                Origin::default_value},
       }) {
    EXPECT_EQ(by_key[k.key].value, k.value) << k.key;
    EXPECT_EQ(by_key[k.key].origin, k.origin) << k.key;
  }
  EXPECT_EQ(c->arxiv_oai_url, "https://user:s3cret@oai.example.org/oai?api_key=K")
      << "only the shown form is redacted";
  EXPECT_EQ(to_string(Origin::environment), "environment");
}

TEST(ResolvedSettings, TheOpenalexKeyIsASecretThatIsShownAsStarsAndIsEmptyUnlessSet) {
  ah::testing::TempDir dir;
  auto none = load({}, Env{{"HOME", dir.path().string()}}, {});
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_TRUE(none->openalex_api_key.empty());
  EXPECT_EQ(none->openalex_api_url, "https://api.openalex.org");
  EXPECT_EQ(none->biorxiv_api_url, "https://api.biorxiv.org");

  auto file = dir.path() / "config.toml";
  std::ofstream(file) << "openalex_api_key = \"from-file\"\n";
  auto from_file = load(file, Env{{"HOME", dir.path().string()}}, {});
  ASSERT_TRUE(from_file.has_value()) << from_file.error().message;
  EXPECT_EQ(from_file->openalex_api_key.reveal(), "from-file");

  auto c =
      load({}, Env{{"HOME", dir.path().string()}, {"ACADEMICHUB_OPENALEX_API_KEY", "k3y"}}, {});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->openalex_api_key.reveal(), "k3y");
  for (const ResolvedSetting& r : resolved_settings(*c)) {
    if (r.setting.key != "openalex_api_key") continue;
    EXPECT_EQ(r.shown.value, "***");
    EXPECT_EQ(r.shown.origin, Origin::environment);
  }
}

TEST(ConfigLoad, ReadsTheFileNamedByAcademichubConfig) {
  ah::testing::TempDir dir;
  auto file = dir.path() / "other.toml";
  std::ofstream(file) << "db = \"/tmp/x.db\"\n";
  auto c = load({}, Env{{"HOME", dir.path().string()}, {"ACADEMICHUB_CONFIG", file.string()}}, {});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->db_path, "/tmp/x.db");
}

TEST(ConfigLoad, BadValuesNameTheKeyAndWhereItCameFrom) {
  ah::testing::TempDir dir;
  auto file = dir.path() / "config.toml";
  std::ofstream(file) << "[arxiv]\nmin_interval_ms = \"fast\"\n";
  struct Case {
    std::filesystem::path file;
    Env env;
    std::map<std::string, std::string> flags;
    std::string expect;
  };
  Env home{{"HOME", dir.path().string()}};
  Env bad_env = home;
  bad_env["ACADEMICHUB_HTTP_MAX_RETRIES"] = "-1";
  for (const Case& c :
       {Case{file, home, {}, "config.toml: arxiv.min_interval_ms: expected an integer"},
        Case{{}, bad_env, {}, "ACADEMICHUB_HTTP_MAX_RETRIES: expected an integer"},
        Case{{}, home, {{"log_level", "loud"}}, "--log_level: expected error, warn"},
        Case{{}, home, {{"arxiv.oai_prefix", "oai_dc"}}, "arxiv.oai_prefix"}}) {
    auto r = load(c.file, c.env, c.flags);
    ASSERT_FALSE(r.has_value()) << c.expect;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
  }
}

TEST(ConfigLoad, UnknownKeysInTheFileAreRejected) {
  ah::testing::TempDir dir;
  auto file = dir.path() / "config.toml";
  std::ofstream(file) << "contact_mail = \"typo@example.org\"\n";
  auto r = load(file, Env{{"HOME", dir.path().string()}}, {});
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("contact_mail: unknown setting"), std::string::npos)
      << r.error().message;
}

TEST(ConfigLoad, AMissingExplicitFileIsAnError) {
  auto r = load("/nonexistent/academichub.toml", Env{{"HOME", "/tmp"}}, {});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::unavailable);
}

TEST(UserAgent, NamesAcademicHubAndTheContact) {
  Config c;
  c.contact_email = "ops@example.org";
  auto ua = user_agent(c);
  ASSERT_TRUE(ua.has_value());
  EXPECT_NE(ua->find("AcademicHub/"), std::string::npos);
  EXPECT_NE(ua->find("mailto:ops@example.org"), std::string::npos);
}

TEST(UserAgent, RefusesAMissingOrMalformedContactSayingHowToSetIt) {
  for (const char* bad : {"", "nobody", "@example.org", "a b@example.org"}) {
    Config c;
    c.contact_email = bad;
    auto ua = user_agent(c);
    ASSERT_FALSE(ua.has_value()) << bad;
    EXPECT_NE(ua.error().message.find("ACADEMICHUB_CONTACT_EMAIL"), std::string::npos);
  }
}

TEST(ResolvedSettings, SourceApiKeysAreSecretsShownAsStars) {
  ah::testing::TempDir dir;
  Env env{{"HOME", dir.path().string()},
          {"ACADEMICHUB_PUBMED_API_KEY", "ncbi-KEY-1"},
          {"ACADEMICHUB_S2_API_KEY", "s2-KEY-2"}};
  auto c = load({}, env, {});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->pubmed_api_key.reveal(), "ncbi-KEY-1");
  EXPECT_EQ(c->s2_api_key.reveal(), "s2-KEY-2");
  EXPECT_EQ(c->pubmed_eutils_url, "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/");
  EXPECT_EQ(c->s2_api_url, "https://api.semanticscholar.org/graph/v1");
  for (const char* key : {"pubmed_api_key", "s2_api_key"}) {
    ASSERT_TRUE(c->shown.contains(key)) << key;
    EXPECT_EQ(c->shown.find(key)->second.value, "***") << key;
    EXPECT_EQ(c->shown.find(key)->second.origin, Origin::environment) << key;
  }
  // Without a key nothing is shown, not even stars.
  auto none = load({}, {{"HOME", dir.path().string()}}, {});
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->pubmed_api_key.empty());
  EXPECT_FALSE(none->shown.contains("pubmed_api_key"));
}

TEST(SettingsTable, EveryKeyHasAnEnvironmentVariableAndHelp) {
  for (const Setting& s : settings_table()) {
    EXPECT_TRUE(s.env.starts_with("ACADEMICHUB_")) << s.key;
    EXPECT_FALSE(s.help.empty()) << s.key;
  }
}

TEST(ConfigLoad, ReadsTheLlmSettingsAndNeverShowsTheKey) {
  ah::testing::TempDir dir;
  auto file = dir.path() / "config.toml";
  std::ofstream(file) << "[llm]\nbase_url = \"http://127.0.0.1:11434/v1\"\nmodel = \"qwen2.5\"\n"
                         "api_key = \"sk-file-secret\"\n";
  Env env{{"HOME", dir.path().string()}, {"ACADEMICHUB_LLM_API_KEY", "sk-env-secret"}};
  auto c = load(file, env, {});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->llm_base_url, "http://127.0.0.1:11434/v1");
  EXPECT_EQ(c->llm_model, "qwen2.5");
  EXPECT_EQ(c->llm_api_key.reveal(), "sk-env-secret");  // env over file
  for (const ResolvedSetting& r : resolved_settings(*c)) {
    EXPECT_EQ(r.shown.value.find("secret"), std::string::npos) << r.setting.key;
    if (r.setting.key == "llm.api_key") {
      EXPECT_EQ(r.shown.value, "***");
      EXPECT_EQ(r.shown.origin, Origin::environment);
    }
  }
  for (const auto& [key, shown] : c->shown) {
    EXPECT_EQ(shown.value.find("sk-"), std::string::npos) << key;
  }
}

TEST(ConfigLoad, LlmSettingsComeFromTheirEnvironmentVariables) {
  ah::testing::TempDir dir;
  Env env{{"HOME", dir.path().string()},
          {"ACADEMICHUB_LLM_BASE_URL", "https://api.deepseek.com/v1"},
          {"ACADEMICHUB_LLM_MODEL", "deepseek-chat"}};
  auto c = load({}, env, {});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->llm_base_url, "https://api.deepseek.com/v1");
  EXPECT_EQ(c->llm_model, "deepseek-chat");
  EXPECT_TRUE(c->llm_api_key.empty());
  auto bad = load(
      {}, Env{{"HOME", dir.path().string()}, {"ACADEMICHUB_LLM_BASE_URL", "ftp://user:pw@host/v1"}},
      {});
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("ACADEMICHUB_LLM_BASE_URL"), std::string::npos);
  EXPECT_EQ(bad.error().message.find("pw"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace ah::config
