//! Architecture rules, checked by reading the source under `src/`.
//!
//! The dashboard is layered so that each part can be tested on its own:
//! - state (`app`, `action`, `keys`, `view`, `layout`, `input`, `text`) runs without a
//!   terminal, so it must not reach for drawing (`ui`), the terminal, the event loop, the file
//!   watcher, snapshots or `main`;
//! - `data` loads and checks the report by itself, so it imports nothing else in the crate
//!   (external crates are fine);
//! - `ui` only draws, so it must not drive the terminal, the event loop, the watcher or the
//!   handout export (which writes files);
//! - no modules depend on each other round a loop.
//!
//! The check reads the text instead of asking the compiler, so it needs nothing beyond std.
//! Comments and string literals are skipped. A dependency is a `use` tree or an inline path
//! anchored at `crate`, `super` or `self` (`crate::data::builtin()`, `super::heading(…)`);
//! bare relative paths (`theme::Theme` in `ui/mod.rs`) and `mod x;` declarations are not.
//! Test code counts like any other code. `src/main.rs` and `src/lib.rs` may import anything.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::fs;
use std::path::Path;

/// The state modules: no terminal, no drawing, no I/O loop.
const STATE: &[&str] = &[
    "app", "action", "keys", "view", "layout", "input", "text", "decode", "notes", "wire",
    "console",
];
/// What state must not import: drawing, and everything that does I/O.
const STATE_MUST_NOT_IMPORT: &[&str] = &[
    "ui",
    "terminal",
    "tty",
    "ansi",
    "event",
    "watch",
    "output",
    "snapshot",
    "export",
    "main",
    "session",
    "console_loop",
];
/// What `ui` must not import: everything that does I/O.
const UI_MUST_NOT_IMPORT: &[&str] = &[
    "terminal",
    "tty",
    "ansi",
    "event",
    "watch",
    "output",
    "export",
    "session",
    "console_loop",
];

/// One broken rule, with enough to find it: file, line, the import as written, the rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Violation {
    file: String,
    line: usize,
    import: String,
    rule: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: `{}` — {}",
            self.file, self.line, self.import, self.rule
        )
    }
}

/// A dependency of one file-level module on another (`ui::sales` → `ui::theme`), and where
/// it is written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: String,
    to: String,
    file: String,
    line: usize,
    import: String,
}

impl Edge {
    fn violation(&self, rule: String) -> Violation {
        Violation {
            file: self.file.clone(),
            line: self.line,
            import: self.import.clone(),
            rule,
        }
    }
}

/// Every broken rule in a source tree given as (`src/…` path, text) pairs, sorted.
fn check<P: AsRef<str>, T: AsRef<str>>(files: &[(P, T)]) -> Vec<Violation> {
    let (edges, mut violations) = edges(files);
    for edge in &edges {
        if let Some(rule) = layer_rule(&edge.from, &edge.to) {
            violations.push(edge.violation(rule));
        }
    }
    violations.extend(cycles(&edges));
    violations.sort();
    violations.dedup();
    violations
}

/// The dependency graph between file-level modules (a module's references to itself left
/// out), and whatever could not be read.
fn edges<P: AsRef<str>, T: AsRef<str>>(files: &[(P, T)]) -> (Vec<Edge>, Vec<Violation>) {
    let known: BTreeSet<Vec<String>> = files
        .iter()
        .filter_map(|(path, _)| module_of(path.as_ref()))
        .collect();
    let (mut edges, mut problems) = (Vec::new(), Vec::new());
    for (path, text) in files {
        let file = path.as_ref();
        let Some(module) = module_of(file) else {
            continue;
        };
        for reference in references(&module, &tokens(text.as_ref())) {
            let problem = |rule: String| Violation {
                file: file.to_string(),
                line: reference.line,
                import: reference.text(),
                rule,
            };
            match (reference.form, resolve(&reference, &known)) {
                (Form::Unparsed, _) => problems.push(problem(
                    "the architecture test could not parse this `use`; teach tests/architecture.rs"
                        .to_string(),
                )),
                (_, None) => {}
                (_, Some(Err(rule))) => problems.push(problem(rule)),
                (_, Some(Ok(to))) if to == module => {}
                (_, Some(Ok(to))) => edges.push(Edge {
                    from: name(&module),
                    to: name(&to),
                    file: file.to_string(),
                    line: reference.line,
                    import: reference.text(),
                }),
            }
        }
    }
    (edges, problems)
}

