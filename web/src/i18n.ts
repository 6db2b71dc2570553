// Every user-visible string of the page, in Chinese and English, in one table.
// `en` defines the keys; `zh` must have exactly the same keys (a missing or extra key is a type error).
// Placeholders are written {name} and filled by t(key, {name: value}).

const en = {
  strap: "Academic Intelligence · Curated Daily",
  headline: "Explore the frontier of research worldwide",
  pitch1:
    "AcademicHub brings together the literature of top journals and preprint platforms as it appears.",
  pitch2:
    "Set up your own research radar, and let large language models write cross-disciplinary briefings on the literature.",
  closeIntro: "Close the introduction",
  showIntro: "About AcademicHub",
  skipToPapers: "Skip to the papers",
  langLabel: "Language",
  langZh: "中文",
  langEn: "EN",
  themeAuto: "Theme: auto",
  themeLight: "Theme: light",
  themeDark: "Theme: dark",
  themeHint: "Switch between automatic, light and dark colours",

  filtersHeading: "Radar filters",
  filtersNone: "No filters: showing the newest papers of every field.",
  clearAll: "Clear all",
  removeFilter: "Remove filter {label}",
  kindAuthor: "Author",
  kindKeyword: "Keyword",
  kindExclude: "Excluded",
  kindCategory: "Category",
  kindSource: "Source",
  kindVenue: "Venue",
  kindSince: "Since",
  kindUntil: "Until",
  kindDay: "Day",
  addFilterLabel: "Add a filter",
  addFilterKind: "Filter kind",
  addFilterButton: "Add",
  phAuthor: "An author's name, e.g. Simeng Zhang",
  phKeyword: "A word or phrase to require",
  phExclude: "A word or phrase to leave out",
  phCategory: "A category, e.g. cs.CL",
  phSource: "A source, e.g. arxiv",
  phVenue: "A journal or conference",
  phDate: "YYYY-MM-DD",
  suggestCount: "{n} papers",
  suggestNone: "No suggestions",
  invalidDate: "Dates are written YYYY-MM-DD.",

  searchLabel: "Search papers",
  searchPlaceholder: 'e.g. au:"Simeng Zhang" ti:attention -diffusion',
  searchButton: "Search",
  searchClear: "Clear the search",
  searchHelp: "Search syntax",
  searchHelpWords: "sparse attention: papers with all the words",
  searchHelpPhrase: '"sparse attention": the exact phrase',
  searchHelpFields: "au: ti: abs: cat: search one field (au:zhang, cat:cs.CL)",
  searchHelpNot: "-diffusion leaves out papers with the word",
  searchHelpOr: "llm OR transformer: either word; token* matches any ending",
  resultsCount: "{n} results for “{q}”",

  dayLabel: "Browse by day",
  dayPrev: "Previous day",
  dayNext: "Next day",
  dayAll: "All dates",

  anotherBatch: "Another batch",
  startAgain: "Start again",
  shortcutHint: "Press N for another batch, / to search",
  batchShown: "Showing papers {from} to {to}",
  feedEnd: "That was the last batch: you have seen all {n} papers in this view.",
  feedEndAgain: "Start again from the newest",
  feedAllShown: "All {n} papers of this view are shown.",

  loading: "Loading papers…",
  errorTitle: "The papers could not be loaded",
  errorNetwork: "The AcademicHub server cannot be reached.",
  errorHttp: "The server answered {status}: {message}",
  retry: "Try again",
  emptyFiltered: "No papers match this view.",
  emptyFilteredHint: "Remove a filter, pick another day or change the search.",
  emptyStoreHarvested:
    "No papers yet: the harvester last ran at {time}, or import a snapshot with `academichub import`.",
  emptyStoreNever:
    "No papers yet: the harvester has not run yet. Run `academichub harvest arxiv`, or import a snapshot with `academichub import`.",
  statsLine: "{n} papers stored · newest {newest} · last harvest {time}",
  statsNever: "never",

  cardAuthors: "Authors",
  cardMoreAuthors: "+{n} more",
  cardFilterAuthor: "Show papers by {name}",
  cardShowMore: "Show more",
  cardShowLess: "Show less",
  cardPdf: "PDF",
  cardDoi: "DOI",
  cardPublished: "Published",
  cardAnnounced: "Announced",
  cardNoTitle: "(untitled)",
  cardVenueFilter: "Show papers in {venue}",
  cardSourceFilter: "Show papers from {source}",
  cardSources: "Sources",
  cardSourceFeed: "Journal feed",
  cardHistory: "History",
  cardArxiv: "arXiv",
  cardPubmed: "PubMed",
  cardArxivTitle: "arXiv abstract page",
  cardPubmedTitle: "PubMed record",
  histPublished: "Published",
  histCorrected: "Corrected",
  histRetracted: "Retracted",
  histConcern: "Expression of concern",
  histWithdrawn: "Withdrawn",
  histNotice: "Notice",
  badgeRetracted: "Retracted",
  badgeCorrected: "Corrected",
  badgeConcern: "Expression of concern",
  badgeWithdrawn: "Withdrawn",
  badgeNotice: "Notice {doi}",
  badgeNoticeDated: "Notice {doi} of {date}",
  badgeNoNotice: "No notice DOI is known",
  updated: "Updated: {what}",
  updatedOn: "Updated on {date}",
  updPosted: "posted",
  updVersion: "new version",
  updPublished: "published",
  updCorrected: "corrected",
  updRetracted: "retracted",
  updConcern: "expression of concern",
  updWithdrawn: "withdrawn",
  updNotice: "notice",
  typeRetraction: "Retraction notice",
  typeCorrection: "Correction notice",
  typeConcern: "Notice of concern",

  sourcesHeading: "Sources",
  sourcesSummary: "{on} of {total} sources on",
  sourcesCountOk: "{n} OK",
  sourcesCountFailing: "{n} failing",
  sourcesCountSuspect: "{n} suspect",
  sourcesCountPending: "{n} not harvested yet",
  sourcesCountUnavailable: "{n} not in this build",
  sourcesShowAll: "All sources",
  sourcesNotHarvesting: "This server does not harvest: the list shows what earlier harvests recorded.",
  sourcesCatalogueError: "The sources file has an error: this is the list as last read.",
  sourcesError: "The source list could not be loaded.",
  sourcesRunning: "harvesting now",
  sourcesLastSuccess: "last harvest {age}",
  sourcesNew: "{n} new",
  sourcesKindFeed: "journal feed",
  healthOk: "OK",
  healthSuspect: "Quiet for longer than usual",
  healthFailing: "Failing",
  healthPending: "Not harvested yet",
  healthDisabled: "Off",
  healthUnavailable: "Not in this build",
  ageNow: "just now",
  ageMinutes: "{n} min ago",
  ageHours: "{n} h ago",
  ageDays: "{n} d ago",

  panelHeading: "Coming soon",
  radarHeading: "Why this paper",
  radarText: "Your radar will explain why each paper was picked for you.",
  briefingHeading: "Briefing",
  briefingText:
    "“Write a briefing” reads the papers in view across fields: themes, bridges, what matters, every claim citing its card.",

  briefWrite: "Write a briefing",
  briefTitle: "Briefing of {n} papers",
  briefAnalysing: "Analysing the papers…",
  briefWriting: "The language model is writing…",
  briefWrittenBy: "Written by {model} · {prompt} + {completion} tokens",
  briefCached: "saved earlier",
  briefAnalysisOnly: "The analysis alone: no language model is configured on this server.",
  briefFailed: "The language model failed ({message}); this is the analysis alone.",
  briefError: "The briefing stopped: {message}",
  briefCutShort: "the connection ended early",
  briefStopped: "stopped",
  briefStop: "Stop",
  briefClose: "Close the briefing",
  briefCite: "Go to paper {n}",
  briefThemes: "Papers per theme",
  briefNotes: "Notes on this briefing ({n})",
  briefExport: "Export:",
  briefExportMarkdown: "Markdown",
  briefExportHtml: "HTML",
  briefPapers: "Papers",
} satisfies Record<string, string>;

