//! The words of diagnostics as printed, and what `serve` says in the terminal and over the
//! preview's pages.

use super::catalogue;

catalogue! {
    // ---- diagnostics ----
    error_word() { zh: "错误", en: "error" }
    warning_word() { zh: "警告", en: "warning" }
    help_word() { zh: "帮助", en: "help" }
    /// The head of a printed diagnostic: `error: message`.
    diagnostic_head(severity: &str, message: &str) {
        zh: "{severity}：{message}",
        en: "{severity}: {message}",
    }
    /// The help line of a printed diagnostic.
    diagnostic_help(help_word: &str, help: &str) {
        zh: "= {help_word}：{help}",
        en: "= {help_word}: {help}",
    }

    // ---- serve, in the terminal ----
    serving(url: &str) { zh: "正在预览 {url}（按 Ctrl-C 停止）", en: "serving {url} (Ctrl-C to stop)" }
    serving_elsewhere(other: &str) {
        zh: "；其他机器访问：{other}",
        en: "; from other machines: {other}",
    }
    reachable_warning(address: &str) {
        zh: "警告：正在监听 {address}：网络中的其他机器可以访问预览，包括草稿和错误；--bind 127.0.0.1（默认）只允许本机访问",
        en: "warning: listening on {address}: the preview is reachable from other machines on the network, drafts and errors included; --bind 127.0.0.1 (the default) keeps it to this machine",
    }
    stopped() { zh: "已停止", en: "stopped" }
    rebuild_thread_died() {
        zh: "错误：预览在内部错误后不再跟踪改动；请重新运行 archive serve（仍在提供上一个网站）",
        en: "error: the preview stopped following changes after an internal error; restart archive serve (the last site is still served)",
    }
    no_rebuild_thread(error: &str) {
        zh: "无法启动重新构建线程：{error}",
        en: "cannot start the rebuilding thread: {error}",
    }
    watcher_problem(error: &str) {
        zh: "警告：文件监视报告了一个问题：{error}",
        en: "warning: the watcher reported a problem: {error}",
    }
    loaded(reports: usize, agencies: usize, took: &str, files: usize, mebibytes: usize) {
        zh: "已载入 {agencies} 个机关的 {reports} 份报告（{took}）：{files} 个文件，按需生成，缓存至多 {mebibytes} MiB",
        en: "loaded {reports} reports of {agencies} agencies ({took}): {files} files, drawn when asked and kept up to {mebibytes} MiB",
    }
    search_index_kept(folder: &str) {
        zh: "搜索：使用上次 `archive build` 写的索引（{folder}）；保存不会更新它",
        en: "search: the index the last `archive build` wrote ({folder}); saves do not update it",
    }
    no_search_index() {
        zh: "搜索：尚无索引；`archive build` 会生成搜索所用的索引",
        en: "search: no index yet; `archive build` makes the one search uses",
    }
    first_build_failed(errors: usize, s: &str) {
        zh: "{errors} 个错误：在保存修正之前显示错误页",
        en: "{errors} error{s}: serving an error page until a save fixes them",
    }
    still_serving(errors: usize, s: &str) {
        zh: "{errors} 个错误：仍在提供上一个正确的网站；打开的页面会显示这些错误",
        en: "{errors} error{s}: still serving the last good site; the open pages show them",
    }
    more_files(count: usize) { zh: "另 {count} 个", en: "{count} more" }
    fixed(what: &str, took: &str) {
        zh: "{what}：已修正，其他无变化（{took}）",
        en: "{what}: fixed, nothing else changed ({took})",
    }
    pages_stale(what: &str, pages: usize, s: &str, drawn: usize, took: &str) {
        zh: "{what}：{pages} 个页面过期，{drawn} 个已立即重新生成（{took}）",
        en: "{what}: {pages} page{s} stale, {drawn} drawn again at once ({took})",
    }
    reloaded_everything(what: &str, files: usize, s: &str, took: &str) {
        zh: "{what}：全部重新载入，{files} 个文件（{took}）",
        en: "{what}: reloaded everything, {files} file{s} ({took})",
    }
    no_browser(program: &str, error: &str, url: &str) {
        zh: "无法打开浏览器（{program}：{error}）；请自行打开 {url}",
        en: "cannot open a browser ({program}: {error}); open {url} yourself",
    }
    ports_in_use(first: u16, last: u16, bind: &str) {
        zh: "{bind} 上的端口 {first} 到 {last} 都已被占用",
        en: "ports {first} to {last} on {bind} are all in use",
    }
    ports_in_use_help() {
        zh: "换一个 --port（例如 --port 8080），或用 --port 0 使用任一空闲端口",
        en: "pass another --port (such as --port 8080), or --port 0 for any free port",
    }
    no_such_address(bind: &str, error: &str) {
        zh: "无法监听 {bind}：本机没有这个地址（{error}）",
        en: "cannot listen on {bind}: this machine has no such address ({error})",
    }
    no_such_address_help() {
        zh: "用 --bind 127.0.0.1（仅本机，默认）、本机自己的某个地址，或 0.0.0.0（所有地址）",
        en: "pass --bind 127.0.0.1 (this machine only, the default), one of this machine's own addresses, or 0.0.0.0 (all of them)",
    }
    port_not_allowed(port: u16, bind: &str, error: &str) {
        zh: "不允许监听 {bind} 的端口 {port}（{error}）",
        en: "not allowed to listen on port {port} of {bind} ({error})",
    }
    port_not_allowed_help() {
        zh: "1024 以下的端口需要管理员权限：用 --port 1111（默认）或 1024 以上的其他端口",
        en: "ports below 1024 need administrator rights: pass --port 1111 (the default) or another from 1024 up",
    }
    cannot_listen(bind: &str, port: u16, error: &str) {
        zh: "无法监听 {bind} 的端口 {port}：{error}",
        en: "cannot listen on {bind} port {port}: {error}",
    }
    cache_bytes_not_a_number(variable: &str, value: &str) {
        zh: "{variable} 是 {value}，不是字节数",
        en: "{variable} is {value}, not a number of bytes",
    }
    cache_bytes_help() {
        zh: "设为一个整数字节数（例如 268435456，即默认的 256 MiB），或取消设置",
        en: "set it to a whole number of bytes (such as 268435456 for 256 MiB, the default), or unset it",
    }
    no_server(error: &str) { zh: "无法启动服务器：{error}", en: "cannot start the server: {error}" }
    cannot_listen_help() { zh: "检查 --bind 和 --port", en: "check --bind and --port" }

    // ---- serve, over the pages ----
    page_not_drawn() { zh: "此页面无法生成", en: "This page could not be drawn" }
    site_not_built() { zh: "网站无法构建", en: "The site could not be built" }
    fix_and_save() {
        zh: "修正错误并保存：此页面会自动刷新。",
        en: "Fix the errors and save: this page reloads by itself.",
    }
    overlay_summary(errors: usize, s: &str) {
        zh: "archive serve：{errors} 个错误。仍在提供上一个正确的版本；保存修正后此提示消失。",
        en: "archive serve: {errors} error{s}. Still serving the last good version; save a fix and this goes away.",
    }
}
