//! User-facing text: Chinese first, English available, remembered on the device.

use gloo::storage::{LocalStorage, Storage};

const KEY: &str = "kanbao.lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn load() -> Self {
        match LocalStorage::get::<String>(KEY).ok().as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        }
    }
    pub fn save(self) {
        let _ = LocalStorage::set(KEY, if self == Lang::En { "en" } else { "zh" });
    }
    pub fn other(self) -> Self {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// Every piece of interface text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum T {
    Tagline,
    SwitchLang,
    SearchPlaceholder,
    SearchButton,
    SearchLabel,
    Issues,
    Articles,
    Undated,
    Loading,
    NoResults,
    NoResultsHint,
    ResultsCount,
    Home,
    NotFoundArticle,
    NotFoundIssue,
    NotFoundPage,
    LoadFailed,
    LoadFailedHint,
    MissingFile,
    CorruptFile,
    VersionMismatch,
    ContinuesTo,
    ContinuedFrom,
    Interleaved,
    SortRelevance,
    SortNewest,
    SortOldest,
    Sort,
    SyntaxHelp,
    About,
    ActiveFilters,
    Remove,
    SearchedFor,
    DropAFilter,
    ClearFilters,
    ResultPages,
    Refine,
    FacetYear,
    FacetDate,
    FacetPage,
    FacetAuthor,
    FacetKind,
    FacetIssue,
    HitsByMonth,
    MoreArticles,
    PrevArticle,
    NextArticle,
    Cite,
    CopyCitation,
    Copied,
    Related,
    TextSize,
    Theme,
    ThemeAuto,
    ThemeLight,
    ThemeDark,
    Print,
    Pages,
    AdsAndNotices,
    BrowseByDate,
    Years,
    PrevMonth,
    NextMonth,
    NoIssuesThisMonth,
    IssuesUnit,
    TodayInPastYears,
    LatestIssue,
    PrevPage,
    NextPage,
    TypeToSearch,
    IssueNumber,
    OfflineFromDisk,
    OfflineParts,
    DownloadAll,
    Downloading,
    OfflineAll,
    DownloadFailed,
    TryAgain,
}

