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

/// Declares [`T`], every piece of interface text, and [`T::s`], its
/// Chinese or English: one line a text, so a text and its translations are
/// written together.
macro_rules! texts {
    ($($key:ident => ($zh:expr, $en:expr $(,)?),)*) => {
        /// Every piece of interface text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T {
            $($key,)*
        }

        impl T {
            pub fn s(self, lang: Lang) -> &'static str {
                let (zh, en) = match self {
                    $(T::$key => ($zh, $en),)*
                };
                match lang {
                    Lang::Zh => zh,
                    Lang::En => en,
                }
            }
        }
    };
}

texts! {
    Tagline => ("地方报纸离线阅览室", "An offline reading room for local newspapers"),
    SwitchLang => ("English", "中文"),
    SearchPlaceholder => ("搜索报道、人名、地名…", "Search articles, names, places…"),
    SearchButton => ("搜索", "Search"),
    SearchLabel => ("搜索档案", "Search the archive"),
    Issues => ("报纸期次", "Issues"),
    Articles => ("篇文章", "articles"),
    Undated => ("日期不详", "Date unknown"),
    Loading => ("正在载入…", "Loading…"),
    NoResults => ("没有找到相关文章", "No articles found"),
    NoResultsHint => ("试试更短的词，或去掉一个条件。", "Try a shorter word, or drop a condition."),
    ResultsCount => ("篇相关文章", "matching articles"),
    StillChecking => ("正在查找更多结果…", "Looking for more results…"),
    Home => ("首页", "Home"),
    NotFoundArticle => ("找不到这篇文章", "This article does not exist"),
    NotFoundIssue => ("找不到这一期报纸", "This issue does not exist"),
    NotFoundPage => ("找不到这个页面", "Page not found"),
    LoadFailed => ("无法打开档案", "The archive could not be opened"),
    LoadFailedHint => (
        "请确认 index.html 旁边的 bundle 文件夹完整，然后刷新页面；如果问题仍在，请用 kanbao build 重新生成档案。",
        "Check that the bundle folder next to index.html is complete, then reload; if it persists, rebuild the archive with kanbao build.",
    ),
    MissingFile => ("缺少档案文件", "A bundle file is missing"),
    CorruptFile => ("档案文件已损坏或不完整", "A bundle file is corrupt or incomplete"),
    VersionMismatch => ("档案格式版本与阅读器不符", "The archive's format version does not match this reader"),
    ContinuesTo => ("下转", "Continued on"),
    ContinuedFrom => ("上接", "Continued from"),
    Interleaved => (
        "原始文本的分栏可能混排，部分段落顺序可能有误。",
        "The extracted columns may be interleaved; some paragraphs may be out of order.",
    ),
    SortRelevance => ("相关度", "Relevance"),
    SortNewest => ("最新", "Newest"),
    SortOldest => ("最早", "Oldest"),
    Sort => ("排序", "Sort"),
    PinyinSuggestions => ("拼音建议", "Pinyin suggestions"),
    ReadOnPhone => ("在手机上阅读", "Read on your phone"),
    QrLabel => ("本文链接的二维码", "QR code of this article's link"),
    ScanToRead => ("用手机扫描二维码，带走这篇文章。", "Scan with your phone to take this article with you."),
    IdleReset => (
        "无人操作，{} 秒后将清除本次浏览并回到首页。",
        "No activity: in {} seconds this visit is cleared and the reader returns home.",
    ),
    KeepReading => ("继续阅读", "Keep reading"),
    PinyinKeyboard => ("拼音键盘", "Pinyin keyboard"),
    Space => ("空格", "Space"),
    Backspace => ("删除", "Backspace"),
    Clear => ("清空", "Clear"),
    SyntaxHelp => (
        "空格表示“并且”；\"完整短语\"；-词 排除；A OR B；作者:李雨婷 版:1 日期:2023-08。",
        "Spaces mean AND; \"exact phrase\"; -word excludes; A OR B; author:名 page:1 date:2023-08.",
    ),
    About => ("约 ", "about "),
    ActiveFilters => ("当前条件", "Active filters"),
    Remove => ("去掉", "Remove"),
    SearchedFor => ("搜索词：", "Searched for:"),
    DropAFilter => ("去掉一个条件再试试。", "Try dropping a filter."),
    ClearFilters => ("清除全部条件", "Clear all filters"),
    ResultPages => ("结果分页", "Result pages"),
    Refine => ("筛选", "Refine"),
    FacetYear => ("年份", "Year"),
    FacetDate => ("日期", "Date"),
    FacetPage => ("版面", "Page"),
    FacetAuthor => ("作者", "Author"),
    FacetKind => ("类型", "Kind"),
    FacetIssue => ("期次", "Issue"),
    HitsByMonth => ("按月分布", "Hits by month"),
    HitsByYear => ("按年分布", "Hits by year"),
    MoreArticles => ("更多文章", "More articles"),
    PrevArticle => ("上一篇", "Previous"),
    NextArticle => ("下一篇", "Next"),
    Cite => ("引用", "Cite"),
    CopyCitation => ("复制引文", "Copy citation"),
    Copied => ("已复制", "Copied"),
    Related => ("相关文章", "Related articles"),
    TextSize => ("字号", "Text size"),
    Theme => ("主题", "Theme"),
    ThemeAuto => ("自动", "Auto"),
    ThemeLight => ("浅色", "Light"),
    ThemeDark => ("深色", "Dark"),
    Print => ("打印", "Print"),
    Pages => ("版面", "Pages"),
    AdsAndNotices => ("广告与公告", "Ads and notices"),
    BrowseByDate => ("按日期浏览", "Browse by date"),
    Years => ("年份", "Years"),
    PrevMonth => ("上个月", "Previous month"),
    NextMonth => ("下个月", "Next month"),
    NoIssuesThisMonth => ("这个月没有报纸。", "No issues this month."),
    IssuesUnit => ("期", "issues"),
    TodayInPastYears => ("往年今日", "On this day in past years"),
    LatestIssue => ("最新一期", "Latest issue"),
    PrevPage => ("上一页", "Previous"),
    NextPage => ("下一页", "Next"),
    TypeToSearch => ("输入词语开始搜索。", "Type a word to search."),
    IssueNumber => ("总第{}期", "No. {}"),
    OfflineFromDisk => ("从本地文件打开，无需网络", "Opened from disk, no network needed"),
    OfflineParts => ("可离线使用：已读过的部分", "Available offline: the parts you have read"),
    DownloadAll => ("下载全部以便离线阅读", "Download the whole archive for offline use"),
    Downloading => ("正在下载", "Downloading"),
    OfflineAll => ("整个档案已可离线使用", "The whole archive is available offline"),
    DownloadFailed => ("下载未完成，无法取得", "Download incomplete; could not get"),
    TryAgain => ("重试", "Try again"),
    AboutShort => ("约", "~"),
    EstimatedCounts => (
        "数字为估计值：还有文章未逐篇核对。",
        "Counts are estimates: not every article has been checked yet.",
    ),
    CountRange => ("估计数；实际在 {} 到 {} 篇之间", "An estimate; the true count is between {} and {}"),
    PageN => ("第 {} 页", "Page {}"),
    PastLastPage => ("没有第 {} 页：结果只有 {} 页。", "There is no page {}: the results have {} pages."),
    GoToLastPage => ("看最后一页", "Go to the last page"),
    OnlyExclusions => (
        "只写了要排除的词。请在前面加上要找的词，例如：上海 -北京。",
        "You only gave words to leave out. Add a word to look for, e.g. 上海 -北京.",
    ),
    PhraseNoHit => (
        "没有文章含有完整的短语 {}。去掉引号，就会找含有其中每个词的文章：",
        "No article holds the exact phrase {}. Without the quotes, articles holding each of its words are found:",
    ),
    SearchWithoutQuotes => ("不加引号搜索", "Search without quotes"),
    NothingToSearch => (
        "搜索词里没有可以查找的文字或数字，请换个词。",
        "The search has no letters, characters or digits to look for; try another word.",
    ),
    UndatedShort => ("不详", "n.d."),
    Back => ("返回", "Back"),
    StillThere => ("还在阅读吗？", "Still reading?"),
    Display => ("显示", "Display"),
    CopyLink => ("复制链接", "Copy link"),
    LinkCopied => ("链接已复制", "Link copied"),
    PrevIssueArticle => ("上一期", "Previous issue"),
    NextIssueArticle => ("下一期", "Next issue"),
    Permalink => ("本文链接", "Link to this article"),
    SkipToContent => ("跳到正文", "Skip to content"),
    SearchTitle => ("搜索", "Search"),
    PageImageAlt => ("{}的版面图像", "Image of {} as printed"),
    ViewPage => ("看版面", "View the printed page"),
    ViewOnPage => ("在版面上查看", "View on the printed page"),
    ZoomIn => ("放大", "Zoom in"),
    ZoomOut => ("缩小", "Zoom out"),
    ZoomFit => ("适应屏幕", "Fit to screen"),
    Zoom => ("缩放", "Zoom"),
    PrevPrintedPage => ("上一版", "Previous page"),
    NextPrintedPage => ("下一版", "Next page"),
    PageImageMissing => (
        "{}的版面图像无法显示：文件缺失或不完整",
        "The image of {} cannot be shown: the file is missing or incomplete",
    ),
    PageImageFailed => (
        "{}的版面图像在生成档案时未能渲染",
        "The image of {} could not be made when the archive was built",
    ),
    PageNoImage => ("这一版没有版面图像。", "This page has no image."),
    TextOfPage => ("本版文字", "Text of this page"),
    PageViewHint => (
        "点选方框阅读文章；滚轮或双指缩放，拖动平移，双击放大。",
        "Select a box to read its article; zoom with the wheel or two fingers, drag to pan, double-tap to zoom.",
    ),
}
