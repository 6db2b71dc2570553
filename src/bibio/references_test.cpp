// parse_references on a hand-written export of each format (tests/fixtures/bibio), on the tricky
// shapes one at a time, and the warnings and errors that name the file and the line.
#include "bibio/references.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/fixtures.h"

namespace ah::bibio {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

// What one reference should read as.
struct Want {
  const char* title;
  const char* doi;
  const char* arxiv_id;
  const char* pmid;
  int year;
  const char* authors;  // joined by "; "
};

void expect_reference(const Reference& r, const Want& w) {
  EXPECT_EQ(r.title, w.title);
  EXPECT_EQ(r.doi, w.doi);
  EXPECT_EQ(r.arxiv_id, w.arxiv_id);
  EXPECT_EQ(r.pmid, w.pmid);
  EXPECT_EQ(r.year, w.year);
  EXPECT_EQ(join(r.authors), w.authors);
}

// --- the fixtures: one export per format ----------------------------------------------------

struct FixtureCase {
  const char* name;
  const char* file;
  Format format;
  size_t count;  // references in the file
  size_t index;  // the one checked
  size_t line;
  const char* key;
  Want want;
};

class ParseFixture : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(ParseFixture, ReadsTheEntryAsExported) {
  const FixtureCase& c = GetParam();
  const std::string text = ah::testing::read_file(ah::testing::own_fixture(c.file));
  auto parsed = parse_references(text, c.file);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->format, c.format);
  EXPECT_TRUE(parsed->warnings.empty()) << join(parsed->warnings);
  ASSERT_EQ(parsed->references.size(), c.count);
  const Reference& r = parsed->references[c.index];
  EXPECT_EQ(r.line, c.line);
  EXPECT_EQ(r.key, c.key);
  expect_reference(r, c.want);
}

constexpr const char* kBib = "bibio/zotero_better_bibtex.bib";
constexpr const char* kRis = "bibio/zotero_export.ris";
constexpr const char* kJson = "bibio/zotero_export.json";
constexpr const char* kRdf = "bibio/zotero_export.rdf";