/// The module a file defines, as its path from the crate root: `src/data/load.rs` is
/// `["data", "load"]`, `src/ui/mod.rs` is `["ui"]`. None for files the rules leave alone:
/// the crate roots (`lib.rs`, `main.rs`), binaries under `src/bin/`, anything not Rust.
fn module_of(path: &str) -> Option<Vec<String>> {
    let inside = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    if matches!(inside, "lib" | "main") || inside.starts_with("bin/") {
        return None;
    }
    let mut module: Vec<String> = inside.split('/').map(String::from).collect();
    if module.last().is_some_and(|last| last == "mod") {
        module.pop();
    }
    Some(module)
}

/// A module path as the messages write it: `data::load`, or `crate` for the root.
fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

/// The layering rule an edge breaks, if any.
fn layer_rule(from: &str, to: &str) -> Option<String> {
    let from_top = from.split_once("::").map_or(from, |(top, _)| top);
    let to_top = to.split_once("::").map_or(to, |(top, _)| top);
    if STATE.contains(&from_top) && STATE_MUST_NOT_IMPORT.contains(&to_top) {
        Some(format!("state ({from}) must not import {to_top}"))
    } else if from_top == "data" && to_top != "data" {
        Some(format!(
            "data ({from}) must not import anything outside data, here {to}"
        ))
    } else if from_top == "ui" && UI_MUST_NOT_IMPORT.contains(&to_top) {
        Some(format!("ui ({from}) must not import {to_top}"))
    } else {
        None
    }
}

/// Every edge that lies on a loop, named with the shortest loop through it.
fn cycles(edges: &[Edge]) -> Vec<Violation> {
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for edge in edges {
        graph.entry(&edge.from).or_default().insert(&edge.to);
    }
    edges
        .iter()
        .filter_map(|edge| {
            let back = shortest_path(&graph, &edge.to, &edge.from)?;
            let cycle = std::iter::once(edge.from.as_str())
                .chain(back)
                .collect::<Vec<_>>()
                .join(" -> ");
            Some(edge.violation(format!("closes the dependency cycle {cycle}")))
        })
        .collect()
}

/// The shortest path `from` … `to` in `graph`, both ends included, if there is one.
fn shortest_path<'a>(
    graph: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    from: &'a str,
    to: &'a str,
) -> Option<Vec<&'a str>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut seen = BTreeSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = vec![to];
            while let Some(&before) = path.last().and_then(|last| came_from.get(last)) {
                path.push(before);
            }
            path.reverse();
            return Some(path);
        }
        for &next in graph.get(node).into_iter().flatten() {
            if seen.insert(next) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

// ---- Reading the source ------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Punct,
    /// A string, character or number literal: its text never matters here.
    Literal,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    text: String,
    line: usize,
}

