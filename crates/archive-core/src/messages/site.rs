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

    // ---- the output folder ----
    cannot_read_folder(error: &str) { zh: "无法读取文件夹：{error}", en: "cannot read the folder: {error}" }
    a_static_file() { zh: "静态文件", en: "a static file" }
    a_kept_file() { zh: "从上次输出保留的文件", en: "a file kept from the previous output" }
    link_target(target: &str) { zh: "（指向 {target}）", en: " (to {target})" }
    is_a_link(what: &str, target: &str) {
        zh: "{what}是符号链接{target}；archive 不跟随链接",
        en: "{what} is a symbolic link{target}; archive does not follow links",
    }
    not_file_or_folder(what: &str) {
        zh: "{what}既不是普通文件也不是文件夹",
        en: "{what} is neither a regular file nor a folder",
    }
    static_link_help() {
        zh: "用它所指内容的副本替换它：archive 只发布普通文件和文件夹，使年报库以外的东西不会进入网站",
        en: "replace it with a copy of what it points to: archive publishes only regular files and folders, so that nothing from outside the archive reaches the site",
    }
    kept_link_help() {
        zh: "在输出文件夹中用它所指内容的副本替换它，或删除它：archive 只保留普通文件和文件夹，使年报库以外的东西不会进入网站",
        en: "replace it in the output folder with a copy of what it points to, or remove it: archive keeps only regular files and folders, so that nothing from outside the archive reaches the site",
    }
    outside_output() {
        zh: "拒绝写到输出文件夹之外",
        en: "refusing to write outside the output folder",
    }
    cannot_create_output_folder() { zh: "无法建立输出所在的文件夹", en: "cannot create the output's folder" }
    lock_name_taken() {
        zh: "构建锁的文件名被一个符号链接或文件夹占用",
        en: "the build lock's name is taken by a symbolic link or a folder",
    }
    lock_name_taken_help() {
        zh: "删除它；archive 在那里保存自己的锁文件",
        en: "remove it; archive keeps a lock file of its own there",
    }
    cannot_open_lock() { zh: "无法打开构建锁", en: "cannot open the build lock" }
    cannot_take_lock() { zh: "无法取得构建锁", en: "cannot take the build lock" }
    another_build(holder: &str) {
        zh: "另一个 `archive build` 正在写这个输出文件夹（{holder}）",
        en: "another `archive build` is writing this output folder ({holder})",
    }
    another_build_help() {
        zh: "等那次构建结束后再构建；那个进程退出（即使被终止）时锁会释放",
        en: "wait for that build to finish, then build again; the lock is released when that process exits, even if it is killed",
    }
    output_is_file() { zh: "输出路径是文件，不是文件夹", en: "the output path is a file, not a folder" }
    output_is_file_help() {
        zh: "在 site.toml 中另选 output_dir，或把这个文件移走",
        en: "choose another output_dir in site.toml, or move the file away",
    }
    output_not_ours() {
        zh: "输出文件夹已存在，且不是 archive 生成的",
        en: "the output folder exists and was not made by archive",
    }
    output_not_ours_help() {
        zh: "在 site.toml 中另选 output_dir、清空这个文件夹，或加 --force 替换它",
        en: "choose another output_dir in site.toml, empty the folder, or pass --force to replace it",
    }
    staging_not_ours() {
        zh: "已有一个与暂存文件夹同名、且不是 archive 生成的文件夹",
        en: "a folder with the staging folder's name exists and was not made by archive",
    }
    staging_not_ours_help() {
        zh: "把它移走；archive 先构建到这个文件夹，再换上去",
        en: "move it away; archive builds into this folder before swapping it in",
    }
    cannot_create_a_folder() { zh: "无法建立文件夹", en: "cannot create a folder" }
    journal_stuck_help() {
        zh: "输出文件夹里有一次没有完成的提交；排除上面说的原因后再构建一次（构建会先把它完成）。若无法排除，删除输出文件夹、它的暂存文件夹和这份日志，再构建",
        en: "the output folder holds a commit that did not finish; fix the cause named above and build again (the build finishes it first). If that cannot be done, delete the output folder, its staging folder and this journal, then build again",
    }
    journal_unreadable(error: &str) {
        zh: "一次未完成提交的日志无法读取：{error}",
        en: "the journal of an unfinished commit cannot be read: {error}",
    }
    journal_not_ours() {
        zh: "一次未完成提交的日志指向的输出文件夹或暂存文件夹不是 archive 生成的（没有标记文件，或是符号链接）",
        en: "the journal of an unfinished commit names an output or staging folder that is not archive's (no marker file, or a symbolic link)",
    }
    journal_outside(path: &str) {
        zh: "日志中的路径不在输出文件夹内：{path}",
        en: "the journal names a path outside the output folder: {path}",
    }
    journal_write_help() {
        zh: "原有网站未改动；检查该文件夹的权限和剩余空间，再构建",
        en: "the previous site is unchanged; check the folder's permissions and free space, then build again",
    }
    bad_keep_entry(entry: &str) {
        zh: "`keep` 中的 `{entry}` 不是输出文件夹内的路径",
        en: "`keep` entry `{entry}` is not a path inside the output folder",
    }
    bad_keep_entry_help() {
        zh: "写相对于输出文件夹的路径，例如 \"CNAME\" 或 \".well-known\"",
        en: "list paths relative to the output folder, such as \"CNAME\" or \".well-known\"",
    }
    cannot_read_kept(error: &str) { zh: "无法读取保留的文件：{error}", en: "cannot read a kept file: {error}" }
    dangerous_output_help() {
        zh: "在 site.toml（或 --output）中把 output_dir 设为 content/、themes/、templates/ 和 static/ 之外的独立文件夹，例如 \"public\"；--force 不能改变这一点",
        en: "set output_dir in site.toml (or --output) to a folder of its own outside content/, themes/, templates/ and static/, such as \"public\"; --force does not change this",
    }
    leads_to(path: &str) { zh: "（实际指向 {path}）", en: " (which leads to {path})" }
    the_archives_folder() { zh: "年报库自身的文件夹", en: "the archive's own folder" }
    a_folder_holding_the_archive() { zh: "包含年报库的文件夹", en: "a folder that holds the archive" }
    refusing_output(what: &str, leads_to: &str) {
        zh: "拒绝把{what}{leads_to}用作输出文件夹",
        en: "refusing to use {what}{leads_to} as the output folder",
    }
    refusing_root() {
        zh: "拒绝把文件系统的根用作输出文件夹",
        en: "refusing to use the file system's root as the output folder",
    }
    refusing_home() {
        zh: "拒绝把用户主文件夹用作输出文件夹",
        en: "refusing to use the home folder as the output folder",
    }
    the_sources() { zh: "报告源文件", en: "the report sources" }
    the_themes() { zh: "主题", en: "the themes" }
    the_templates() { zh: "网站模板", en: "the site's templates" }
    the_static_files() { zh: "网站静态文件", en: "the site's static files" }
    relation_is() { zh: "就是", en: "is" }
    relation_inside() { zh: "位于其中：", en: "lies inside" }
    relation_holds() { zh: "包含", en: "holds" }
    refusing_protected(leads_to: &str, relation: &str, what: &str, folder: &str) {
        zh: "拒绝使用这个输出文件夹{leads_to}：它{relation}{what}（{folder}）",
        en: "refusing to use this output folder{leads_to}: it {relation} {what} ({folder})",
    }
    output_is_link(target: &str) {
        zh: "输出文件夹是符号链接（指向 {target}）；archive 不替换链接",
        en: "the output folder is a symbolic link (to {target}); archive does not replace links",
    }
    output_is_link_help(folder: &str) {
        zh: "把链接所指的文件夹（{folder}）作为 --output 或 output_dir，或删除这个链接",
        en: "pass the folder the link points to ({folder}) as --output or output_dir, or remove the link",
    }
    io_failure(what: &str, error: &str) { zh: "{what}：{error}", en: "{what}: {error}" }
    io_failure_help() {
        zh: "检查文件夹的权限和剩余空间",
        en: "check the folder's permissions and free space",
    }

    // ---- themes, templates, the build ----
    theme_not_found(name: &str) {
        zh: "找不到主题 `{name}`：没有文件夹 themes/{name}/",
        en: "theme `{name}` not found: there is no folder themes/{name}/",
    }
    theme_not_found_help(default: &str) {
        zh: "在 site.toml 中设 `theme = \"{default}\"`，或把主题放到 themes/ 下",
        en: "set `theme = \"{default}\"` in site.toml, or add the theme under themes/",
    }
    template_not_utf8() { zh: "模板不是 UTF-8 文字", en: "the template is not UTF-8 text" }
    template_not_utf8_help() { zh: "把模板另存为 UTF-8", en: "save the template as UTF-8" }
    theme_file_is_link(target: &str) {
        zh: "主题中的文件是符号链接{target}；archive 不跟随链接",
        en: "a theme's file is a symbolic link{target}; archive does not follow links",
    }
    theme_file_special() {
        zh: "主题中的文件既不是普通文件也不是文件夹",
        en: "a theme's file is neither a regular file nor a folder",
    }
    theme_link_help() {
        zh: "用它所指内容的副本替换它：主题只包含普通文件和文件夹，使年报库以外的东西不会进入网站",
        en: "replace it with a copy of what it points to: a theme holds only regular files and folders, so that nothing from outside the archive reaches the site",
    }
    cannot_read_the_file(error: &str) { zh: "无法读取文件：{error}", en: "cannot read the file: {error}" }
    cannot_read_original(error: &str) {
        zh: "无法读取存档的原文：{error}",
        en: "cannot read the archived original: {error}",
    }
    template_error(message: &str) { zh: "模板错误：{message}", en: "template error: {message}" }
    template_page_help(page: &str) {
        zh: "修正模板；生成 {page} 时出错",
        en: "fix the template; it failed while drawing {page}",
    }
    template_syntax_help() { zh: "修正模板的语法", en: "fix the template's syntax" }
    cannot_watch(error: &str) { zh: "无法监视改动：{error}", en: "cannot watch for changes: {error}" }
    too_many_watches_help() {
        zh: "调高 fs.inotify.max_user_watches，或加 --watcher poll",
        en: "raise fs.inotify.max_user_watches, or pass --watcher poll",
    }
    poll_help() {
        zh: "如果这个文件系统不报告改动，请加 --watcher poll",
        en: "pass --watcher poll if this file system does not report changes",
    }
    no_indexer(error: &str) { zh: "无法启动索引程序：{error}", en: "cannot start the indexer: {error}" }
    cannot_index(url: &str, error: &str) { zh: "无法索引 /{url}：{error}", en: "cannot index /{url}: {error}" }
    cannot_build_index(error: &str) { zh: "无法生成索引：{error}", en: "cannot build the index: {error}" }

    // ---- writing the output ----
    io_clear_staging() { zh: "无法清空暂存文件夹", en: "cannot clear the staging folder" }
    io_create_staging() { zh: "无法创建暂存文件夹", en: "cannot create the staging folder" }
    io_make_file() { zh: "无法创建文件", en: "cannot make a file" }
    io_move_new_site() { zh: "无法把新网站移到位", en: "cannot move the new site into place" }
    io_move_previous_aside() { zh: "无法把上一次的输出移开", en: "cannot move the previous output aside" }
    io_read_written_file() { zh: "无法读取刚写入的文件", en: "cannot read a file written" }
    io_read_file() { zh: "无法读取文件", en: "cannot read a file" }
    io_read_kept_file() { zh: "无法读取保留的文件", en: "cannot read a kept file" }
    io_replace_file() { zh: "无法替换文件", en: "cannot replace a file" }
    io_reuse_previous_file() { zh: "无法沿用上一次输出中的文件", en: "cannot reuse a file of the previous output" }
    io_write_file() { zh: "无法写入文件", en: "cannot write a file" }
    io_write_build_lock() { zh: "无法写入构建锁", en: "cannot write the build lock" }
    io_write_staging() { zh: "无法写入暂存文件夹", en: "cannot write to the staging folder" }
    io_write_journal() { zh: "无法写入提交日志", en: "cannot write the commit's journal" }
    io_remove_journal() { zh: "无法删除过时的提交日志", en: "cannot remove an obsolete journal" }
    io_create_folder() { zh: "无法创建文件夹", en: "cannot create a folder" }
    io_move_file_into_place() { zh: "无法把新文件移到位", en: "cannot move a new file into place" }
    io_remove_file() { zh: "无法删除文件", en: "cannot remove a file" }
    io_flush_file() { zh: "无法把新文件写入磁盘", en: "cannot flush a new file to disk" }
    io_read_journal() { zh: "无法读取未完成提交的日志", en: "cannot read the journal of an unfinished commit" }
    io_remove_finished_journal() { zh: "无法删除已完成的提交日志", en: "cannot remove the finished journal" }
    io_staging_not_removed() {
        zh: "新网站已就位，但暂存文件夹无法删除",
        en: "the new site is in place, but the staging folder could not be removed",
    }
    io_previous_not_removed() { zh: "新网站已就位，但上一次的网站无法删除", en: "the new site is in place, but the previous one could not be removed" }
    lock_holder(pid: &str, started: &str) {
        zh: "进程 {pid}，开始于 {started}",
        en: "process {pid}, started at {started}",
    }
    lock_holder_just_started() { zh: "一个刚刚启动的进程", en: "a process that has just started" }

    // ---- the incremental build ----
    cannot_read_source(error: &str) { zh: "无法读取源文件：{error}", en: "cannot read a source: {error}" }
    unreadable_source_help() {
        zh: "检查你是否有权限读取这个文件或文件夹，然后重新构建",
        en: "check that the file or folder can be read by you (permissions), then build again",
    }
    cannot_write_manifest(error: &str) {
        zh: "无法写入构建清单：{error}",
        en: "cannot write the build manifest: {error}",
    }
    manifest_help() {
        zh: "网站已经构建；下次构建会重新生成每个文件。请检查文件夹的权限和剩余空间",
        en: "the site was built; the next build draws every file again. Check the folder's permissions and free space",
    }

    // ---- the long CSV files' members, kept between builds ----
    damaged_member_cache(why: &str) {
        zh: "长格式 CSV 的压缩片段缓存已损坏（{why}），这一年的片段重新压缩",
        en: "the long CSV files' cache of compressed members is damaged ({why}); that year's members are compressed again",
    }
    cannot_write_member_cache(error: &str) {
        zh: "无法写入长格式 CSV 的压缩片段缓存：{error}",
        en: "cannot write the long CSV files' cache of compressed members: {error}",
    }

    // ---- the preview's plain answers ----
    preview_local_only() {
        zh: "这个预览只响应 localhost、127.0.0.1 和 [::1] 及其端口\n",
        en: "this preview answers only to localhost, 127.0.0.1 and [::1] with its port\n",
    }
    address_too_long() { zh: "地址太长\n", en: "the address is too long\n" }
    preview_get_and_head_only() {
        zh: "预览只响应 GET 和 HEAD\n",
        en: "the preview only answers GET and HEAD\n",
    }
    page_not_found() { zh: "找不到页面\n", en: "not found\n" }
}