impl T {
    pub fn s(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            T::Tagline => ("地方报纸离线阅览室", "An offline reading room for local newspapers"),
            T::SwitchLang => ("English", "中文"),
            T::SearchPlaceholder => ("搜索报道、人名、地名…", "Search articles, names, places…"),
            T::SearchButton => ("搜索", "Search"),
            T::SearchLabel => ("搜索档案", "Search the archive"),
            T::Issues => ("报纸期次", "Issues"),
            T::Articles => ("篇文章", "articles"),
            T::Undated => ("日期不详", "Date unknown"),
            T::Loading => ("正在载入…", "Loading…"),
            T::NoResults => ("没有找到相关文章", "No articles found"),
            T::NoResultsHint => ("试试更短的词，或去掉一个条件。", "Try a shorter word, or drop a condition."),
            T::ResultsCount => ("篇相关文章", "matching articles"),
            T::Home => ("首页", "Home"),
            T::NotFoundArticle => ("找不到这篇文章", "This article does not exist"),
            T::NotFoundIssue => ("找不到这一期报纸", "This issue does not exist"),
            T::NotFoundPage => ("找不到这个页面", "Page not found"),
            T::LoadFailed => ("无法打开档案", "The archive could not be opened"),
            T::LoadFailedHint => (
                "请确认 index.html 旁边的 bundle 文件夹完整，然后刷新页面；如果问题仍在，请用 kanbao build 重新生成档案。",
                "Check that the bundle folder next to index.html is complete, then reload; if it persists, rebuild the archive with kanbao build.",
            ),
            T::MissingFile => ("缺少档案文件", "A bundle file is missing"),
            T::CorruptFile => ("档案文件已损坏或不完整", "A bundle file is corrupt or incomplete"),
            T::VersionMismatch => ("档案格式版本与阅读器不符", "The archive's format version does not match this reader"),
            T::ContinuesTo => ("下转", "Continued on"),
            T::ContinuedFrom => ("上接", "Continued from"),
            T::Interleaved => (
                "原始文本的分栏可能混排，部分段落顺序可能有误。",
                "The extracted columns may be interleaved; some paragraphs may be out of order.",
            ),
            T::SortRelevance => ("相关度", "Relevance"),
            T::SortNewest => ("最新", "Newest"),
            T::SortOldest => ("最早", "Oldest"),
            T::Sort => ("排序", "Sort"),
            T::SyntaxHelp => (
                "空格表示“并且”；\"完整短语\"；-词 排除；A OR B；作者:李雨婷 版:1 日期:2023-08。",
                "Spaces mean AND; \"exact phrase\"; -word excludes; A OR B; author:名 page:1 date:2023-08.",
            ),
            T::About => ("约 ", "about "),
            T::ActiveFilters => ("当前条件", "Active filters"),
            T::Remove => ("去掉", "Remove"),
            T::SearchedFor => ("搜索词：", "Searched for:"),
            T::DropAFilter => ("去掉一个条件再试试。", "Try dropping a filter."),
            T::ClearFilters => ("清除全部条件", "Clear all filters"),
            T::ResultPages => ("结果分页", "Result pages"),
            T::Refine => ("筛选", "Refine"),
            T::FacetYear => ("年份", "Year"),
            T::FacetDate => ("日期", "Date"),
            T::FacetPage => ("版面", "Page"),
            T::FacetAuthor => ("作者", "Author"),
            T::FacetKind => ("类型", "Kind"),
            T::FacetIssue => ("期次", "Issue"),
            T::HitsByMonth => ("按月分布", "Hits by month"),
            T::MoreArticles => ("更多文章", "More articles"),
            T::PrevArticle => ("上一篇", "Previous"),
            T::NextArticle => ("下一篇", "Next"),
            T::Cite => ("引用", "Cite"),
            T::CopyCitation => ("复制引文", "Copy citation"),
            T::Copied => ("已复制", "Copied"),
            T::Related => ("相关文章", "Related articles"),
            T::TextSize => ("字号", "Text size"),
            T::Theme => ("主题", "Theme"),
            T::ThemeAuto => ("自动", "Auto"),
            T::ThemeLight => ("浅色", "Light"),
            T::ThemeDark => ("深色", "Dark"),
            T::Print => ("打印", "Print"),
            T::Pages => ("版面", "Pages"),
            T::AdsAndNotices => ("广告与公告", "Ads and notices"),
            T::BrowseByDate => ("按日期浏览", "Browse by date"),
            T::Years => ("年份", "Years"),
            T::PrevMonth => ("上个月", "Previous month"),
            T::NextMonth => ("下个月", "Next month"),
            T::NoIssuesThisMonth => ("这个月没有报纸。", "No issues this month."),
            T::IssuesUnit => ("期", "issues"),
            T::TodayInPastYears => ("往年今日", "On this day in past years"),
            T::LatestIssue => ("最新一期", "Latest issue"),
            T::PrevPage => ("上一页", "Previous"),
            T::NextPage => ("下一页", "Next"),
            T::TypeToSearch => ("输入词语开始搜索。", "Type a word to search."),
            T::IssueNumber => ("总第{}期", "No. {}"),
            T::OfflineFromDisk => ("从本地文件打开，无需网络", "Opened from disk, no network needed"),
            T::OfflineParts => ("可离线使用：已读过的部分", "Available offline: the parts you have read"),
            T::DownloadAll => ("下载全部以便离线阅读", "Download the whole archive for offline use"),
            T::Downloading => ("正在下载", "Downloading"),
            T::OfflineAll => ("整个档案已可离线使用", "The whole archive is available offline"),
            T::DownloadFailed => ("下载未完成，无法取得", "Download incomplete; could not get"),
            T::TryAgain => ("重试", "Try again"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