/// The source as tokens with their line numbers, comments dropped and literals blanked, so
/// that `// use crate::ui` or `"crate::ui"` is never taken for a dependency.
fn tokens(source: &str) -> Vec<Token> {
    let s: Vec<char> = source.chars().collect();
    let at = |i: usize| s.get(i).copied().unwrap_or('\0');
    let ident_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < s.len() {
        let (c, start, first_line) = (s[i], i, line);
        let kind = if c == '\n' {
            line += 1;
            i += 1;
            continue;
        } else if c.is_whitespace() {
            i += 1;
            continue;
        } else if c == '/' && at(i + 1) == '/' {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
            continue;
        } else if c == '/' && at(i + 1) == '*' {
            // Block comments nest.
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if s[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(s[i] == '\n');
                    i += 1;
                }
            }
            continue;
        } else if let Some(end) = raw_string_end(&s, i) {
            line += s[i..end].iter().filter(|&&c| c == '\n').count();
            i = end;
            Kind::Literal
        } else if c == '"' || (matches!(c, 'b' | 'c') && at(i + 1) == '"') {
            i = quoted_end(&s, if c == '"' { i } else { i + 1 });
            line += s[start..i].iter().filter(|&&c| c == '\n').count();
            Kind::Literal
        } else if c == '\'' || (c == 'b' && at(i + 1) == '\'') {
            let quote = if c == '\'' { i } else { i + 1 };
            if at(quote + 1) == '\\' {
                // An escaped character: '\n', '\'', '\u{2026}'.
                i = (quote + 3..s.len())
                    .find(|&j| s[j] == '\'')
                    .map_or(s.len(), |j| j + 1);
                Kind::Literal
            } else if at(quote + 2) == '\'' {
                i = quote + 3;
                Kind::Literal
            } else {
                // A lifetime or label: drop the quote, the name that follows is harmless.
                i = quote + 1;
                continue;
            }
        } else if c.is_alphabetic() || c == '_' {
            while i < s.len() && ident_char(s[i]) {
                i += 1;
            }
            if s[start..i] == ['r'] && at(i) == '#' && ident_char(at(i + 1)) {
                // A raw identifier, r#type: the name is what follows.
                i += 1;
                let name_start = i;
                while i < s.len() && ident_char(s[i]) {
                    i += 1;
                }
                out.push(Token {
                    kind: Kind::Ident,
                    text: s[name_start..i].iter().collect(),
                    line,
                });
                continue;
            }
            Kind::Ident
        } else if c.is_ascii_digit() {
            while i < s.len() && ident_char(s[i]) {
                i += 1;
            }
            Kind::Literal
        } else if c == ':' && at(i + 1) == ':' {
            i += 2;
            Kind::Punct
        } else {
            i += 1;
            Kind::Punct
        };
        out.push(Token {
            kind,
            text: s[start..i].iter().collect(),
            line: first_line,
        });
    }
    out
}

