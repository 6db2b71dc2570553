#include "brief/render_strings.h"

#include <array>

namespace ah::brief {
namespace {

struct Row {
  Msg msg;
  std::string_view en;
  std::string_view zh;
};

constexpr Row kRows[] = {
    {Msg::title, "# Briefing: {} papers, {} themes", "# 简报：{} 篇论文，{} 个主题"},
    {Msg::overview, "**{} papers** fall into **{} themes**.",
     "共 **{} 篇论文**，分为 **{} 个主题**。"},
    {Msg::dates, " Dates: {} to {}.", "时间：{} 至 {}。"},
    {Msg::categories, "Categories: {}.", "分类：{}。"},
    {Msg::sources, " Sources: {}.", "来源：{}。"},
    {Msg::themes_heading, "## Themes", "## 主题"},
    {Msg::theme_heading, "### {}. {} ({} papers, {}%)", "### {}. {}（{} 篇，{}%）"},
    {Msg::field, "- Field: {}", "- 领域：{}"},
    {Msg::theme_categories, "- Categories: {}", "- 分类：{}"},
    {Msg::venues, "- Venues: {}", "- 期刊/会议：{}"},
    {Msg::key_papers, "- Key papers: {}", "- 代表论文：{}"},
    {Msg::all_papers, "- All papers: {}", "- 全部论文：{}"},
    {Msg::no_label, "(no distinctive words)", "（无明显特征词）"},
    {Msg::bridges_heading, "## Where fields meet", "## 交叉领域"},
    {Msg::bridge_paper, "- *{}* {} belongs to theme {} ({}) and reaches theme {} ({})",
     "- *{}* {} 属于主题 {}（{}），也接近主题 {}（{}）"},
    {Msg::bridge_cross_listed, ", cross-listed in {}", "，并交叉列入 {}"},
    {Msg::bridge_terms, "- Themes {} and {} share: {}.", "- 主题 {} 与主题 {} 的共同术语：{}。"},
    {Msg::no_bridges, "No theme reaches clearly into another field.",
     "各主题之间没有明显的跨领域联系。"},
    {Msg::new_heading, "## What is new", "## 新动向"},
    {Msg::new_intro,
     "Compared with the previous period ({} papers):", "与上一周期（{} 篇论文）相比："},
    {Msg::rising_term, "**{}** ({} papers, {} before)", "**{}**（{} 篇，此前 {} 篇）"},
    {Msg::rising_terms, "- Rising terms: {}.", "- 上升的术语：{}。"},
    {Msg::rising_theme, "- Theme {} ({}) grew: {} papers, {} before.",
     "- 主题 {}（{}）增长：{} 篇，此前 {} 篇。"},
    {Msg::nothing_rising, "- Nothing rises clearly.", "- 没有明显上升的术语或主题。"},
    {Msg::notable_heading, "## Notable papers", "## 值得关注的论文"},
    {Msg::followed_author, "by {}, whom you follow", "作者 {} 是你关注的学者"},
    {Msg::radar_top, "among the radar's best (score {})", "雷达评分靠前（{} 分）"},
    {Msg::radar_reason, ": {}", "：{}"},
    {Msg::published, "published in {}", "已正式发表于 {}"},
    {Msg::published_plain, "published", "已正式发表"},
    {Msg::retracted, "retracted", "已撤稿"},
    {Msg::withdrawn, "withdrawn by its authors", "已被作者撤回"},
    {Msg::corrected, "corrected", "已发布更正"},
    {Msg::concern, "under an expression of concern", "已被发布关注声明"},
    {Msg::list_separator, ", ", "、"},
    {Msg::sentence_end, ".", "。"},
    {Msg::count_of, "{} ({})", "{}（{}）"},
};

constexpr bool table_is_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kRows); ++i) {
    if (static_cast<std::size_t>(kRows[i].msg) != i) return false;
  }
  return true;
}
static_assert(table_is_in_enum_order(), "kRows must list every Msg once, in order");
static_assert(std::size(kRows) == static_cast<std::size_t>(Msg::count_of) + 1);

}  // namespace

std::string_view text(Msg msg, Lang lang) {
  const Row& row = kRows[static_cast<std::size_t>(msg)];
  return lang == Lang::zh ? row.zh : row.en;
}

}  // namespace ah::brief