INSTANTIATE_TEST_SUITE_P(
    Exports, ParseFixture,
    ::testing::Values(
        FixtureCase{
            "BibtexArxivPreprint",
            kBib,
            Format::bibtex,
            6,
            0,
            10,
            "vaswaniAttentionAllYou2017",
            {"Attention Is All You Need", "10.48550/arxiv.1706.03762", "1706.03762", "", 2017,
             "Ashish Vaswani; Noam Shazeer; Niki Parmar; Jakob Uszkoreit; Llion Jones; "
             "Aidan N. Gomez; Łukasz Kaiser; Illia Polosukhin"}},
        FixtureCase{"BibtexQuotedValuesAndAccents",
                    kBib,
                    Format::bibtex,
                    6,
                    1,
                    26,
                    "schrodingerQuantisierungAlsEigenwertproblem1926",
                    {"Quantisierung als Eigenwertproblem", "10.1002/andp.19263840404", "", "", 1926,
                     "Erwin Schrödinger"}},
        FixtureCase{"BibtexConcatenationAndMultiLineAuthors",
                    kBib,
                    Format::bibtex,
                    6,
                    2,
                    37,
                    "devlin-etal-2019-bert",
                    {"BERT: Pre-training of Deep Bidirectional Transformers for Language "
                     "Understanding",
                     "10.18653/v1/n19-1423", "", "", 2019,
                     "Jacob Devlin; Ming-Wei Chang; Kenton Lee; Kristina Toutanova"}},
        FixtureCase{"BibtexOldStyleEprintAndMathKept",
                    kBib,
                    Format::bibtex,
                    6,
                    3,
                    54,
                    "maldacenaLargeNLimit1999",
                    {"The Large-$N$ Limit of Superconformal Field Theories and Supergravity", "",
                     "hep-th/9711200", "", 1999, "Juan Maldacena"}},
        FixtureCase{"BibtexParenthesesAndArxivInNote",
                    kBib,
                    Format::bibtex,
                    6,
                    4,
                    64,
                    "he2016deep",
                    {"Deep Residual Learning for Image Recognition", "", "1512.03385", "", 2016,
                     "Kaiming He; Xiangyu Zhang; Shaoqing Ren; Jian Sun"}},
        FixtureCase{"BibtexEmphJrCorporateAndOthers",
                    kBib,
                    Format::bibtex,
                    6,
                    5,
                    72,
                    "smithInVivoRole2020",
                    {"The in vivo role of École-trained T cells", "", "", "31234567", 2020,
                     "John Smith Jr.; World Health Organization"}},
        FixtureCase{"RisJournalArticleFromPubmed",
                    kRis,
                    Format::ris,
                    3,
                    0,
                    1,
                    "",
                    {"Highly accurate protein structure prediction with AlphaFold",
                     "10.1038/s41586-021-03819-2", "", "34265844", 2021,
                     "John Jumper; Richard Evans; Demis Hassabis"}},
        FixtureCase{"RisArxivPreprint",
                    kRis,
                    Format::ris,
                    3,
                    1,
                    25,
                    "",
                    {"Language Models are Few-Shot Learners", "10.48550/arxiv.2005.14165",
                     "2005.14165", "", 2020, "Tom B. Brown; Benjamin Mann"}},
        FixtureCase{"RisOldTagsAndContinuationLines",
                    kRis,
                    Format::ris,
                    3,
                    2,
                    40,
                    "",
                    {"Deep Residual Learning for Image Recognition", "10.1109/cvpr.2016.90", "", "",
                     2016, "Kaiming He; Xiangyu Zhang"}},
        FixtureCase{"CslJsonArticleWithRichTextTitle",
                    kJson,
                    Format::csl_json,
                    4,
                    0,
                    2,
                    "http://zotero.org/users/1234567/items/ABCD1234",
                    {"Highly accurate protein structure prediction with AlphaFold",
                     "10.1038/s41586-021-03819-2", "", "34265844", 2021,
                     "John Jumper; Richard Evans; Demis Hassabis"}},
        FixtureCase{"CslJsonArxivPreprint",
                    kJson,
                    Format::csl_json,
                    4,
                    1,
                    26,
                    "http://zotero.org/users/1234567/items/EFGH5678",
                    {"Language Models are Few-Shot Learners", "10.48550/arxiv.2005.14165",
                     "2005.14165", "", 2020, "Tom B. Brown; Benjamin Mann"}},
        FixtureCase{"CslJsonLiteralAuthorAndRawDate",
                    kJson,
                    Format::csl_json,
                    4,
                    2,
                    42,
                    "who2020",
                    {"Coronavirus disease 2019 (COVID-19): situation report, 51", "", "", "", 2020,
                     "World Health Organization"}},
        FixtureCase{"CslJsonParticle",
                    kJson,
                    Format::csl_json,
                    4,
                    3,
                    51,
                    "vanderwaals1873",
                    {"Over de continuiteit van den gas- en vloeistoftoestand", "", "", "", 1873,
                     "Johannes Diderik van der Waals"}},
        FixtureCase{
            "ZoteroRdfArticle",
            kRdf,
            Format::zotero_rdf,
            3,
            0,
            10,
            "https://www.nature.com/articles/s41586-021-03819-2",
            {"Highly accurate protein structure prediction with AlphaFold",
             "10.1038/s41586-021-03819-2", "", "34265844", 2021, "John Jumper; Richard Evans"}},
        FixtureCase{
            "ZoteroRdfPreprintAsDescription",
            kRdf,
            Format::zotero_rdf,
            3,
            1,
            62,
            "http://arxiv.org/abs/2005.14165",
            {"Language Models are Few-Shot Learners", "", "2005.14165", "", 2020, "Tom B. Brown"}},
        FixtureCase{"ZoteroRdfBookWithoutIdentifiers",
                    kRdf,
                    Format::zotero_rdf,
                    3,
                    2,
                    87,
                    "urn:isbn:978-0-262-03561-3",
                    {"Deep Learning", "", "", "", 2016, "Ian Goodfellow"}}),
    [](const auto& info) { return std::string(info.param.name); });

// --- one tricky shape at a time ---------------------------------------------------------------

struct ShapeCase {
  const char* name;
  const char* file;
  const char* text;
  Format format;
  Want want;
};

