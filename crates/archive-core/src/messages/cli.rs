//! The command line's words: `--help` of every command, clap's headings, and what the commands
//! print when they end (build and import summaries, `init`, `new`).

use super::catalogue;

catalogue! {
    // ---- clap's headings ----
    /// clap's own headings end in an ASCII colon; this one matches them.
    usage_heading() { zh: "用法:", en: "Usage:" }
    options_heading() { zh: "选项", en: "Options" }
    arguments_heading() { zh: "参数", en: "Arguments" }
    commands_heading() { zh: "命令", en: "Commands" }
    help_flag() { zh: "显示帮助", en: "Print help" }
    /// After an argument's help: its default, as clap writes `[default: …]`.
    default_value(value: &str) { zh: "[默认：{value}]", en: "[default: {value}]" }
    /// After an argument's help: the values it takes.
    possible_values(values: &str) { zh: "[可选值：{values}]", en: "[possible values: {values}]" }
    version_flag() { zh: "显示版本", en: "Print version" }

    // ---- archive ----
    about() {
        zh: "把 content/ 中的报告源文件生成可浏览、可核验的政府信息公开工作年度报告网站。",
        en: "Builds a browsable, checkable web archive of 政府信息公开工作年度报告 (government information-disclosure annual reports) from report sources in `content/`.",
    }
    help_root() {
        zh: "年报库的根文件夹（含 site.toml 的文件夹）。",
        en: "The archive's root folder (the one holding site.toml).",
    }
    help_lang() {
        zh: "终端信息的语言：zh（中文）或 en（英文）；默认取环境变量 ARCHIVE_LANG，其次 site.toml 的 language，再次中文。",
        en: "The language of terminal messages: zh (Chinese) or en (English); by default ARCHIVE_LANG, then site.toml's language, then Chinese.",
    }

    // ---- build ----
    about_build() {
        zh: "把网站构建到输出文件夹（默认 public/），可直接放到任何静态网站空间。",
        en: "Build the site into the output folder (public/ by default), ready for any static web host.",
    }
    long_about_build() {
        zh: "把网站构建到输出文件夹（默认 public/），可直接放到任何静态网站空间。\n\n同一输出一次只能有一个构建：第二个会立即失败，并指出第一个。",
        en: "Build the site into the output folder (public/ by default), ready for any static web host.\n\nOne build of an output at a time: a second one fails at once, naming the first.",
    }
    help_build_output() {
        zh: "把网站写到这里，而不是 site.toml 的 output_dir。",
        en: "Write the site here instead of output_dir from site.toml.",
    }
    help_build_force() {
        zh: "替换一个不是 archive 生成的已有输出文件夹（绝不替换源文件或主题文件夹，也不替换包含它们或位于它们之内的文件夹）。",
        en: "Replace an existing output folder that archive did not make (never a source or theme folder, nor one that holds or lies inside one).",
    }
    help_build_strict() {
        zh: "核验在报告中有任何发现时失败，什么也不写。",
        en: "Fail, writing nothing, if the checks find anything in the reports.",
    }
    help_build_no_search() {
        zh: "保留上次构建的搜索索引（只生成页面：更快，适合草稿）。",
        en: "Leave the search index as the last build wrote it (pages only: faster, for drafts).",
    }
    help_build_full() {
        zh: "重新生成每个文件，而不只是改动的源文件涉及的那些（字节未变的文件仍保留其修改时间）。",
        en: "Draw every file again instead of only those the changed sources make stale (files whose bytes are unchanged still keep their modification time).",
    }
    help_build_relative_links() {
        zh: "每页的链接写成相对于该页的形式，使网站也能从磁盘直接浏览（从文件夹打开 index.html）；与 site.toml 中 relative_links = true 相同。",
        en: "Write links relative to each page, so that the site also browses from disk (opening index.html from the folder); as relative_links = true in site.toml.",
    }

    // ---- check ----
    about_check() {
        zh: "读取每个源文件并核验每份报告（规则 R1–R9），不写任何文件：逐条列出源文件错误和核验发现及其文件和行号。",
        en: "Read every source and check every report (rules R1–R9), without writing anything: prints each source error and each finding with its file and line.",
    }
    help_check_format() {
        zh: "输出方式：给人读的逐行文字，或一个 JSON 文档（字段见 docs/check.md）。",
        en: "How to print: lines for people, or one JSON document (fields in docs/check.md).",
    }
    help_check_strict() {
        zh: "有核验发现时也以 1 退出，而不只是源文件有错误时。",
        en: "Exit 1 on findings too, not only on source errors.",
    }

    // ---- serve ----
    about_serve() {
        zh: "在内存中构建网站并在本机提供预览，每次保存后重新构建并刷新打开的页面。",
        en: "Build the site into memory and serve it on this machine, rebuilding and reloading the open pages on every save.",
    }
    help_serve_bind() { zh: "监听的地址。", en: "The address to listen on." }
    help_serve_port() {
        zh: "监听的端口（被占用时使用下一个空闲端口）。",
        en: "The port to listen on (the next free one is used if it is taken).",
    }
    help_serve_open() { zh: "在默认浏览器中打开网站。", en: "Open the site in the default browser." }
    help_serve_watcher() {
        zh: "如何得知文件改动：系统事件，或对收不到事件的文件系统（网络共享、某些容器）轮询。",
        en: "How to learn of changes: the system's events, or polling for file systems whose events do not arrive (network shares, some containers).",
    }

    // ---- import ----
    about_import() {
        zh: "把已发布的报告（网页、PDF、Word 文件、复制的文字；文件、文件夹或网址）导入为 content/ 中的报告源文件，随后可用 `archive check` 核验。",
        en: "Import published reports (web pages, PDFs, Word files, copied text; files, folders or web addresses) as report sources in content/, ready for `archive check`.",
    }
    help_import_inputs() {
        zh: "报告文件、报告所在的文件夹（.html、.htm、.pdf、.docx、.doc、.wps、.txt），或已发布报告的网址（http://、https://）。",
        en: "Report files, folders of them (.html, .htm, .pdf, .docx, .doc, .wps, .txt), or the web addresses (http://, https://) of published reports.",
    }
    help_import_urls() {
        zh: "要抓取的报告网址列表文件，每行一个（以 # 开头的行是注释）。",
        en: "A file of report URLs to fetch, one a line (lines starting with # are comments).",
    }
    help_import_timeout() {
        zh: "等待网站连接，以及每次读取其应答的时长。",
        en: "How long to wait for a site to connect, and for each read of its answer.",
    }
    help_import_max_size() {
        zh: "抓取的网页或附件的最大大小（MB）。",
        en: "The largest page or attachment fetched, in megabytes.",
    }
    help_import_pause() {
        zh: "对同一网站两次请求之间的间隔。",
        en: "The pause between two requests to the same site.",
    }
    help_import_agency() {
        zh: "报告所属的机关（默认取报告标题中的机关名称或别名；新的 id 会新建机关）。",
        en: "The agency the reports belong to (by default, the agency whose name or alias the report's title gives; a new id creates the agency).",
    }
    help_import_year() {
        zh: "报告所属的年度（默认取每份报告的标题）。",
        en: "The year the reports cover (by default, from each report's title).",
    }
    help_import_dry_run() {
        zh: "只显示将要写入的内容，不写入。",
        en: "Print what would be written instead of writing it.",
    }
    help_import_force() { zh: "替换已存在的报告源文件。", en: "Replace report sources that already exist." }
    help_import_summary() {
        zh: "把每个输入一行（已导入、留给人工的单元格、未导入及原因）写到 FILE.csv（带 BOM 的 UTF-8，供 Excel 打开）或 FILE.json；其他文件名两者都写。",
        en: "Write one row per input (imported, cells left for a person, not imported: why) to FILE.csv (UTF-8 with a byte-order mark, for Excel) or FILE.json; any other name gets both, FILE.csv and FILE.json.",
    }

    // ---- init ----
    about_init() {
        zh: "在 DIR 中新建一个空的年报库：一个 site.toml，和含地区表（_regions.yaml，取自全国行政区划）的 content/。",
        en: "Make a new, empty archive in DIR: a site.toml, and content/ with its region list (_regions.yaml) from the national list of administrative divisions.",
    }
    help_init_dir() { zh: "新建年报库的文件夹。", en: "The folder to create the archive in." }
    help_init_title() { zh: "网站的标题。", en: "The site's title." }
    help_init_province() {
        zh: "content/_regions.yaml 只列这个省的市和县（山西省、山西或其代码 14）；可重复。不写则列出全国。",
        en: "List only this province's cities and counties in content/_regions.yaml (山西省, 山西 or its code 14); repeat for more. Without it, the whole country is listed.",
    }

    // ---- new ----
    about_new() {
        zh: "为一份报告写一个空白源文件，包含其模板的每一行和每一列。",
        en: "Write a blank source for one report, every row and column of its template present.",
    }
    help_new_agency() {
        zh: "机关的 id（它在 content/ 下的文件夹名，用于网址）。",
        en: "The agency's id (its folder under content/, used in URLs).",
    }
    help_new_year() { zh: "报告所属的年度。", en: "The year the report covers." }
    help_new_format() {
        zh: "模板版本（默认 2019–2020 年为 gb2019，2021 年起为 gb2021）。",
        en: "The template version (by default gb2019 for 2019–2020, gb2021 from 2021).",
    }
    help_new_name() { zh: "新机关的中文名称。", en: "For a new agency: its Chinese name." }
    help_new_kind() { zh: "新机关的类型。", en: "For a new agency: its kind." }
    help_new_region() {
        zh: "新机关的地区路径，例如 jiangsu/huaian。",
        en: "For a new agency: its region path, e.g. jiangsu/huaian.",
    }
    help_new_xlsx() {
        zh: "改为写出一个 Excel 工作簿（AGENCY-YEAR.xlsx，按印制格式排列模板的表格），填好后用 `archive import AGENCY-YEAR.xlsx` 读回。",
        en: "Write an Excel workbook to fill in instead (AGENCY-YEAR.xlsx, the template's tables laid out as printed), to read back with `archive import AGENCY-YEAR.xlsx`.",
    }

    // ---- what the commands print ----
    built(reports: usize, agencies: usize, files: usize, output: &str, seconds: &str) {
        zh: "已构建 {agencies} 个机关的 {reports} 份报告：{files} 个文件，在 {output}（{seconds} 秒）",
        en: "built {reports} reports of {agencies} agencies: {files} files in {output} ({seconds} s)",
    }
    search_index_built(reports: usize, parts: &str, files: usize, kilobytes: usize, seconds: &str, kept: &str) {
        zh: "搜索索引：{reports} 份报告{parts}，{files} 个文件，{kilobytes} KB（{seconds} 秒{kept}）",
        en: "search index: {reports} reports{parts}, {files} files, {kilobytes} KB ({seconds} s{kept})",
    }
    search_parts_kept(kept: usize, parts: usize) {
        zh: "，{parts} 部分中 {kept} 部分未变，予以保留",
        en: ", {kept} of {parts} parts unchanged and kept",
    }
    full_build(reason: &str) { zh: "完整构建：{reason}", en: "full build: {reason}" }
    incremental_build(files: usize, of: usize, sources: usize) {
        zh: "增量构建：{of} 个页面和数据文件中重新生成 {files} 个（改动的源文件：{sources} 个）",
        en: "incremental build: {files} of {of} pages and data files drawn again (changed sources: {sources})",
    }
    full_reason_asked() { zh: "指定了 --full", en: "--full was given" }
    full_reason_no_manifest() {
        zh: "没有这个输出文件夹上次构建的记录",
        en: "no record of a previous build of this output",
    }
    full_reason_binary() {
        zh: "上次构建用的是另一个 archive 程序",
        en: "the previous build was made by another archive binary",
    }
    full_reason_config() { zh: "site.toml 有改动", en: "site.toml changed" }
    full_reason_theme() {
        zh: "主题或网站的模板有改动",
        en: "the theme or the site's templates changed",
    }
    full_reason_content() {
        zh: "机关文件、地区表或 content/ 中的其他文件有改动",
        en: "an agency file, the regions or another file of content/ changed",
    }
    search_index_parts(parts: usize) { zh: "，分 {parts} 部分", en: " in {parts} parts" }
    output_unchanged() {
        zh: "原有的输出（如有）未被改动",
        en: "the previous output, if any, is unchanged",
    }
    error_count(errors: usize) { zh: "共 {errors} 个错误", en: "{errors} errors" }
    source_errors(errors: usize, s: &str) {
        zh: "源文件中有 {errors} 个错误：构建会停止",
        en: "{errors} error{s} in the sources: the build would stop",
    }
    cannot_write_stdout(error: &str) {
        zh: "错误：无法写入标准输出：{error}\n = 帮助：检查输出所去的磁盘或设备有空间并可写入",
        en: "error: cannot write to standard output: {error}\n = help: check that the disk or device the output goes to has room and accepts writes",
    }
    cannot_write_stream(stream: &str, error: &str) {
        zh: "错误：无法写入 {stream}：{error}",
        en: "error: cannot write to {stream}: {error}",
    }
    bad_language_variable(value: &str) {
        zh: "警告：ARCHIVE_LANG=`{value}` 不是 zh 或 en，已忽略",
        en: "warning: ARCHIVE_LANG=`{value}` is not zh or en; it is ignored",
    }
    not_seconds(text: &str) {
        zh: "`{text}` 不是秒数（例如 30 或 0.5）",
        en: "`{text}` is not a number of seconds (such as 30 or 0.5)",
    }
    created_archive(dir: &str) { zh: "已在 {dir} 新建年报库", en: "created a new archive in {dir}" }
    next_after_init(dir: &str) {
        zh: "下一步：cd {dir} && archive new <机关id> <年度> --name <名称> --kind people_government",
        en: "next: cd {dir} && archive new <agency-id> <year> --name <名称> --kind people_government",
    }
    wrote(file: &str) { zh: "已写入 {file}", en: "wrote {file}" }

    // ---- import ----
    not_a_web_address() { zh: "不是有效的网址", en: "not a valid web address" }
    web_address_help() {
        zh: "把报告的网址写成 http://主机/路径 或 https://主机/路径",
        en: "give the report's address as http://host/path or https://host/path",
    }
    no_temporary_folder(error: &str) {
        zh: "无法为抓取的报告建立临时文件夹：{error}",
        en: "cannot make a temporary folder for the fetched reports: {error}",
    }
    temporary_folder_help() {
        zh: "检查临时文件夹（TMPDIR）存在、可写入且有空间",
        en: "check that the temporary folder (TMPDIR) exists, is writable and has room",
    }
    no_content_folder() { zh: "这里没有 content/ 文件夹", en: "there is no content/ folder here" }
    no_content_folder_help() {
        zh: "在年报库中（由 `archive init` 建立）运行 archive import，或用 --root DIR 指定",
        en: "run archive import in an archive (made by `archive init`), or pass --root DIR",
    }
    empty_url_list() { zh: "列表中没有网址", en: "the list has no URLs" }
    empty_url_list_help() {
        zh: "每行写一个报告网址；以 # 开头的行是注释",
        en: "write one report URL a line; lines starting with # are comments",
    }
    fetching(url: &str) { zh: "正在抓取 {url}", en: "fetching {url}" }
    imported_totals(imported: usize, inputs: usize, clean: usize, with_open: usize, open: usize, failed: usize) {
        zh: "已导入 {inputs} 个文件中的 {imported} 个：{clean} 个完整，{with_open} 个共有 {open} 个单元格留待人工填写；{failed} 个未导入",
        en: "imported {imported} of {inputs} file(s): {clean} cleanly, {with_open} with {open} cell(s) left for a person; {failed} not imported",
    }
    would_import_totals(imported: usize, inputs: usize, clean: usize, with_open: usize, open: usize, failed: usize) {
        zh: "将导入 {inputs} 个文件中的 {imported} 个：{clean} 个完整，{with_open} 个共有 {open} 个单元格留待人工填写；{failed} 个未导入",
        en: "would import {imported} of {inputs} file(s): {clean} cleanly, {with_open} with {open} cell(s) left for a person; {failed} not imported",
    }
    next_after_import() {
        zh: "下一步：运行 archive check，再填写上面列出的单元格",
        en: "next: archive check, then fill in the cells listed above",
    }
    merged_input(input: &str, summary: &str, target: &str) {
        zh: "已把 {input}（{summary}）合并到 {target} 的源文件",
        en: "merged {input} ({summary}) into the source of {target}",
    }
    imported_input(input: &str, target: &str, summary: &str) {
        zh: "已导入 {input} → {target}（{summary}）",
        en: "imported {input} → {target} ({summary})",
    }
    would_write_input(input: &str, target: &str, summary: &str) {
        zh: "将写入 {input} → {target}（{summary}）",
        en: "would write {input} → {target} ({summary})",
    }
    not_imported(input: &str) { zh: "未导入：{input}", en: "not imported: {input}" }
    import_note(note: &str) { zh: "  说明：{note}", en: "  note: {note}" }
    summary_written(file: &str) { zh: "导入汇总：{file}", en: "summary: {file}" }

    // ---- init and new ----
    archive_exists() { zh: "这里已经有一个年报库", en: "an archive already exists here" }
    archive_exists_help() {
        zh: "选一个空文件夹，或编辑已有的 site.toml",
        en: "choose an empty folder, or edit the existing site.toml",
    }
    source_exists() { zh: "报告源文件已经存在", en: "the report source already exists" }
    source_exists_help() { zh: "直接编辑它，或先删除它", en: "edit it, or remove it first" }
    bad_agency_id(agency: &str) {
        zh: "`{agency}` 不能用作机关 id",
        en: "`{agency}` is not a usable agency id",
    }
    agency_id_help(rule: &str) {
        zh: "机关 id 用于网址和文件名：{rule}，例如 `huaian-shi`",
        en: "agency ids are used in URLs and file names: {rule}, e.g. `huaian-shi`",
    }
    not_a_report_year(year: u16) { zh: "{year} 不是报告年度", en: "{year} is not a report year" }
    report_years_help(first: u16, last: u16) {
        zh: "报告覆盖 {first} 至 {last} 年",
        en: "reports cover the years {first} to {last}",
    }
    no_template(year: u16) {
        zh: "{year} 年没有全国统一模板",
        en: "there is no national template for {year}",
    }
    no_template_help() {
        zh: "模板从 2019 年度报告开始；仍要使用时请加 --format gb2019 或 gb2021",
        en: "the templates start with 2019 reports; pass --format gb2019 or gb2021 to use one anyway",
    }
    no_such_agency(agency: &str) {
        zh: "年报库中没有机关 `{agency}`",
        en: "the archive has no agency `{agency}`",
    }
    no_such_agency_help() {
        zh: "加上 --name 和 --kind（以及 --region）来描述这个新机关",
        en: "pass --name and --kind (and --region) to describe the new agency",
    }
    region_not_listed_help() {
        zh: "先把这个地区（连同所属省、市）加到地区表中；见 README",
        en: "add the region (with its province and city) to the region list first; see the README",
    }
    cannot_create_folder(error: &str) {
        zh: "无法建立文件夹：{error}",
        en: "cannot create the folder: {error}",
    }
    cannot_write_file(error: &str) { zh: "无法写入文件：{error}", en: "cannot write the file: {error}" }

    // ---- import: fetching ----
    cannot_keep_fetched(folder: &str, error: &str) {
        zh: "无法把抓取的报告保存在 {folder}：{error}",
        en: "cannot keep the fetched report in {folder}: {error}",
    }
    cannot_keep_fetched_help() {
        zh: "检查临时文件夹（TMPDIR）存在且有空间，然后重新导入",
        en: "check that the temporary folder (TMPDIR) exists and has room, then import again",
    }
    attached_to(message: &str, page: &str) {
        zh: "{message}（{page} 所附的报告）",
        en: "{message} (the report attached to {page})",
    }
    fetch_not_address() { zh: "不是网址", en: "not a web address" }
    fetch_not_address_help() { zh: "给出 http:// 或 https:// 网址", en: "give an http:// or https:// URL" }
    host_not_found() { zh: "找不到这个主机名", en: "the host name was not found" }
    host_not_found_help() {
        zh: "检查网址的拼写和本机的互联网连接",
        en: "check the URL's spelling and this machine's connection to the internet",
    }
    unreachable(reason: &str) { zh: "无法连接网站：{reason}", en: "cannot reach the site: {reason}" }
    unreachable_help() {
        zh: "检查网址的主机名、网站是否在线、本机能否访问，然后重新导入这个网址",
        en: "check the URL's host name, that the site is up and that this machine reaches it, then import the URL again",
    }
    fetch_timeout(seconds: f64) {
        zh: "网站在 {seconds} 秒内没有应答",
        en: "the site did not answer within {seconds} s",
    }
    fetch_timeout_help() {
        zh: "网站很慢或已停止服务：稍后再试，或用 --timeout SECONDS 给更多时间",
        en: "the site is slow or down: try again later, or allow more time with --timeout SECONDS",
    }
    fetch_too_large(size: &str) {
        zh: "应答大于 {size}；没有从中导入任何内容",
        en: "the answer is larger than {size}; nothing was imported from it",
    }
    fetch_too_large_help() {
        zh: "一份报告最多几 MB：检查网址是否是报告的；如果是，用 --max-size MB 提高上限",
        en: "a report is a few megabytes at most: check that the URL is the report's; if it is, raise the limit with --max-size MB",
    }
    too_many_redirects(count: u32) {
        zh: "网址重定向超过 {count} 次（重定向循环）",
        en: "the URL redirects more than {count} times (a redirect loop)",
    }
    too_many_redirects_help() {
        zh: "在浏览器中打开网址，找到报告现在的位置，再导入那个地址",
        en: "open the URL in a browser to find where the report now is, and import that address",
    }
    tls_failed(reason: &str) { zh: "安全连接失败：{reason}", en: "the secure connection failed: {reason}" }
    tls_failed_help() {
        zh: "检查网址（https:// 或 http://）和本机时钟；网站的证书可能无效",
        en: "check the URL (https:// or http://) and this machine's clock; the site's certificate may be invalid",
    }
    http_status(status: &str) { zh: "网站应答 HTTP {status}", en: "the site answered HTTP {status}" }
    server_failed_help() {
        zh: "网站未能应答：稍后再试",
        en: "the site failed to answer: try again later",
    }
    page_gone_help() {
        zh: "页面已不存在或已移走：在机关网站（或网页存档）中重新找到报告，再导入那个网址",
        en: "the page is gone or has moved: find the report again on the agency's site (or a copy in a web archive) and import that URL",
    }
    refused_help() {
        zh: "网站拒绝了请求：在浏览器中打开网址核对，或保存网页后导入文件",
        en: "the site refused the request: open the URL in a browser to check it, or save the page and import the file",
    }
    // ---- import: files ----
    cannot_read_input(error: &str) { zh: "无法读取输入：{error}", en: "cannot read the input: {error}" }
    cannot_read_input_help() {
        zh: "给出已发布报告的文件或文件夹",
        en: "name files or folders of published reports",
    }
    no_report_files() { zh: "没有找到报告文件", en: "no report files found" }
    no_report_files_help(extensions: &str) {
        zh: "在文件夹中查找以 {extensions} 结尾的文件",
        en: "a folder is searched for files ending in {extensions}",
    }
    existing_source_broken() {
        zh: "报告源文件已存在但无法读取，所以不能把原文记录到它",
        en: "the report source already exists and does not load, so the original cannot be recorded with it",
    }
    existing_source_broken_help() {
        zh: "修正下面的错误（`archive check`），或在检查其内容后加 --force 替换源文件",
        en: "fix the errors below (`archive check`), or pass --force to replace the source (after checking what it holds)",
    }
    check_or_force_help() {
        zh: "用 `archive check` 检查源文件，或加 --force 替换它",
        en: "check the source with `archive check`, or pass --force to replace it",
    }
    cannot_read_to_keep(error: &str) {
        zh: "无法读取文件以作为原文保存：{error}",
        en: "cannot read the file to keep it as the original: {error}",
    }
    cannot_write_original(error: &str) {
        zh: "无法写入存档的原文：{error}",
        en: "cannot write the archived original: {error}",
    }
    content_writable_help() {
        zh: "检查 content/ 可写入且磁盘有空间",
        en: "check that content/ is writable and the disk has room",
    }

    // ---- import: reading a report ----
    import_file_empty() { zh: "文件是空的", en: "the file is empty" }
    import_file_empty_help() {
        zh: "导入已发布报告的网页或文字",
        en: "import the published report's page or text",
    }
    import_not_text() { zh: "文件不是文字", en: "the file is not text" }
    import_not_text_help() {
        zh: "按发布的样子导入报告：网页（.html）、PDF（.pdf）、Word 文件（.docx、.doc、.wps）或文字（.txt）",
        en: "import the report as published: a web page (.html), a PDF (.pdf), a Word file (.docx, .doc, .wps) or text (.txt)",
    }
    nests_too_deep(depth: usize) {
        zh: "网页的元素嵌套超过 {depth} 层；没有读取",
        en: "the page's elements nest more than {depth} deep; it was not read",
    }
    nests_too_deep_help() {
        zh: "报告网页的嵌套只有几十层：从机关网站重新保存报告本身的网页，或把文字复制到 .txt 文件再导入",
        en: "a report's page nests a few dozen elements deep: save the report's own page again from the agency's site, or copy its text into a .txt file and import that",
    }
    no_report_found() { zh: "文件中没有找到年度报告", en: "no annual report found in the file" }
    no_report_found_help() {
        zh: "导入程序读取政府信息公开工作年度报告的各部分标题（一、总体情况 …）和表格；请检查文件包含报告的文字，而不只是它周围的网页",
        en: "the importer reads 政府信息公开工作年度报告: their section headings (一、总体情况 …) and tables; check that the file holds the report's text, not only the page around it",
    }
    import_year_help(first: u16, last: u16) {
        zh: "报告覆盖 {first} 至 {last} 年；标题有误时请加 --year N",
        en: "reports cover {first} to {last}; pass --year N if the title misleads",
    }
    no_year_found() {
        zh: "没有找到报告所属的年度",
        en: "the year the report covers was not found",
    }
    pass_year_help() { zh: "加上 --year N", en: "pass --year N" }
    fill_from_table_help() {
        zh: "按已发布的表格填写这些单元格",
        en: "fill the cells in from the published table",
    }
    printed_here_help(seen: &str) {
        zh: "报告这里印的是“{seen}”；请按已发布的表格填写这些单元格",
        en: "the report prints “{seen}” here; fill the cells in from the published table",
    }
    cannot_write_summary(error: &str) {
        zh: "无法写入导入汇总：{error}",
        en: "cannot write the summary: {error}",
    }
    writable_file_help() {
        zh: "给出一个可以写入的文件夹中的文件",
        en: "name a file in a folder you can write to",
    }

    // ---- the rest ----
    cannot_read_archive_folder(error: &str) {
        zh: "无法读取年报库文件夹：{error}",
        en: "cannot read the archive's folder: {error}",
    }
    drawing_failed() {
        zh: "生成这个页面时因内部错误而停止",
        en: "drawing this page stopped on an internal error",
    }
    drawing_failed_help() {
        zh: "再保存一次或重新运行 archive serve；请报告这个问题",
        en: "save again or restart archive serve; please report it",
    }
    cannot_read_url_list(error: &str) {
        zh: "无法读取网址列表：{error}",
        en: "cannot read the list of URLs: {error}",
    }
    url_list_help() {
        zh: "给出一个每行一个网址的文本文件（UTF-8）",
        en: "give a text file (UTF-8) with one URL a line",
    }
    url_line_help() {
        zh: "每行写一个 http:// 或 https:// 网址；以 # 开头的行是注释",
        en: "write one http:// or https:// URL a line; a line starting with # is a comment",
    }
    reads_back_otherwise() {
        zh: "程序错误：写出的源文件读回后数值不同",
        en: "bug: the source written reads back with other values",
    }
    reads_back_otherwise_help() {
        zh: "请连同输入文件一起报告这个问题",
        en: "report this with the input file",
    }

    // ---- import: PDF, Word and LibreOffice ----
    pdf_no_extractor(program: &str) {
        zh: "读取 PDF 需要 `{program}`，但它没有安装",
        en: "reading a PDF needs `{program}`, which is not installed",
    }
    pdf_no_extractor_help(package: &str) {
        zh: "安装它（Debian 和 Ubuntu：`apt-get install {package}`；macOS：`brew install poppler`），或改为导入报告的网页",
        en: "install it (Debian and Ubuntu: `apt-get install {package}`; macOS: `brew install poppler`), or import the report's web page instead",
    }
    pdf_encrypted() {
        zh: "PDF 已加密，没有密码无法打开",
        en: "the PDF is encrypted and cannot be opened without its password",
    }
    pdf_encrypted_help() {
        zh: "向机关索取未加密的副本，或改为导入报告的网页",
        en: "ask the agency for an unprotected copy, or import the report's web page instead",
    }
    pdf_no_text() {
        zh: "PDF 没有文字层：它的页面是扫描图片",
        en: "the PDF has no text layer: its pages are scanned images",
    }
    pdf_no_text_help() {
        zh: "需要先识别文字（OCR）；如果机关发布了网页，请导入报告的网页",
        en: "the text must be recognised first (OCR); import the report's web page if the agency published one",
    }
    pdf_damaged(detail: &str) {
        zh: "无法读取 PDF（可能不完整或已损坏）：{detail}",
        en: "the PDF cannot be read (it may be truncated or damaged): {detail}",
    }
    pdf_damaged_help() { zh: "重新下载报告的 PDF", en: "download the report's PDF again" }
    pdf_too_slow(seconds: u64) {
        zh: "读取 PDF 超过 {seconds} 秒；已停止",
        en: "reading the PDF took longer than {seconds} s; it was stopped",
    }
    pdf_too_slow_help() {
        zh: "一份报告的 PDF 一秒内就能读完：请检查这个文件是不是报告",
        en: "a report's PDF reads in a second: check that this file is the report",
    }
    pdf_too_long(mebibytes: u64) {
        zh: "PDF 中的文字超过 {mebibytes} MiB；没有读取",
        en: "the PDF holds more than {mebibytes} MiB of text; it was not read",
    }
    pdf_too_long_help() {
        zh: "一份报告的 PDF 约有 50 KB 文字：请检查这个文件是不是报告",
        en: "a report's PDF holds some 50 KB of text: check that this file is the report",
    }
    office_no_converter(program: &str) {
        zh: "读取 .doc 或 .wps 文件需要 LibreOffice（`{program}`），但它没有安装",
        en: "reading a .doc or .wps file needs LibreOffice (`{program}`), which is not installed",
    }
    office_no_converter_help(package: &str, program: &str) {
        zh: "安装它（Debian 和 Ubuntu：`apt-get install {package}`；macOS：`brew install --cask libreoffice`，并让 `{program}` 在 PATH 中），或在 Word 或 WPS 中另存为 .docx 再导入",
        en: "install it (Debian and Ubuntu: `apt-get install {package}`; macOS: `brew install --cask libreoffice`, with `{program}` on the PATH), or save the file as .docx in Word or WPS and import that",
    }
    office_failed(detail: &str) {
        zh: "LibreOffice 无法转换这个文件（可能不完整、已损坏或有密码保护）：{detail}",
        en: "LibreOffice could not convert the file (it may be truncated, damaged or protected by a password): {detail}",
    }
    office_failed_help() {
        zh: "重新下载报告的文件，或在 Word 或 WPS 中打开并另存为 .docx",
        en: "download the report's file again, or open it in Word or WPS and save it as .docx",
    }
    office_too_slow(seconds: u64) {
        zh: "转换文件超过 {seconds} 秒；已停止",
        en: "converting the file took longer than {seconds} s; it was stopped",
    }
    office_too_slow_help() {
        zh: "一份报告几秒内就能转换：请检查这个文件是不是报告",
        en: "a report converts in seconds: check that this file is the report",
    }
    office_too_large(mebibytes: u64) {
        zh: "文件转换后的 Word 文档超过 {mebibytes} MiB；没有读取",
        en: "the file converts to more than {mebibytes} MiB of Word document; it was not read",
    }
    check_the_file_help() { zh: "请检查这个文件是不是报告", en: "check that this file is the report" }

    docx_save_again_help() {
        zh: "在 Word 或 WPS 中打开并另存为 .docx，或改为导入报告的网页",
        en: "open it in Word or WPS and save it again as .docx, or import the report's web page instead",
    }
    docx_not_zip() {
        zh: "文件不是 Word 文档：.docx 是 zip 压缩包，而这个文件不是",
        en: "the file is not a Word document: a .docx is a zip archive, and this is not one",
    }
    docx_not_zip_help() {
        zh: "检查这个文件是不是报告；如果 Word 或 WPS 能打开它，请另存为 .docx",
        en: "check that the file is the report; if Word or WPS opens it, save it again as .docx",
    }
    docx_damaged(detail: &str) {
        zh: "无法读取 Word 文件（可能不完整或已损坏）：{detail}",
        en: "the Word file cannot be read (it may be truncated or damaged): {detail}",
    }
    docx_damaged_help() { zh: "重新下载报告的文件", en: "download the report's file again" }
    docx_no_document(part: &str) {
        zh: "zip 中没有 {part}：它不是 Word 文档",
        en: "the zip holds no {part}: it is not a Word document",
    }
    docx_no_document_help() {
        zh: "导入报告的 Word 文件（.docx）、PDF 或网页",
        en: "import the report's Word file (.docx), PDF or web page",
    }
    docx_too_many_entries(count: usize, max: usize) {
        zh: "Word 文件有 {count} 个条目，超过文档最多的 {max} 个；没有读取",
        en: "the Word file holds {count} entries, more than the {max} a document may have; it was not read",
    }
    docx_too_large(mebibytes: u64) {
        zh: "Word 文档的文字解压后超过 {mebibytes} MiB；没有读取",
        en: "the Word document's text inflates past {mebibytes} MiB; it was not read",
    }
    docx_too_large_help() {
        zh: "一份报告的 Word 文件文字远小于 1 MiB：请检查这个文件是不是报告（它可能是 zip 炸弹）",
        en: "a report's Word file holds well under a MiB of text: check that this file is the report (it may be a zip bomb)",
    }
    docx_bomb(ratio: u64) {
        zh: "Word 文档解压后超过压缩大小的 {ratio} 倍，与 zip 炸弹相同；没有读取",
        en: "the Word document inflates more than {ratio} times its compressed size, as a zip bomb does; it was not read",
    }
    docx_bomb_help() {
        zh: "检查这个文件是不是机关发布的报告原样",
        en: "check that this file is the report as the agency published it",
    }
    docx_too_deep(part: &str, line: usize, depth: usize) {
        zh: "Word 文档的 XML（{part}，第 {line} 行）嵌套超过 {depth} 层；没有读取",
        en: "the Word document's XML ({part}, line {line}) nests more than {depth} elements deep; it was not read",
    }
    docx_bad_xml(part: &str, line: usize, detail: &str) {
        zh: "Word 文档的 XML（{part}，第 {line} 行）格式错误：{detail}",
        en: "the Word document's XML ({part}, line {line}) is malformed: {detail}",
    }

    // ---- the Excel workbook ----
    workbook_help() {
        zh: "填写 `archive new AGENCY YEAR --xlsx` 写出的工作簿，保留它的工作表和灰色的键；只在数值单元格里填写",
        en: "fill the workbook `archive new AGENCY YEAR --xlsx` wrote, keeping its sheets and the grey keys; type values in the value cells only",
    }
    workbook_value_help() {
        zh: "只填数值，用数字，不带单位（只有万元金额有小数）；报告留空的地方就让单元格空着",
        en: "type the value alone, in digits, without units (only 万元 amounts have decimals), or leave the cell empty where the report leaves it blank",
    }
    workbook_unreadable(problem: &str) {
        zh: "无法读取工作簿：{problem}",
        en: "the workbook cannot be read: {problem}",
    }
    workbook_no_format(sheet: &str) {
        zh: "工作表 {sheet} 没有模板版本（gb2019 或 gb2021）",
        en: "sheet {sheet} has no 模板版本 (gb2019 or gb2021)",
    }
    workbook_no_year(sheet: &str) {
        zh: "工作表 {sheet}：报告年度不是年份",
        en: "sheet {sheet}: 报告年度 is not a year",
    }
    workbook_bad_date(sheet: &str, value: &str) {
        zh: "工作表 {sheet}：发布日期 `{value}` 不是日期；请写成 2025-01-22",
        en: "sheet {sheet}: 发布日期 `{value}` is not a date; write it as 2025-01-22",
    }
    not_a_workbook(problem: &str) {
        zh: "这个文件不是 Excel 工作簿（.xlsx）：{problem}",
        en: "the file is not an Excel workbook (.xlsx): {problem}",
    }
    workbook_too_many_parts(parts: usize) {
        zh: "工作簿包含 {parts} 个部件，超过一份年报应有的数量",
        en: "the workbook holds {parts} parts, more than a report's",
    }
    workbook_damaged(problem: &str) { zh: "工作簿已损坏：{problem}", en: "the workbook is damaged: {problem}" }
    workbook_too_large(mib: u64) {
        zh: "工作簿解压后超过 {mib} MiB，超过一份年报应有的大小",
        en: "the workbook inflates to more than {mib} MiB, more than a report's",
    }
    workbook_no_sheet(name: &str) { zh: "工作簿没有工作表 {name}", en: "the workbook has no sheet {name}" }
    workbook_unknown_row(sheet: &str, row: &str) {
        zh: "工作表 {sheet}：灰色的键 `{row}` 不是这张表的行",
        en: "sheet {sheet}: the grey key `{row}` is not a row of the table",
    }
    workbook_unknown_column(sheet: &str, row: &str, column: &str) {
        zh: "工作表 {sheet}：行 `{row}` 没有列 `{column}`",
        en: "sheet {sheet}: row `{row}` has no column `{column}`",
    }
    workbook_bad_value(sheet: &str, place: &str, path: &str, why: &str) {
        zh: "工作表 {sheet}，单元格 {place}（{path}）：{why}",
        en: "sheet {sheet}, cell {place} ({path}): {why}",
    }
    workbook_lost_keys(sheet: &str) {
        zh: "工作表 {sheet} 丢失了灰色的键（行键）",
        en: "sheet {sheet} has lost its grey keys (行键)",
    }
    workbook_not_count(text: &str) {
        zh: "`{text}` 不是大于或等于 0 的整数",
        en: "`{text}` is not a whole number ≥ 0",
    }
    workbook_not_change(text: &str) {
        zh: "`{text}` 不是整数（可以为负）",
        en: "`{text}` is not a whole number (it may be negative)",
    }
    workbook_not_amount(text: &str) {
        zh: "`{text}` 不是以万元计的金额",
        en: "`{text}` is not an amount in 万元",
    }

    // ---- init, new --xlsx and import's next step ----
    region_list_exists() {
        zh: "这里已经有地区表",
        en: "a region list already exists here",
    }
    region_list_exists_help() {
        zh: "要保留它：先把它移开，运行 archive init，再用它覆盖新写出的那个",
        en: "keep it: move it aside, run archive init, then put it back over the one written",
    }
    regions_whole_country(provinces: usize) {
        zh: "content/_regions.yaml 列出了全国（{provinces} 个省级行政区及其市、县）；`archive init DIR --province NAME` 只列一个省",
        en: "content/_regions.yaml lists the whole country ({provinces} provinces with their cities and counties); `archive init DIR --province NAME` lists one province",
    }
    regions_of_provinces(provinces: &str) {
        zh: "content/_regions.yaml 列出了{provinces}及其市、县",
        en: "content/_regions.yaml lists {provinces} with their cities and counties",
    }
    unknown_province(asked: &str) {
        zh: "--province `{asked}` 不是全国行政区划中的省",
        en: "--province `{asked}` is not a province of the national list",
    }
    unknown_province_help(names: &str) {
        zh: "按行政区划的写法写省名：{names}",
        en: "write a province's name as the list has it: {names}",
    }
    workbook_exists() { zh: "工作簿已经存在", en: "the workbook already exists" }
    workbook_exists_help() { zh: "填写它，或先删除它", en: "fill it in, or remove it first" }
    cannot_make_workbook(error: &str) {
        zh: "无法生成工作簿：{error}",
        en: "cannot make the workbook: {error}",
    }
    next_after_new_xlsx(file: &str) {
        zh: "下一步：用 Excel 或 WPS 填写它，然后运行 `archive import {file}`",
        en: "next: fill it in Excel or WPS, then `archive import {file}`",
    }
    next_after_import_with_open_cells() {
        zh: "下一步：填写上面列出的单元格（每个源文件的 `import_notes` 列出了它们；填好后删除那一行），然后运行 archive check",
        en: "next: fill in the cells listed above (each source's `import_notes` names them; delete that line once they are filled), then archive check",
    }
    next_after_import_complete() {
        zh: "下一步：运行 archive check，再用 archive serve 查看页面",
        en: "next: archive check, then archive serve to look at the pages",
    }

    // ---- import: the agency ----
    unusable_agency_id(id: &str) { zh: "`{id}` 不能用作机关 id", en: "`{id}` is not a usable agency id" }
    unusable_agency_id_help() {
        zh: "机关 id 用在网址里：小写字母、数字和连字符，例如 `huaian-shi`",
        en: "agency ids are used in URLs: lower-case letters, digits and hyphens, e.g. `huaian-shi`",
    }
    new_agency_unnamed(id: &str) {
        zh: "`{id}` 是新机关，而年报没有写出它的名称",
        en: "`{id}` is a new agency, and the report does not say its name",
    }
    new_agency_unnamed_help(id: &str) {
        zh: "先创建 content/{id}/_agency.yaml，写上 `name:` 和 `kind:`，然后重新导入",
        en: "create content/{id}/_agency.yaml with `name:` and `kind:` first, then import again",
    }
    agency_not_in_title() {
        zh: "在年报标题中找不到发布机关",
        en: "the report's agency was not found in its title",
    }
    agency_not_in_title_help() {
        zh: "用 --agency ID 指明是哪个机关发布的",
        en: "pass --agency ID to say which agency published it",
    }
    several_agencies_named(name: &str, ids: &str) {
        zh: "有几个机关都叫“{name}”：{ids}",
        en: "several agencies are named “{name}”: {ids}",
    }
    several_agencies_named_help() {
        zh: "用 --agency ID 指明是哪一个",
        en: "pass --agency ID to say which",
    }
    agency_taken_to_be(name: &str, id: &str, agency: &str) {
        zh: "“{name}”被认作机关 {id}（{agency}）：两个名称说的是同一地区，前后用词也相同；把“{name}”加进它的 aliases 即可确定",
        en: "“{name}” is taken to be the agency {id} ({agency}): both names say the same region and the same words around it; add “{name}” to its aliases to make it certain",
    }
    new_agency(id: &str, name: &str, aliases: &str, kind: &str, region: &str) {
        zh: "新机关 {id}：{name}{aliases}；{kind}；{region}",
        en: "new agency {id}: {name}{aliases}; {kind}; {region}",
    }
    would_create(note: &str) { zh: "将会创建：{note}", en: "would create: {note}" }
    agency_also_written(aliases: &str) { zh: "，又写作 {aliases}", en: ", also written {aliases}" }
    agency_kind_unknown() {
        zh: "类别未知：名称看不出来（请设置 `kind:`；设置前不检查 R7）",
        en: "kind unknown: the name does not say (set `kind:`; R7 is not checked until then)",
    }
    agency_kind_from_name(kind: &str) { zh: "类别 {kind}（据名称）", en: "kind {kind} from its name" }
    agency_region(path: &str) { zh: "地区 {path}", en: "region {path}" }
    agency_region_national(path: &str) {
        zh: "content/_regions.yaml 中没有与名称相符的地区；全国行政区划中它是 {path}：把这个地区加进 content/_regions.yaml，再写 `region: {path}`",
        en: "no region of content/_regions.yaml matched the name; the national list has it as {path}: add that region to content/_regions.yaml, then `region: {path}`",
    }
    agency_region_not_found() {
        zh: "content/_regions.yaml 中没有与名称相符的地区（请加上 `region:`）",
        en: "no region of content/_regions.yaml matched the name (add `region:`)",
    }
    agency_region_ambiguous(paths: &str) {
        zh: "名称与几个地区都相符（{paths}）：未设置（请加上 `region:`）",
        en: "the name fits several regions ({paths}): none set (add `region:`)",
    }
    read_from_attachment(attachment: &str, page: &str) {
        zh: "读自附件 {attachment}，链接自页面 {page}",
        en: "read from the attachment {attachment}, linked from the page {page}",
    }

    // ---- import: the workbook ----
    workbook_no_title() {
        zh: "工作簿中没有标题；已用机关和年度生成一个",
        en: "no title in the workbook; one was made from the agency and year",
    }
    workbook_no_published() {
        zh: "工作簿中没有发布日期（published: ~）",
        en: "no 发布日期 in the workbook (published: ~)",
    }
    workbook_no_narrative() {
        zh: "正文不在工作簿中：请在源文件的六个标题下填写",
        en: "the narrative is not part of the workbook: write it under the six headings of the source",
    }
    read_from_workbook() { zh: "Excel 工作簿", en: "Excel workbook" }

    // ---- clap's usage errors, in clap's English ----
    usage_error_label() { zh: "错误：", en: "error: " }
    usage_unknown_argument(argument: &str) {
        zh: "未知的参数 '{argument}'",
        en: "unexpected argument '{argument}' found",
    }
    usage_unknown_command(command: &str) {
        zh: "未知的命令 '{command}'",
        en: "unrecognized subcommand '{command}'",
    }
    usage_value_required(argument: &str) {
        zh: "'{argument}' 需要一个值，但没有给出",
        en: "a value is required for '{argument}' but none was supplied",
    }
    usage_invalid_value(value: &str, argument: &str) {
        zh: "'{argument}' 的值 '{value}' 无效",
        en: "invalid value '{value}' for '{argument}'",
    }
    usage_possible_values(values: &str) { zh: "[可选的值：{values}]", en: "[possible values: {values}]" }
    usage_missing_arguments(list: &str) {
        zh: "缺少以下必需的参数：{list}",
        en: "the following required arguments were not provided:{list}",
    }
    usage_argument_repeated(argument: &str) {
        zh: "参数 '{argument}' 不能重复使用",
        en: "the argument '{argument}' cannot be used multiple times",
    }
    usage_arguments_conflict(argument: &str, prior: &str) {
        zh: "参数 '{argument}' 不能与 '{prior}' 一起使用",
        en: "the argument '{argument}' cannot be used with '{prior}'",
    }
    usage_unexpected_value(value: &str, argument: &str) {
        zh: "'{argument}' 多出了值 '{value}'；它不再接受更多的值",
        en: "unexpected value '{value}' for '{argument}' found; no more were expected",
    }
    usage_tip(tip: &str) { zh: "提示：{tip}", en: "tip: {tip}" }
    usage_similar_command(names: &str) {
        zh: "有相近的命令：'{names}'",
        en: "a similar subcommand exists: '{names}'",
    }
    usage_similar_argument(names: &str) {
        zh: "有相近的参数：'{names}'",
        en: "a similar argument exists: '{names}'",
    }
    usage_similar_value(names: &str) {
        zh: "有相近的值：'{names}'",
        en: "a similar value exists: '{names}'",
    }
    usage_value_after_dashes(argument: &str, escaped: &str) {
        zh: "要把 '{argument}' 当作值传入，请写 '{escaped}'",
        en: "to pass '{argument}' as a value, use '{escaped}'",
    }
    usage_try_help(help: &str) {
        zh: "更多信息请运行 '{help}'。",
        en: "For more information, try '{help}'.",
    }

    // ---- import: how a report was read ----
    form_web_page() { zh: "网页", en: "web page" }
    form_text() { zh: "文本", en: "text" }
    form_pdf_text() { zh: "从 PDF 提取的文本", en: "text extracted from a PDF" }
    form_pasted_sheet() {
        zh: "含有从电子表格（Excel、WPS）粘贴的表格的文本",
        en: "text with tables pasted from a spreadsheet (Excel, WPS)",
    }
    form_word_document() { zh: "Word 文档", en: "Word document" }
    read_as_encoding(encoding: &str) { zh: "按 {encoding} 文本读取", en: "read as {encoding} text" }
    invalid_bytes_replaced(encoding: &str) {
        zh: "有些字节不是有效的 {encoding}；已替换为 �",
        en: "some bytes are not valid {encoding}; they were replaced by �",
    }
    title_year_differs(read: u16, given: u16) {
        zh: "标题写的是 {read} 年；已使用 --year {given}",
        en: "the title says {read}; --year {given} was used",
    }
    headings_not_found(missing: &str) {
        zh: "没有找到第{missing}部分的标题；其文字（如有）留在前一部分中",
        en: "section heading(s) {missing} not found; their text, if any, stays in the section before",
    }
    published_from(date: &str, from: &str) {
        zh: "发布日期 {date}：取自{from}",
        en: "published {date}: {from}",
    }
    date_from_page_field() { zh: "网页的发布日期", en: "the page's publication date" }
    date_printed_with_report() {
        zh: "随年报印出的发布日期",
        en: "the publication date printed with the report",
    }
    date_closing_line() { zh: "年报末尾的落款日期", en: "the date line that closes the report" }
    no_published_date() {
        zh: "没有找到发布日期（published: ~）",
        en: "no published date found (published: ~)",
    }
    no_title_found() {
        zh: "没有找到标题；已用机关和年度生成一个",
        en: "no title found; one was made from the agency and year",
    }
    format_by_labels(format: &str, labels: usize, template: &str) {
        zh: "模板版本 {format}：表二有 {labels} 个只有 {template} 年模板才印的标签",
        en: "format {format}: table 二 has {labels} label(s) only the {template} template prints",
    }
    format_by_other_handling() {
        zh: "模板版本 gb2021：表三有 2021 年模板（六）其他处理的分项",
        en: "format gb2021: table 三 has the 2021 template's sub-rows of （六）其他处理",
    }
    format_by_year(format: &str, year: u16) {
        zh: "模板版本 {format}：表格看不出版本；按年度 {year} 确定",
        en: "format {format}: the tables do not tell the version; taken from the year {year}",
    }

    // ---- import: reading the tables ----
    rule_r1() { zh: "R1：一 + 二 = 三 + 四", en: "R1: 一 + 二 = 三 + 四" }
    rule_r2() { zh: "R2：总计是六类申请人之和", en: "R2: 总计 is the sum of the six applicant columns" }
    rule_r3() { zh: "R3：（七）总计是各处理结果行之和", en: "R3: （七）总计 is the sum of the result rows" }
    rule_r4() { zh: "R4：总计是四种结果之和", en: "R4: 总计 is the sum of the four results" }
    and_word() { zh: "和", en: " and " }
    table_values_miscounted(found: usize, total: usize) {
        zh: "找到 {found} 个值，而表格有 {total} 个单元格；该行留空",
        en: "found {found} values where the table has {total} cells; the row is left blank",
    }
    table_run_beside_merged() {
        zh: "合并了多行或多列的单元格旁边的数值连在了一起；该行留空",
        en: "values run together beside a cell merged over several rows or columns; the row is left blank",
    }
    table_rows_run_together() {
        zh: "几行的数值连在了一起；该行留空",
        en: "the values of several rows run together; the row is left blank",
    }
    table_too_many_cuts(most: usize) {
        zh: "这些数字切分成单元格的方式超过 {most} 种；该行留空",
        en: "the digits can be cut into cells more than {most} ways; the row is left blank",
    }
    table_too_many_steps(cells: usize, steps: usize) {
        zh: "数字太多，无法切分成 {cells} 个单元格（{steps} 次尝试不够）；该行留空",
        en: "the digits are too many to cut into {cells} cells ({steps} tries were not enough); the row is left blank",
    }
    table_cannot_cut(cells: usize) {
        zh: "这段文字无法读成该行各类型的 {cells} 个值；该行留空",
        en: "the text cannot be read as {cells} values of the row's kinds; the row is left blank",
    }
    table_no_cut_keeps(rule: &str) {
        zh: "按印出的样子，没有一种切分符合 {rule}",
        en: "no cut keeps {rule}, as printed",
    }
    table_cuts_keep(consistent: usize, all: usize, s: &str, rule: &str) {
        zh: "{all} 种可能的切分中有 {consistent} 种符合 {rule}",
        en: "{consistent} of the {all} possible cuts keep{s} {rule}",
    }
    table_row_printed_again(first: &str) {
        zh: "该行以不同的数值又印了一次；保留了第一次的（{first}）",
        en: "the row is printed again with other values; the first ({first}) was kept",
    }
    table_either_order() {
        zh: "这些数值既可以逐行读，也可以逐列读；留待人工填写",
        en: "the values can be read row by row or column by column; left blank for a person",
    }
    table_cuts_some_consistent(readings: usize, candidates: usize) {
        zh: "这些数字有 {readings} 种切分方式，其中 {candidates} 种符合规则；留待人工填写",
        en: "the digits can be cut into cells {readings} ways, {candidates} of them consistent with the rules; left blank for a person",
    }
    table_cuts_none_decides(readings: usize) {
        zh: "这些数字有 {readings} 种切分方式，没有规则能判定；留待人工填写",
        en: "the digits can be cut into cells {readings} ways and no rule decides; left blank for a person",
    }
    table_value_not_kind(text: &str, kind: &str) {
        zh: "“{text}”不是{kind}；该单元格留空",
        en: "“{text}” is not {kind}; the cell is left blank",
    }
    merged_over_columns(columns: usize) { zh: "{columns} 列", en: "{columns} columns" }
    merged_over_rows(rows: usize) { zh: "{rows} 行", en: "{rows} rows" }
    merged_over_both(rows: usize, columns: usize) {
        zh: "{rows} 行 {columns} 列",
        en: "{rows} rows and {columns} columns",
    }
    table_merged_value(text: &str, over: &str) {
        zh: "“{text}”只印在一个合并了 {over} 的单元格中：它可能是每个单元格的值，也可能是合计；该单元格留空",
        en: "“{text}” is printed once in a cell merged over {over}: it may be each cell's value or their total; the cell is left blank",
    }
    table_read_as(values: &str, how: &str) { zh: "读作 {values}：{how}", en: "read as {values}: {how}" }
    table_no_row_recognised() {
        zh: "表格中没有认出任何一行；其单元格留空",
        en: "no row of the table was recognised; its cells are left blank",
    }
    table_not_found() {
        zh: "没有找到这张表；其单元格留空",
        en: "the table was not found; its cells are left blank",
    }
    table_row_not_found(label: &str) {
        zh: "没有找到“{label}”这一行；该行留空",
        en: "the row “{label}” was not found; it is left blank",
    }
    table_label_without_values() {
        zh: "找到了该行的标签，但后面没有数值；该行留空",
        en: "the row's label was found but no values after it; the row is left blank",
    }
    table_label_read_as(label: &str) {
        zh: "标签读作“{label}”（印出的标签与模板的不同）",
        en: "label read as “{label}” (the printed label differs from the template's)",
    }
    table_values_without_label() {
        zh: "前面没有行标签的数值没有放入表格",
        en: "values with no row label before them were not placed",
    }
    table_values_do_not_fit(rows: usize, cells: usize) {
        zh: "标签后的数值与那里列出的 {rows} 行（{cells} 个单元格）对不上；该行留空",
        en: "the values after the labels do not fit the {rows} row(s) named there ({cells} cells); the row is left blank",
    }
    table_no_values() {
        zh: "表格中没有找到数值；其单元格留空",
        en: "no values found in the table; its cells are left blank",
    }
    order_row_by_row() { zh: "逐行", en: "row by row" }
    order_column_by_column() { zh: "逐列", en: "column by column" }
    order_columns_reordered(names: &str) {
        zh: "逐列，各列的顺序为 {names}",
        en: "column by column, the columns in the order {names}",
    }
    order_from_table_three(order: &str) {
        zh: "这些数值没有行标签；按{order}读取，即本文档表三的合计所显示的顺序",
        en: "the values came without their row labels; read {order}, the order the sums of table 三 show for this document",
    }
    order_none_holds() {
        zh: "这些数值没有行标签，且按任何可读的顺序合计（R2）都不成立；这些行留空",
        en: "the values came without their row labels and the sums (R2) hold in no order they can be read in; the rows are left blank",
    }
    order_only_one_holds(how: &str) {
        zh: "这些数值没有行标签；按{how}读取，这是每行都符合 R2 的唯一顺序",
        en: "the values came without their row labels; read {how}, the only order in which every row keeps R2",
    }
    order_as_elsewhere(how: &str) {
        zh: "这些数值没有行标签；合计在不止一种顺序下成立，按本文档其他地方的{how}读取",
        en: "the values came without their row labels; the sums hold in more than one order, read {how} as elsewhere in this document",
    }
    rules_decide(rules: &str, s: &str) {
        zh: "{rules}在几种切分之间作出了判定",
        en: "{rules} decide{s} between the cuts",
    }
    narrative_decides(cuts: usize, figures: &str, labels: &str) {
        zh: "没有合计规则能在 {cuts} 种切分之间判定；正文在“{labels}”旁印有 {figures}，只有这种切分有",
        en: "no sum rule decides between the {cuts} cuts; the narrative prints {figures} beside “{labels}”, which only this cut has",
    }

    // ---- import: originals kept with an existing report ----
    original_kept_already(name: &str, file: &str) {
        zh: "{name} 已经和这份年报一起保存（{file}）：没有改动",
        en: "{name} is kept with this report already ({file}): nothing changed",
    }
    source_without_front_matter() { zh: "源文件没有前置信息（front matter）", en: "the source has no front matter" }
    original_attached(name: &str, file: &str) {
        zh: "已把 {name} 作为现有源文件的原文保存（{file}）；源文件的数值保持不变",
        en: "kept {name} as an original of the existing source ({file}); the source's values are kept",
    }
    original_differs_in(differences: &str) {
        zh: "；它与源文件的不同之处：{differences}",
        en: "; it differs from them in: {differences}",
    }
    original_changed() {
        zh: " —— 原文已变更：这份年报已有另一个原文",
        en: " — 原文已变更: the report has another original already",
    }
    imported_source_does_not_load(message: &str) {
        zh: "程序错误：导入写出的源文件无法读取：{message}",
        en: "bug: the imported source does not load: {message}",
    }
    cell_differs(path: &str, source: &str, original: &str) {
        zh: "{path}：源文件中为 {source}，原文中为 {original}",
        en: "{path}: {source} in the source, {original} in the original",
    }
    section_differs(number: u8) { zh: "正文第 {number} 部分", en: "section {number} of the narrative" }

    // ---- import: R6 across years, one report from two inputs ----
    r6_no_one_answer() {
        zh: "本次导入的各份年报之间按 R6 得不出唯一答案；不据此确定任何值",
        en: "R6 across the reports of this run does not come to one answer; nothing is settled by it",
    }
    neighbour_in_run(year: u16, input: &str) {
        zh: "{year} 年的年报（{input}，本次导入）",
        en: "the {year} report ({input}, imported in this run)",
    }
    neighbour_in_archive(year: u16, path: &str) {
        zh: "{year} 年的年报（{path}）",
        en: "the {year} report ({path})",
    }
    r6_said(place: &str, said: &str, seen: &str) {
        zh: "{place}：{said}（印出的是“{seen}”）",
        en: "{place}: {said} (printed “{seen}”)",
    }
    r6_read_as(place: &str, values: &str, said: &str, seen: &str) {
        zh: "{place}：读作 {values}：{said}（印出的是“{seen}”）",
        en: "{place}: read as {values}: {said} (printed “{seen}”)",
    }
    r6_no_cut_keeps(neighbour: &str, equation: &str) {
        zh: "R6 对照{neighbour}：没有一种切分符合 {equation}；按印出的样子，两份年报不符合 R6（或其中一份印错），因此不据此确定任何值",
        en: "R6 with {neighbour}: no cut keeps {equation}; as printed, the two reports break R6 (or one of them misprints), so nothing is settled from it",
    }
    r6_keeps(neighbour: &str, equation: &str, kept: usize, cuts: usize) {
        zh: "R6 对照{neighbour}：{cuts} 种切分中有 {kept} 种符合 {equation}",
        en: "R6 with {neighbour}: {equation} keeps {kept} of the {cuts} cuts",
    }
    r6_none_kept_by_both(said: &str) {
        zh: "{said}；没有一种切分同时符合两者，因此不确定任何值",
        en: "{said}; no cut is kept by both, so nothing is settled",
    }
    merged_agreeing(other: &str, filled: usize) {
        zh: "同一份年报也从 {other} 导入：这里留空的 {filled} 个单元格已据它填上，其余数值都一致",
        en: "the same report was also imported from {other}: {filled} cell(s) left open here were filled from it, and every other value agrees",
    }
    merged_disagreeing(other: &str, filled: usize, values: &str) {
        zh: "同一份年报也从 {other} 导入：这里留空的 {filled} 个单元格已据它填上；以下数值不同，保留了本输入的：{values}",
        en: "the same report was also imported from {other}: {filled} cell(s) left open here were filled from it; these values differ and were kept from this input: {values}",
    }

    // ---- import: converting PDF and Office files ----
    io_step_failed(what: &str, error: &str) { zh: "{what}：{error}", en: "{what}: {error}" }
    cannot_make_temporary_folder() { zh: "无法创建临时文件夹", en: "cannot make a temporary folder" }
    cannot_write_temporary_copy() { zh: "无法写入临时副本", en: "cannot write the temporary copy" }
    cannot_write_temporary_folder() { zh: "无法写入临时文件夹", en: "cannot write the temporary folder" }
    cannot_start_program(program: &str) { zh: "无法启动 {program}", en: "cannot start {program}" }
    cannot_read_converted_file() { zh: "无法读取转换后的文件", en: "cannot read the converted file" }
    cannot_wait_for_libreoffice(error: &str) {
        zh: "无法等待 LibreOffice：{error}",
        en: "cannot wait for LibreOffice: {error}",
    }
    libreoffice_made_nothing() {
        zh: "LibreOffice 没有把它转换成 .docx",
        en: "LibreOffice made no .docx of it",
    }
    converted_by_libreoffice(file: &str, program: &str) {
        zh: "{file} 已由 LibreOffice（{program} --headless）转换为 .docx",
        en: "{file} converted to .docx by LibreOffice ({program} --headless)",
    }
    cannot_read_program_output(program: &str, error: &str) {
        zh: "无法读取 {program} 的输出：{error}",
        en: "cannot read {program}'s output: {error}",
    }
    program_did_not_finish(program: &str, error: &str) {
        zh: "{program} 没有运行完：{error}",
        en: "{program} did not finish: {error}",
    }
    poppler_gave_no_reason() { zh: "poppler 没有给出原因", en: "poppler gave no reason" }
    extracted_by_poppler(file: &str, program: &str) {
        zh: "文本由 {program} -layout 从 {file} 中提取",
        en: "text extracted from {file} by {program} -layout",
    }
    part_not_utf8(name: &str, error: &str) {
        zh: "{name} 不是 UTF-8（{error}）",
        en: "{name} is not UTF-8 ({error})",
    }
    part_not_inflated(error: &str) {
        zh: "有一个部件无法解压：{error}",
        en: "a part cannot be inflated: {error}",
    }
    read_from_word_document(file: &str) {
        zh: "段落和表格读自 Word 文档 {file}",
        en: "paragraphs and tables read from the Word document {file}",
    }
    xml_truncated() {
        zh: "XML 在元素闭合之前就结束了（文件可能不完整）",
        en: "the XML ends before its elements close (the file may be truncated)",
    }
    unknown_xml_entity(reference: &str) {
        zh: "未知的实体 &{reference};",
        en: "unknown entity &{reference};",
    }

    standard_output() { zh: "标准输出", en: "standard output" }
    standard_error() { zh: "标准错误", en: "standard error" }
    at_line(line: usize) { zh: "第 {line} 行：", en: "line {line}: " }
    block_of_rows(first: &str, last: &str, rows: usize, message: &str) {
        zh: "行 {first} … {last}（共 {rows} 行）：{message}",
        en: "rows {first} … {last} ({rows} rows): {message}",
    }
}