/// The end of the string literal whose opening quote is at `open`.
fn quoted_end(s: &[char], open: usize) -> usize {
    let mut i = open + 1;
    while i < s.len() {
        match s[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    s.len()
}

/// The end of a raw string literal (`r"…"`, `r#"…"#`, `br"…"`, `cr"…"`) starting at `i`, if
/// one starts there.
fn raw_string_end(s: &[char], mut i: usize) -> Option<usize> {
    if matches!(s.get(i), Some('b' | 'c')) {
        i += 1;
    }
    if s.get(i) != Some(&'r') {
        return None;
    }
    i += 1;
    let hashes = s[i..].iter().take_while(|&&c| c == '#').count();
    i += hashes;
    if s.get(i) != Some(&'"') {
        return None;
    }
    i += 1;
    while i < s.len() {
        if s[i] == '"'
            && s[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    Some(s.len())
}

/// A path written in a file, before it is resolved to a module.
#[derive(Debug, Clone)]
struct Reference {
    /// Where it is written: the file's module and the inline modules around it
    /// (`["app", "tests"]`), for `super` and `self` to start from.
    here: Vec<String>,
    line: usize,
    form: Form,
    /// The segments: `["crate", "layout", "self"]`, `["super", "*"]`.
    segments: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A leaf of a `use` tree: `use crate::{keys, layout}` gives two.
    Use,
    /// A path in code: `crate::data::builtin()`.
    Inline,
    /// A `use` the parser could not follow: reported, so nothing slips through unread.
    Unparsed,
}

impl Reference {
    /// The path as the messages show it: `use crate::layout` for `use crate::layout::{self}`.
    fn text(&self) -> String {
        let mut segments = &self.segments[..];
        if self.form == Form::Use && segments.len() > 1 && segments.last() == Some(&"self".into()) {
            segments = &segments[..segments.len() - 1];
        }
        match self.form {
            Form::Use => format!("use {}", segments.join("::")),
            Form::Inline => segments.join("::"),
            Form::Unparsed => "use …".to_string(),
        }
    }
}

/// Every `use` leaf and every inline path anchored at `crate`, `super` or `self` in a file
/// whose module is `module`.
fn references(module: &[String], tokens: &[Token]) -> Vec<Reference> {
    let text = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let is_ident = |i: usize| tokens.get(i).is_some_and(|t| t.kind == Kind::Ident);
    let mut out = Vec::new();
    let mut depth = 0;
    // Inline modules (`mod tests { … }`) around the current token, with their brace depth.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let here = |inline: &[(String, usize)]| {
        let mut here = module.to_vec();
        here.extend(inline.iter().map(|(name, _)| name.clone()));
        here
    };
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        match (token.kind, token.text.as_str()) {
            (Kind::Punct, "{") => {
                depth += 1;
                i += 1;
            }
            (Kind::Punct, "}") => {
                if inline.last().is_some_and(|&(_, d)| d == depth) {
                    inline.pop();
                }
                depth -= usize::from(depth > 0);
                i += 1;
            }
            (Kind::Ident, "mod") if is_ident(i + 1) && text(i + 2) == "{" => {
                depth += 1;
                inline.push((text(i + 1).to_string(), depth));
                i += 3;
            }
            // `impl Trait + use<'a>` captures lifetimes; it imports nothing.
            (Kind::Ident, "use") if text(i + 1) != "<" => {
                let mut leaves = Vec::new();
                let end = use_tree(tokens, i + 1, &mut Vec::new(), &mut leaves)
                    .filter(|&end| text(end) == ";");
                match end {
                    Some(end) => {
                        out.extend(leaves.into_iter().map(|(segments, line)| Reference {
                            here: here(&inline),
                            line,
                            form: Form::Use,
                            segments,
                        }));
                        i = end + 1;
                    }
                    None => {
                        out.push(Reference {
                            here: here(&inline),
                            line: token.line,
                            form: Form::Unparsed,
                            segments: Vec::new(),
                        });
                        i += 1;
                    }
                }
            }
            (Kind::Ident, "crate" | "super" | "self")
                if text(i + 1) == "::"
                    // The start of a path, not `pub(in crate::x)` visibility.
                    && !matches!(text(i.wrapping_sub(1)), "::" | "in") =>
            {
                let mut segments = vec![token.text.clone()];
                let mut j = i + 1;
                while text(j) == "::" && is_ident(j + 1) {
                    segments.push(text(j + 1).to_string());
                    j += 2;
                }
                out.push(Reference {
                    here: here(&inline),
                    line: token.line,
                    form: Form::Inline,
                    segments,
                });
                i = j;
            }
            _ => i += 1,
        }
    }
    out
}

/// Parses the `use` tree at `i`, with `prefix` written before it, adding each leaf path and
/// its line to `leaves`. Returns the index after the tree, or None if it is not a tree.
fn use_tree(
    tokens: &[Token],
    mut i: usize,
    prefix: &mut Vec<String>,
    leaves: &mut Vec<(Vec<String>, usize)>,
) -> Option<usize> {
    let text = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let base = prefix.len();
    if text(i) == "::" {
        // `use ::std::…`: an external crate, kept as an empty first segment.
        prefix.push(String::new());
        i += 1;
    }
    loop {
        let token = tokens.get(i)?;
        match (token.kind, token.text.as_str()) {
            (Kind::Punct, "*") => {
                prefix.push("*".to_string());
                leaves.push((prefix.clone(), token.line));
                i += 1;
                break;
            }
            (Kind::Punct, "{") => {
                i += 1;
                while text(i) != "}" {
                    i = use_tree(tokens, i, prefix, leaves)?;
                    match text(i) {
                        "," => i += 1,
                        "}" => {}
                        _ => return None,
                    }
                }
                i += 1;
                break;
            }
            (Kind::Ident, segment) => {
                prefix.push(segment.to_string());
                i += 1;
                if text(i) == "::" {
                    i += 1;
                    continue;
                }
                if text(i) == "as" {
                    i += 2;
                }
                leaves.push((prefix.clone(), token.line));
                break;
            }
            _ => return None,
        }
    }
    prefix.truncate(base);
    Some(i)
}

/// The file-level module a path points into: the longest prefix naming a known module
/// (`crate::data::Quote` is `data`, `crate::data::load::builtin` is `data::load`). None for
/// paths not anchored at `crate`, `super` or `self` (external crates, relative paths).
fn resolve(path: &Reference, known: &BTreeSet<Vec<String>>) -> Option<Result<Vec<String>, String>> {
    let mut rest = path.segments.iter().map(String::as_str).peekable();
    let mut target = match *rest.peek()? {
        "crate" => {
            rest.next();
            Vec::new()
        }
        "self" => {
            rest.next();
            path.here.clone()
        }
        "super" => path.here.clone(),
        _ => return None,
    };
    while rest.next_if_eq(&"super").is_some() {
        if target.pop().is_none() {
            return Some(Err("`super` goes above the crate root".to_string()));
        }
    }
    target.extend(
        rest.filter(|s| !matches!(*s, "self" | "*"))
            .map(String::from),
    );
    // An unknown module keeps its first segment, so the rules still see its name.
    let len = (1..=target.len())
        .rev()
        .find(|&n| known.contains(&target[..n]))
        .unwrap_or(target.len().min(1));
    target.truncate(len);
    Some(Ok(target))
}

// ---- Tests -------------------------------------------------------------------------------

/// Every `.rs` file under `src/`, as (`src/…` path, text), in a stable order.
fn source_tree() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(root, &root.join("src"), &mut files);
    files.sort();
    files
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let name = path
                .strip_prefix(root)
                .expect("a file under src/ is under the manifest directory")
                .to_string_lossy()
                .replace('\\', "/");
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {name}: {e}"));
            files.push((name, text));
        }
    }
}