/** A key of the string table. */
export type MsgKey = keyof typeof en;

const zh: Record<MsgKey, string> = {
  strap: "Academic Intelligence · Curated Daily",
  headline: "探索全球前沿学术脉络",
  pitch1: "AcademicHub 汇聚顶级期刊与预印本平台的实时文献。",
  pitch2: "定制您的专属科研雷达，利用大语言模型自动生成交叉领域文献分析简报。",
  closeIntro: "关闭简介",
  showIntro: "关于 AcademicHub",
  skipToPapers: "跳到论文列表",
  langLabel: "语言",
  langZh: "中文",
  langEn: "EN",
  themeAuto: "主题：自动",
  themeLight: "主题：浅色",
  themeDark: "主题：深色",
  themeHint: "在自动、浅色与深色之间切换",

  filtersHeading: "雷达筛选",
  filtersNone: "暂无筛选：显示各领域最新论文。",
  clearAll: "全部清除",
  removeFilter: "移除筛选 {label}",
  kindAuthor: "作者",
  kindKeyword: "关键词",
  kindExclude: "排除",
  kindCategory: "分类",
  kindSource: "来源",
  kindVenue: "期刊/会议",
  kindSince: "起始日期",
  kindUntil: "截止日期",
  kindDay: "日期",
  addFilterLabel: "添加筛选",
  addFilterKind: "筛选类型",
  addFilterButton: "添加",
  phAuthor: "作者姓名，例如 Simeng Zhang",
  phKeyword: "必须包含的词或短语",
  phExclude: "要排除的词或短语",
  phCategory: "分类，例如 cs.CL",
  phSource: "来源，例如 arxiv",
  phVenue: "期刊或会议名称",
  phDate: "年-月-日（YYYY-MM-DD）",
  suggestCount: "{n} 篇",
  suggestNone: "没有建议",
  invalidDate: "日期格式为 YYYY-MM-DD。",

  searchLabel: "搜索论文",
  searchPlaceholder: '例如 au:"Simeng Zhang" ti:attention -diffusion',
  searchButton: "搜索",
  searchClear: "清除搜索",
  searchHelp: "搜索语法",
  searchHelpWords: "sparse attention：包含所有词的论文",
  searchHelpPhrase: '"sparse attention"：完整短语',
  searchHelpFields: "au: ti: abs: cat: 只搜索某一字段（au:zhang、cat:cs.CL）",
  searchHelpNot: "-diffusion：排除含有该词的论文",
  searchHelpOr: "llm OR transformer：任一词即可；token* 匹配任意词尾",
  resultsCount: "“{q}” 共 {n} 条结果",

  dayLabel: "按日浏览",
  dayPrev: "前一天",
  dayNext: "后一天",
  dayAll: "全部日期",

  anotherBatch: "换一批",
  startAgain: "从头再来",
  shortcutHint: "按 N 换一批，按 / 搜索",
  batchShown: "正在显示第 {from} 至 {to} 篇",
  feedEnd: "这是最后一批：本视图的 {n} 篇论文已全部看过。",
  feedEndAgain: "从最新的论文重新开始",
  feedAllShown: "本视图的 {n} 篇论文已全部显示。",

  loading: "正在加载论文…",
  errorTitle: "无法加载论文",
  errorNetwork: "无法连接 AcademicHub 服务器。",
  errorHttp: "服务器返回 {status}：{message}",
  retry: "重试",
  emptyFiltered: "没有符合当前条件的论文。",
  emptyFilteredHint: "请移除某个筛选条件、换一天或修改搜索。",
  emptyStoreHarvested:
    "暂无论文：采集器最近一次运行于 {time}；也可以用 `academichub import` 导入快照。",
  emptyStoreNever:
    "暂无论文：采集器尚未运行。请运行 `academichub harvest arxiv`，或用 `academichub import` 导入快照。",
  statsLine: "已收录 {n} 篇论文 · 最新 {newest} · 最近采集 {time}",
  statsNever: "从未",

  cardAuthors: "作者",
  cardMoreAuthors: "另 {n} 位",
  cardFilterAuthor: "查看 {name} 的论文",
  cardShowMore: "展开",
  cardShowLess: "收起",
  cardPdf: "PDF",
  cardDoi: "DOI",
  cardPublished: "发表",
  cardAnnounced: "公布",
  cardNoTitle: "（无标题）",
  cardVenueFilter: "查看 {venue} 的论文",
  cardSourceFilter: "查看来自 {source} 的论文",
  cardSources: "来源",
  cardSourceFeed: "期刊订阅源",
  cardHistory: "历程",
  cardArxiv: "arXiv",
  cardPubmed: "PubMed",
  cardArxivTitle: "arXiv 摘要页",
  cardPubmedTitle: "PubMed 条目",
  histPublished: "正式发表",
  histCorrected: "更正",
  histRetracted: "撤稿",
  histConcern: "关注声明",
  histWithdrawn: "撤回",
  histNotice: "通知",
  badgeRetracted: "已撤稿",
  badgeCorrected: "已更正",
  badgeConcern: "关注声明",
  badgeWithdrawn: "已撤回",
  badgeNotice: "通知 {doi}",
  badgeNoticeDated: "{date} 的通知 {doi}",
  badgeNoNotice: "未知通知 DOI",
  updated: "已更新：{what}",
  updatedOn: "更新于 {date}",
  updPosted: "已发布",
  updVersion: "新版本",
  updPublished: "已发表",
  updCorrected: "已更正",
  updRetracted: "已撤稿",
  updConcern: "关注声明",
  updWithdrawn: "已撤回",
  updNotice: "通知",
  typeRetraction: "撤稿声明",
  typeCorrection: "更正声明",
  typeConcern: "关注声明",

  sourcesHeading: "文献来源",
  sourcesSummary: "共 {total} 个来源，{on} 个已启用",
  sourcesCountOk: "{n} 个正常",
  sourcesCountFailing: "{n} 个采集失败",
  sourcesCountSuspect: "{n} 个可疑",
  sourcesCountPending: "{n} 个尚未采集",
  sourcesCountUnavailable: "{n} 个本版本暂不支持",
  sourcesShowAll: "全部来源",
  sourcesNotHarvesting: "此服务器未开启采集：列表显示以往采集的记录。",
  sourcesCatalogueError: "来源配置文件有误：以下为上次读取的列表。",
  sourcesError: "无法加载来源列表。",
  sourcesRunning: "正在采集",
  sourcesLastSuccess: "最近采集：{age}",
  sourcesNew: "新增 {n} 篇",
  sourcesKindFeed: "期刊 RSS",
  healthOk: "正常",
  healthSuspect: "沉寂时间超过平常",
  healthFailing: "采集失败",
  healthPending: "尚未采集",
  healthDisabled: "已停用",
  healthUnavailable: "本版本暂不支持",
  ageNow: "刚刚",
  ageMinutes: "{n} 分钟前",
  ageHours: "{n} 小时前",
  ageDays: "{n} 天前",

  panelHeading: "即将推出",
  radarHeading: "为什么推荐这篇",
  radarText: "科研雷达将说明每篇论文为何被选中。",
  briefingHeading: "文献简报",
  briefingText: "“生成简报”会跨领域阅读当前的论文：主题、交叉点、重要论文，每个论断都引用对应的卡片。",

  briefWrite: "生成简报",
  briefTitle: "{n} 篇论文的简报",
  briefAnalysing: "正在分析论文…",
  briefWriting: "大语言模型正在撰写…",
  briefWrittenBy: "由 {model} 撰写 · {prompt} + {completion} 个词元",
  briefCached: "此前已生成",
  briefAnalysisOnly: "仅为分析结果：本服务器未配置大语言模型。",
  briefFailed: "大语言模型出错（{message}），以下仅为分析结果。",
  briefError: "简报已中断：{message}",
  briefCutShort: "连接提前结束",
  briefStopped: "已停止",
  briefStop: "停止",
  briefClose: "关闭简报",
  briefCite: "跳到第 {n} 篇",
  briefThemes: "各主题论文数",
  briefNotes: "关于本简报的说明（{n}）",
  briefExport: "导出：",
  briefExportMarkdown: "Markdown",
  briefExportHtml: "HTML",
  briefPapers: "论文",
};

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];
export const TABLES: Readonly<Record<Lang, Readonly<Record<MsgKey, string>>>> = { zh, en };

let current: Lang = "en";

export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return current;
}

/** The string for `key` in the current language, with {placeholders} replaced from `params`. */
export function t(key: MsgKey, params?: Readonly<Record<string, string | number>>): string {
  const template = TABLES[current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Number formatting for the current language (both use Western digits with grouping). */
export function formatCount(n: number): string {
  return n.toLocaleString(current === "zh" ? "zh-CN" : "en-US");
}

const STORAGE_KEY = "academichub.lang";

/** The stored choice, else Chinese when the browser's language starts with "zh", else English. */
export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "zh" || stored === "en") return stored;
  } catch {
    // Storage can be disabled; fall through to the browser's language.
  }
  return (navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function rememberLang(l: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // Not remembered when storage is disabled; the page still switches.
  }
}