class ParseShape : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(ParseShape, ReadsTheOneReference) {
  const ShapeCase& c = GetParam();
  auto parsed = parse_references(c.text, c.file);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->format, c.format);
  EXPECT_TRUE(parsed->warnings.empty()) << join(parsed->warnings);
  ASSERT_EQ(parsed->references.size(), 1u);
  expect_reference(parsed->references[0], c.want);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, ParseShape,
    ::testing::Values(
        ShapeCase{"BibtexNestedBracesAndAccentForms",
                  "a.bib",
                  "@article{k, title = {{On {the} {\\\"o}ffentliche} \\\"{U}bung and Erd\\H{o}s},"
                  " year = {2001}}",
                  Format::bibtex,
                  {"On the öffentliche Übung and Erdős", "", "", "", 2001, ""}},
        ShapeCase{"BibtexMacroConcatenatedWithText",
                  "a.bib",
                  "@string{ai = \"Artificial\"}\n"
                  "@misc{k, title = ai # { Intelligence, a } # \"Survey\", year = 2020}",
                  Format::bibtex,
                  {"Artificial Intelligence, a Survey", "", "", "", 2020, ""}},
        ShapeCase{"BibtexUpperCaseTypeAndFieldNames",
                  "a.bib",
                  "@ARTICLE{k, TITLE = {Shouted}, DOI = {https://doi.org/10.1000/ABC}, "
                  "YEAR = {1999}}",
                  Format::bibtex,
                  {"Shouted", "10.1000/abc", "", "", 1999, ""}},
        ShapeCase{"BibtexBiblatexDateAndEprinttype",
                  "a.bib",
                  "@online{k, title = {T}, date = {2023-05-01}, eprinttype = {arxiv},"
                  " eprint = {2305.00001v3}}",
                  Format::bibtex,
                  {"T", "", "2305.00001", "", 2023, ""}},
        ShapeCase{"BibtexPubmedEprint",
                  "a.bib",
                  "@article{k, title = {T}, eprinttype = {pubmed}, eprint = {0012345}}",
                  Format::bibtex,
                  {"T", "", "", "12345", 0, ""}},
        ShapeCase{"BibtexOldStyleNumberWithPrimaryClass",
                  "a.bib",
                  "@article{k, title = {T}, eprint = {9901001}, archiveprefix = {arXiv},"
                  " primaryclass = {hep-th}}",
                  Format::bibtex,
                  {"T", "", "hep-th/9901001", "", 0, ""}},
        ShapeCase{
            "BibtexArxivUrlVersioned",
            "a.bib",
            "@misc{k, title = {T}, howpublished = {\\url{https://arxiv.org/abs/2401.01234v2}}}",
            Format::bibtex,
            {"T", "", "2401.01234", "", 0, ""}},
        ShapeCase{"BibtexCommentLinesBetweenFields",
                  "a.bib",
                  "@article{k,\n% a note to self\n  title = {T}, % trailing\n  year = 2010,\n}",
                  Format::bibtex,
                  {"T", "", "", "", 2010, ""}},
        ShapeCase{"BibtexTextBeforeEntriesIgnored",
                  "a.bib",
                  "Written by me@example.org\n@article{k, title = {T}}",
                  Format::bibtex,
                  {"T", "", "", "", 0, ""}},
        ShapeCase{"RisWithoutTrailingBlankAfterDash",
                  "a.ris",
                  "TY  - JOUR\nTI  - T\nPY  - 2011///\nDO  - doi:10.1/X\nER  -",
                  Format::ris,
                  {"T", "10.1/x", "", "", 2011, ""}},
        ShapeCase{"RisWithWhatLooksLikeABibtexEntry",
                  "a.ris",
                  "TY  - JOUR\nTI  - Mail @home (x)\nER  - \n",
                  Format::ris,
                  {"Mail @home (x)", "", "", "", 0, ""}},
        ShapeCase{"BibtexAfterWhatLooksLikeRisExtensionDecides",
                  "a.bib",
                  "TY  - not a record\n@article{k, title = {T}}",
                  Format::bibtex,
                  {"T", "", "", "", 0, ""}},
        ShapeCase{"CslJsonSingleItemObject",
                  "a.json",
                  "{\"type\": \"article\", \"title\": \"T\", \"PMID\": 42}",
                  Format::csl_json,
                  {"T", "", "", "42", 0, ""}},
        ShapeCase{"CslJsonStringYearAndSpanTag",
                  "a.json",
                  "[{\"title\": \"<span style=\\\"font-variant:small-caps;\\\">Small</span> caps"
                  " &amp; more\", \"issued\": {\"date-parts\": [[\"1999\"]]}}]",
                  Format::csl_json,
                  {"Small caps & more", "", "", "", 1999, ""}}),
    [](const auto& info) { return std::string(info.param.name); });

// --- a broken entry is a warning; the rest still parse ----------------------------------------

struct WarningCase {
  const char* name;
  const char* file;
  const char* text;
  std::vector<std::string> titles;  // of the references read
  const char* warning;              // the start of the one warning
};

class ParseWarning : public ::testing::TestWithParam<WarningCase> {};

TEST_P(ParseWarning, NamesTheLineAndKeepsTheRest) {
  const WarningCase& c = GetParam();
  auto parsed = parse_references(c.text, c.file);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  std::vector<std::string> titles;
  for (const Reference& r : parsed->references) titles.push_back(r.title);
  EXPECT_EQ(titles, c.titles);
  ASSERT_EQ(parsed->warnings.size(), 1u) << join(parsed->warnings);
  EXPECT_TRUE(parsed->warnings[0].starts_with(c.warning)) << parsed->warnings[0];
}