fn messages<P: AsRef<str>, T: AsRef<str>>(files: &[(P, T)]) -> Vec<String> {
    check(files).iter().map(ToString::to_string).collect()
}

fn sorted(mut lines: Vec<String>) -> Vec<String> {
    lines.sort();
    lines
}

#[test]
fn source_tree_follows_the_architecture() {
    let tree = source_tree();
    assert!(
        tree.iter().any(|(path, _)| path == "src/app.rs"),
        "no src/app.rs found: is the walk over src/ broken?"
    );
    let (edges, _) = edges(&tree);
    assert!(
        edges.len() >= 10,
        "only {} dependencies found in src/: is the parser broken?",
        edges.len()
    );
    let violations = messages(&tree);
    assert!(
        violations.is_empty(),
        "{} architecture violation(s):\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// The checker is only worth its pass if it fails: a small tree breaking each rule once.
#[test]
fn checker_reports_each_kind_of_violation() {
    let tree = [
        (
            "src/lib.rs",
            "pub mod app;\npub mod data;\npub mod layout;\npub mod ui;\n",
        ),
        (
            "src/app.rs",
            "//! The app's state.\n\nuse crate::ui::Dashboard;\nuse crate::layout::{self, MIN_WIDTH};\n",
        ),
        ("src/layout.rs", "use crate::app::App;\n"),
        ("src/data/mod.rs", "pub mod load;\n"),
        (
            "src/data/load.rs",
            "use super::Quote;\nuse crate::app::App;\n",
        ),
        ("src/ui/mod.rs", "pub struct Dashboard;\n"),
    ];
    let expected = [
        "src/app.rs:3: `use crate::ui::Dashboard` — state (app) must not import ui",
        "src/app.rs:4: `use crate::layout` — closes the dependency cycle app -> layout -> app",
        "src/app.rs:4: `use crate::layout::MIN_WIDTH` — closes the dependency cycle app -> layout -> app",
        "src/data/load.rs:2: `use crate::app::App` — data (data::load) must not import anything outside data, here app",
        "src/layout.rs:1: `use crate::app::App` — closes the dependency cycle layout -> app -> layout",
    ];
    assert_eq!(
        sorted(messages(&tree)),
        sorted(expected.map(String::from).to_vec())
    );
}

/// Every layering rule, for every module it covers and every module it forbids, in each way
/// an import can be written: plain, grouped over several lines, inline, in test code.
#[test]
fn every_forbidden_import_is_caught_in_every_form() {
    let forms: [(&str, &[(usize, &str)]); 4] = [
        (
            "use crate::TARGET::Thing;\n",
            &[(1, "use crate::TARGET::Thing")],
        ),
        (
            "pub(crate) use crate::{\n    TARGET::{self, Thing as Other},\n};\n",
            &[(2, "use crate::TARGET"), (2, "use crate::TARGET::Thing")],
        ),
        (
            "fn f() {\n    let _ = crate::TARGET::thing();\n}\n",
            &[(2, "crate::TARGET::thing")],
        ),
        (
            "#[cfg(test)]\nmod tests {\n    use crate::TARGET::*;\n}\n",
            &[(3, "use crate::TARGET::*")],
        ),
    ];
    let outside_data = [
        "app", "ui", "event", "terminal", "watch", "snapshot", "cli", "export",
    ];
    let mut cases: Vec<(String, &str, String)> = Vec::new();
    for &module in STATE {
        for &target in STATE_MUST_NOT_IMPORT {
            let rule = format!("state ({module}) must not import {target}");
            cases.push((format!("src/{module}.rs"), target, rule));
        }
    }
    for (file, module) in [("src/ui/mod.rs", "ui"), ("src/ui/sales.rs", "ui::sales")] {
        for &target in UI_MUST_NOT_IMPORT {
            let rule = format!("ui ({module}) must not import {target}");
            cases.push((file.to_string(), target, rule));
        }
    }
    for (file, module) in [
        ("src/data/mod.rs", "data"),
        ("src/data/load.rs", "data::load"),
    ] {
        for target in outside_data {
            let rule =
                format!("data ({module}) must not import anything outside data, here {target}");
            cases.push((file.to_string(), target, rule));
        }
    }
    for (file, target, rule) in &cases {
        for (form, found) in &forms {
            let source = form.replace("TARGET", target);
            let expected: Vec<String> = found
                .iter()
                .map(|(line, import)| {
                    let import = import.replace("TARGET", target);
                    format!("{file}:{line}: `{import}` — {rule}")
                })
                .collect();
            assert_eq!(
                sorted(messages(&[(file.as_str(), source.as_str())])),
                sorted(expected),
                "in {file}:\n{source}"
            );
        }
    }
}

/// Allowed imports, and forbidden ones hidden in comments and literals, are not reported;
/// a real import after all of them is, on its own line.
#[test]
fn comments_literals_and_allowed_imports_are_not_violations() {
    let app = r##"//! Mentions crate::ui::Dashboard in a doc comment.
use crate::layout; // use crate::ui::Dashboard;
/* use crate::event::Event; /* nested */ crate::watch::Watch */
const HINT: &str = "use crate::ui::Dashboard; \" still a string";
const RAW: &str = r#"crate::terminal::Tui "quoted""#;
const QUOTE: char = '"';
const ESCAPED: char = '\'';
fn f<'a>(s: &'a str) -> impl Sized + use<'a> { s }
pub(in crate::app) fn g() {}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::builtin;
}
use crate::ui::Late;
"##;
    let tree = [("src/app.rs", app), ("src/layout.rs", "")];
    assert_eq!(
        messages(&tree),
        ["src/app.rs:15: `use crate::ui::Late` — state (app) must not import ui"]
    );
}

