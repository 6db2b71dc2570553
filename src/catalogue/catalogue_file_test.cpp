#include "catalogue/catalogue_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <thread>
#include <vector>

#include "tests/support/fixtures.h"

namespace ah::catalogue {
namespace {

using ah::testing::read_file;
using ah::testing::TempDir;

void write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

SourceEntry feed_entry(std::string name) {
  SourceEntry e;
  e.name = std::move(name);
  e.kind = Kind::feed;
  e.cadence = default_cadence(Kind::feed);
  e.params = FeedParams{"https://example.org/feed.xml", "Example"};
  return e;
}

TEST(CatalogueFile, ReadingAMissingFileGivesTheDefaultAndWritesNothing) {
  TempDir dir;
  CatalogueFile file(dir.path() / "conf" / "sources.toml");
  auto loaded = file.read();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_FALSE(loaded->exists);
  EXPECT_NE(loaded->catalogue.find("arxiv"), nullptr);
  EXPECT_FALSE(std::filesystem::exists(file.path()));
  EXPECT_FALSE(file.fingerprint());
}

TEST(CatalogueFile, EnsureExistsWritesTheDefaultOnce) {
  TempDir dir;
  CatalogueFile file(dir.path() / "conf" / "sources.toml");
  auto wrote = file.ensure_exists();
  ASSERT_TRUE(wrote) << wrote.error().message;
  EXPECT_TRUE(*wrote);
  EXPECT_EQ(read_file(file.path()), default_catalogue_text());
  EXPECT_TRUE(file.fingerprint());
  auto again = file.ensure_exists();
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_TRUE(file.read()->exists);
}

TEST(CatalogueFile, EditsCreateTheDefaultFirstAndKeepComments) {
  TempDir dir;
  CatalogueFile file(dir.path() / "sources.toml");
  auto added = file.add(feed_entry("example.feed"));
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_TRUE(added->created);
  EXPECT_FALSE(added->rewritten);
  const std::string text = read_file(file.path());
  EXPECT_TRUE(text.starts_with(default_catalogue_text()));
  EXPECT_NE(added->catalogue.find("example.feed"), nullptr);

  const auto before = file.fingerprint();
  auto off = file.set_enabled("arxiv", false);
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_FALSE(off->created);
  EXPECT_FALSE(off->catalogue.find("arxiv")->enabled);
  EXPECT_NE(file.fingerprint(), before);
  EXPECT_NE(read_file(file.path()).find("# arXiv: the daily announcement"), std::string::npos);

  auto removed = file.remove("example.feed");
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->catalogue.find("example.feed"), nullptr);
  EXPECT_EQ(file.remove("example.feed").error().code, ErrorCode::not_found);
  EXPECT_EQ(file.add(feed_entry("arxiv")).error().code, ErrorCode::conflict);
}

TEST(CatalogueFile, AnInvalidFileIsReportedWithItsPathAndLineAndNotChanged) {
  TempDir dir;
  CatalogueFile file(dir.path() / "sources.toml");
  write(file.path(), "[[source]]\nname = \"x\"\nkind = \"nope\"\n");
  auto loaded = file.read();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find(file.path().string() + ":3: source 'x': key 'kind'"),
            std::string::npos)
      << loaded.error().message;
  EXPECT_FALSE(file.add(feed_entry("y")));
  EXPECT_EQ(read_file(file.path()), "[[source]]\nname = \"x\"\nkind = \"nope\"\n");
}

TEST(CatalogueFile, RewritingKeepsTheOldFileAsBak) {
  TempDir dir;
  CatalogueFile file(dir.path() / "sources.toml");
  const std::string old =
      "# mine\nsource = [ { name = \"a\", kind = \"pubmed\", term = \"x\" } ]\n";
  write(file.path(), old);
  auto edited = file.set_enabled("a", false);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_TRUE(edited->rewritten);
  EXPECT_EQ(read_file(dir.path() / "sources.toml.bak"), old);
}

TEST(CatalogueFile, KeepsThePermissionsOfTheFile) {
  TempDir dir;
  CatalogueFile file(dir.path() / "sources.toml");
  ASSERT_TRUE(file.ensure_exists());
  ASSERT_EQ(::chmod(file.path().c_str(), 0600), 0);
  ASSERT_TRUE(file.set_enabled("arxiv", false));
  struct stat st {};
  ASSERT_EQ(::stat(file.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

// Concurrent edits (threads here; processes take the same lock) lose nothing.
TEST(CatalogueFile, ConcurrentEditsAreSerialized) {
  TempDir dir;
  CatalogueFile file(dir.path() / "sources.toml");
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&file, i] {
      auto r = file.add(feed_entry("t" + std::to_string(i)));
      EXPECT_TRUE(r) << r.error().message;
    });
  }
  for (auto& t : threads) t.join();
  auto loaded = file.read();
  ASSERT_TRUE(loaded);
  for (int i = 0; i < 8; ++i) EXPECT_NE(loaded->catalogue.find("t" + std::to_string(i)), nullptr);
}

}  // namespace
}  // namespace ah::catalogue
