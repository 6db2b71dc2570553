#include "brief/render.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ah::brief {
namespace {

using ::testing::HasSubstr;

std::vector<core::Paper> papers() {
  std::vector<core::Paper> out;
  for (int i = 0; i < 6; ++i) {
    core::Paper p;
    p.arxiv_id = "2501.0000" + std::to_string(i);
    p.title_display = i < 3 ? "Protein *folding* with diffusion" : "Quantum error correction codes";
    p.abstract_display = i < 3 ? "Protein structure folding diffusion." : "Quantum codes error.";
    p.categories = {i < 3 ? "q-bio.BM" : "quant-ph"};
    p.announced = "2025-01-0" + std::to_string(i + 1);
    p.source = core::source::kArxivOai;
    out.push_back(std::move(p));
  }
  out[5].status.retracted = true;
  return out;
}

TEST(RenderMarkdown, WritesEachSectionInEnglishAndChineseCitingPapersByNumber) {
  const auto set = papers();
  const Analysis analysis = analyse(set, {});
  const std::string en = render_markdown(analysis, set, {});
  EXPECT_THAT(en, HasSubstr("# Briefing: 6 papers"));
  EXPECT_THAT(en, HasSubstr("Dates: 2025-01-01 to 2025-01-06."));
  EXPECT_THAT(en, HasSubstr("## Themes"));
  EXPECT_THAT(en, HasSubstr("## Notable papers"));
  EXPECT_THAT(en, HasSubstr("- Retracted: *Quantum error correction codes* [6]"));
  EXPECT_THAT(en, HasSubstr("*Protein  folding  with diffusion*"));  // emphasis made harmless
  EXPECT_THAT(en, ::testing::Not(HasSubstr("## What is new")));
  RenderOptions zh;
  zh.lang = Lang::zh;
  const std::string cn = render_markdown(analysis, set, zh);
  EXPECT_THAT(cn, HasSubstr("# 简报：6 篇论文"));
  EXPECT_THAT(cn, HasSubstr("## 主题"));
  EXPECT_THAT(cn, HasSubstr("- 已撤稿：*Quantum error correction codes* [6]"));
  EXPECT_THAT(cn, HasSubstr("时间：2025-01-01 至 2025-01-06。"));
}

TEST(RenderMarkdown, SaysSoForAnEmptySet) {
  const Analysis analysis = analyse({}, {});
  EXPECT_EQ(render_markdown(analysis, {}, {}),
            "# Briefing: 0 papers, 0 themes\n\n**0 papers** fall into **0 themes**.");
}

TEST(ParseLang, ReadsTheUsualSpellings) {
  EXPECT_EQ(parse_lang("zh"), Lang::zh);
  EXPECT_EQ(parse_lang("zh-CN"), Lang::zh);
  EXPECT_EQ(parse_lang("EN"), Lang::en);
  EXPECT_EQ(parse_lang("fr"), std::nullopt);
  EXPECT_EQ(to_string(Lang::zh), "zh");
}

}  // namespace
}  // namespace ah::brief