/// `super` goes to the parent of the file's module (of the folder, in a mod.rs, and of the
/// inline module in a `mod tests`); a path lands on the deepest file module it names.
#[test]
fn paths_resolve_to_file_level_modules() {
    let tree = [
        (
            "src/app.rs",
            "use crate::data::Quote;\nuse crate::data::load::builtin;\n",
        ),
        ("src/data/mod.rs", "pub mod load;\npub struct Quote;\n"),
        (
            "src/data/load.rs",
            "fn f() -> crate::data::Quote {\n    crate::data::load::g()\n}\n",
        ),
        (
            "src/ui/mod.rs",
            "mod bars;\nmod sales;\nuse super::app::App;\npub fn heading() {}\n",
        ),
        ("src/ui/bars.rs", ""),
        (
            "src/ui/sales.rs",
            "use super::{bars::Bar, heading};\nfn f() { super::heading(); }\n\
             #[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::bars::Bar;\n}\n",
        ),
    ];
    let (found, problems) = edges(&tree);
    assert!(problems.is_empty(), "{problems:?}");
    let found: Vec<(String, String, usize, String)> = found
        .into_iter()
        .map(|e| (e.from, e.to, e.line, e.import))
        .collect();
    let expected = [
        ("app", "data", 1, "use crate::data::Quote"),
        ("app", "data::load", 2, "use crate::data::load::builtin"),
        ("data::load", "data", 1, "crate::data::Quote"),
        ("ui", "app", 3, "use super::app::App"),
        ("ui::sales", "ui::bars", 1, "use super::bars::Bar"),
        ("ui::sales", "ui", 1, "use super::heading"),
        ("ui::sales", "ui", 2, "super::heading"),
        ("ui::sales", "ui::bars", 6, "use super::super::bars::Bar"),
    ]
    .map(|(from, to, line, import)| (from.into(), to.into(), line, import.into()));
    assert_eq!(found, expected.to_vec());
}