INSTANTIATE_TEST_SUITE_P(
    Warnings, ParseWarning,
    ::testing::Values(
        WarningCase{"BibtexBraceNeverCloses",
                    "refs.bib",
                    "@article{a, title = {One}}\n"
                    "@article{b,\n  title = {Two,\n  year = 2020\n\n"
                    "@article{c, title = {Three}}\n",
                    {"One", "Three"},
                    "refs.bib: line 2: @article 'b': line 3: "},
        WarningCase{"BibtexMissingClosingBrace",
                    "refs.bib",
                    "@article{a, title = {One}, year = 2020\n\n@article{b, title = {Two}}\n",
                    {"Two"},
                    "refs.bib: line 1: @article 'a': line 3: expected ','"},
        WarningCase{"BibtexMissingEquals",
                    "refs.bib",
                    "@article{a, title {One}}\n@article{b, title = {Two}}\n",
                    {"Two"},
                    "refs.bib: line 1: @article 'a': line 1: expected '='"},
        WarningCase{"BibtexUnknownMacroReadAsEmpty",
                    "refs.bib",
                    "@article{a, title = {One}, journal = nosuchmacro}\n",
                    {"One"},
                    "refs.bib: line 1: unknown @string macro 'nosuchmacro'"},
        WarningCase{"BibtexEntryWithoutTitleOrIdentifier",
                    "refs.bib",
                    "@article{a, title = {One}}\n\n@book{b, year = 2020}\n",
                    {"One"},
                    "refs.bib: line 3: @book 'b': no title"},
        WarningCase{"RisRecordWithoutEr",
                    "refs.ris",
                    "TY  - JOUR\nTI  - One\nTY  - JOUR\nTI  - Two\nER  - \n",
                    {"One", "Two"},
                    "refs.ris: line 1: record has no ER line before the next TY at line 3"},
        WarningCase{"RisTagOutsideRecord",
                    "refs.ris",
                    "TI  - Stray\nTY  - JOUR\nTI  - One\nER  - \n",
                    {"One"},
                    "refs.ris: line 1: 'TI' outside a record"},
        WarningCase{"CslJsonItemNotAnObject",
                    "refs.json",
                    "[\n  {\"title\": \"One\"},\n  \"oops\",\n  {\"title\": \"Two\"}\n]",
                    {"One", "Two"},
                    "refs.json: line 3: item 2 is not an object"}),
    [](const auto& info) { return std::string(info.param.name); });

// --- errors name the file and the line --------------------------------------------------------

struct ErrorCase {
  const char* name;
  const char* file;
  const char* text;
  const char* message;  // the start of the error's message
};

class ParseError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ParseError, IsInvalidArgumentNamingFileAndLine) {
  const ErrorCase& c = GetParam();
  auto parsed = parse_references(c.text, c.file);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(parsed.error().message.starts_with(c.message)) << parsed.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Errors, ParseError,
    ::testing::Values(
        ErrorCase{"Empty", "refs.bib", " \n\n", "refs.bib: line 1: the file is empty"},
        ErrorCase{"NoneOfTheFormats", "notes.txt", "\nJust some notes\nabout papers\n",
                  "notes.txt: line 2: none of BibTeX, RIS, CSL-JSON or Zotero RDF"},
        ErrorCase{"JsonSyntaxError", "refs.json", "[\n  {\"title\": \"One\"},\n  {\"title\": }\n]",
                  "refs.json: line 3: not valid JSON"},
        ErrorCase{"JsonNotAList", "refs.json", "{\"version\": 3}",
                  "refs.json: line 1: JSON that is not CSL-JSON"},
        ErrorCase{"XmlNotWellFormed", "refs.rdf", "<rdf:RDF>\n<bib:Article>\n</rdf:RDF>\n",
                  "refs.rdf: line 3: not well-formed XML"},
        ErrorCase{"XmlNotRdf", "refs.rdf", "<?xml version=\"1.0\"?>\n<html><body/></html>",
                  "refs.rdf: line 2: XML whose root is <html>"},
        ErrorCase{"EveryEntryBroken", "refs.bib", "@article{a, title {One}}\n",
                  "refs.bib: line 1: @article 'a': line 1: expected '='"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ParseReferences, SkipsTheByteOrderMarkAndCountsLinesFromIt) {
  auto parsed = parse_references("\xEF\xBB\xBF\n@article{a, title = {One}}", "a.bib");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->references.size(), 1u);
  EXPECT_EQ(parsed->references[0].line, 2u);
}

}  // namespace
}  // namespace ah::bibio
