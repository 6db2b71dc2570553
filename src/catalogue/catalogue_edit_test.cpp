#include "catalogue/catalogue_edit.h"

#include <gtest/gtest.h>

namespace ah::catalogue {
namespace {

constexpr std::string_view kFile = R"(# My sources: the header comment stays.

# arXiv, the way I like it
[[source]]
name = "arxiv"   # the name
kind = "arxiv"
enabled = true   # on, of course
sets = ["cs.CL",
        "cs.AI"]  # two lines

# Nature at Crossref
[[source]]
name = "nature.crossref"
kind = "crossref"
issns = ["0028-0836"]
# a comment inside the block

# trailing comment
)";

SourceEntry pubmed_entry() {
  SourceEntry e;
  e.name = "pubmed-x";
  e.kind = Kind::pubmed;
  e.title = "PubMed \"x\"";
  e.enabled = false;
  e.cadence = Cadence{std::chrono::hours(12), std::nullopt};
  e.params = PubmedParams{"Nature[ta] AND 2026[dp]"};
  return e;
}

TEST(CatalogueEdit, DisableReplacesOnlyTheValue) {
  auto edited = set_enabled(kFile, "f.toml", "arxiv", false);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_FALSE(edited->rewritten);
  std::string expected(kFile);
  expected.replace(expected.find("enabled = true"), 14, "enabled = false");
  EXPECT_EQ(edited->text, expected);
  auto back = parse_catalogue(edited->text, "f.toml");
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->find("arxiv")->enabled);

  // And back on: the same file as before.
  auto again = set_enabled(edited->text, "f.toml", "arxiv", true);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->text, kFile);
}

TEST(CatalogueEdit, DisableAddsALineWhenTheEntryHasNoEnabledKey) {
  auto edited = set_enabled(kFile, "f.toml", "nature.crossref", false);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_FALSE(edited->rewritten);
  std::string expected(kFile);
  expected.replace(expected.find("name = \"nature.crossref\""), 0, "enabled = false\n");
  EXPECT_EQ(edited->text, expected);
}

TEST(CatalogueEdit, SettingTheCurrentValueChangesNothing) {
  auto edited = set_enabled(kFile, "f.toml", "nature.crossref", true);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->text, kFile);
}

TEST(CatalogueEdit, RemoveTakesTheBlockAndKeepsOtherComments) {
  auto edited = remove_source(kFile, "f.toml", "arxiv");
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_FALSE(edited->rewritten);
  EXPECT_EQ(edited->text, R"(# My sources: the header comment stays.

# arXiv, the way I like it
# Nature at Crossref
[[source]]
name = "nature.crossref"
kind = "crossref"
issns = ["0028-0836"]
# a comment inside the block

# trailing comment
)");
  auto last = remove_source(edited->text, "f.toml", "nature.crossref");
  ASSERT_TRUE(last) << last.error().message;
  auto empty = parse_catalogue(last->text, "f.toml");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->sources.empty());
  EXPECT_NE(last->text.find("# My sources: the header comment stays."), std::string::npos);
  EXPECT_NE(last->text.find("# trailing comment"), std::string::npos);
}

TEST(CatalogueEdit, AddAppendsABlockAndKeepsEverything) {
  auto edited = add_source(kFile, "f.toml", pubmed_entry());
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_FALSE(edited->rewritten);
  EXPECT_TRUE(edited->text.starts_with(kFile));
  EXPECT_EQ(edited->text.substr(kFile.size()), "\n" + format_entry(pubmed_entry()));
  auto back = parse_catalogue(edited->text, "f.toml");
  ASSERT_TRUE(back);
  SourceEntry added = *back->find("pubmed-x");
  added.line = 0;
  EXPECT_EQ(added, pubmed_entry());

  // Removing what was added gives the file back, byte for byte.
  auto removed = remove_source(edited->text, "f.toml", "pubmed-x");
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->text, kFile);
}

TEST(CatalogueEdit, ErrorsForUnknownOrTakenNamesAndBrokenFiles) {
  auto missing = remove_source(kFile, "f.toml", "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(set_enabled(kFile, "f.toml", "nope", true).error().code, ErrorCode::not_found);
  SourceEntry taken = pubmed_entry();
  taken.name = "arxiv";
  EXPECT_EQ(add_source(kFile, "f.toml", taken).error().code, ErrorCode::conflict);
  auto broken = set_enabled("[[source]]\nname = 3\n", "f.toml", "x", true);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(broken.error().message.find("f.toml:2"), std::string::npos);
}

// An entry written as an inline table cannot be edited in place: the file is written anew, with a
// header that says the comments are gone.
TEST(CatalogueEdit, InlineTablesAreRewrittenWithAHeader) {
  constexpr std::string_view kInline =
      "# lost comment\nsource = [ { name = \"a\", kind = \"pubmed\", term = \"x\" } ]\n";
  auto edited = set_enabled(kInline, "f.toml", "a", false);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_TRUE(edited->rewritten);
  EXPECT_EQ(edited->text.find("# lost comment"), std::string::npos);
  EXPECT_NE(edited->text.find("the comments of the previous version are not here"),
            std::string::npos);
  auto back = parse_catalogue(edited->text, "f.toml");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_FALSE(back->find("a")->enabled);

  auto removed = remove_source(kInline, "f.toml", "a");
  ASSERT_TRUE(removed);
  EXPECT_TRUE(removed->rewritten);
  EXPECT_TRUE(parse_catalogue(removed->text, "f.toml")->sources.empty());
}

TEST(CatalogueEdit, DefaultCatalogueSurvivesEveryEditInPlace) {
  const std::string text(default_catalogue_text());
  auto c = parse_catalogue(text, "d.toml");
  ASSERT_TRUE(c);
  for (const SourceEntry& e : c->sources) {
    auto flipped = set_enabled(text, "d.toml", e.name, !e.enabled);
    ASSERT_TRUE(flipped) << e.name;
    EXPECT_FALSE(flipped->rewritten) << e.name;
    auto removed = remove_source(text, "d.toml", e.name);
    ASSERT_TRUE(removed) << e.name;
    EXPECT_FALSE(removed->rewritten) << e.name;
  }
}

}  // namespace
}  // namespace ah::catalogue