/// A loop through three modules is named in full, once for each of its edges.
#[test]
fn longer_cycles_are_named_in_full() {
    let tree = [
        ("src/keys.rs", "use crate::view::View;\n"),
        ("src/view.rs", "use crate::text::width;\n"),
        ("src/text.rs", "fn f() {\n    crate::keys::bindings();\n}\n"),
    ];
    assert_eq!(
        sorted(messages(&tree)),
        sorted(vec![
            "src/keys.rs:1: `use crate::view::View` — closes the dependency cycle keys -> view -> text -> keys".to_string(),
            "src/text.rs:2: `crate::keys::bindings` — closes the dependency cycle text -> keys -> view -> text".to_string(),
            "src/view.rs:1: `use crate::text::width` — closes the dependency cycle view -> text -> keys -> view".to_string(),
        ])
    );
}

/// The real tree with one forbidden line added to a copy of src/app.rs: the checker finds
/// it at that line. Anything else new can only be the other edges of a loop it closes.
#[test]
fn a_ui_import_added_to_app_rs_is_caught() {
    let mut tree = source_tree();
    let before = messages(&tree);
    let (_, app) = tree
        .iter_mut()
        .find(|(path, _)| path == "src/app.rs")
        .expect("reading src/app.rs");
    if !app.ends_with('\n') {
        app.push('\n');
    }
    let line = app.lines().count() + 1;
    app.push_str("use crate::ui::Dashboard;\n");
    let added: Vec<String> = messages(&tree)
        .into_iter()
        .filter(|message| !before.contains(message))
        .collect();
    let at = format!("src/app.rs:{line}: `use crate::ui::Dashboard` — ");
    assert!(
        added.contains(&format!("{at}state (app) must not import ui")),
        "not caught; new messages:\n{}",
        added.join("\n")
    );
    assert!(
        added
            .iter()
            .all(|message| message.starts_with(&at)
                || message.contains("closes the dependency cycle")),
        "{}",
        added.join("\n")
    );
    println!("{}", added.join("\n"));
}
