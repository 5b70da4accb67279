//! Property tests of the parsers that read what visitors type: email addresses,
//! country codes and the Markdown staff write. They run a few dozen cases in
//! `cargo test`; `PROPTEST_CASES=100000 cargo test --lib properties` runs long.

use proptest::prelude::*;

use super::markdown::to_safe_html;
use super::{CountryCode, EmailAddress};

/// A few dozen cases per property unless `PROPTEST_CASES` asks for more.
pub(crate) fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 64;
    }
    config
}

/// Text made of pieces that matter to the parser and arbitrary text between them.
pub(crate) fn pieces(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(tokens).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-zA-Z0-9 ]{0,8}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|parts| parts.concat())
}

const EMAIL_TOKENS: &[&str] = &[
    "@",
    ".",
    "..",
    "a",
    "Z",
    "-",
    "+",
    "\r\n",
    "\n",
    "\t",
    " ",
    "<",
    ">",
    "\"",
    ",",
    ";",
    "Bcc: x@y.org",
    "예시",
    "広島",
    "\u{0}",
    "\u{202e}",
    "org",
    "xn--",
    "\\",
];

const MARKDOWN_TOKENS: &[&str] = &[
    "<script>",
    "</script>",
    "<SCRIPT src=x>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "[x](",
    "![y](",
    ")",
    "javascript:alert(1)",
    "JaVaScRiPt:",
    "data:text/html,<script>",
    "vbscript:",
    "//evil.example",
    "/ok",
    "/\\evil.example",
    "/\t/evil.example",
    "<//evil>",
    "</\\evil>",
    "https://example.org/\"onmouseover=\"x",
    "\" onclick=\"",
    "' onfocus='",
    "onerror=",
    "&#106;avascript:",
    "&lt;script&gt;",
    "`",
    "```\n",
    "**",
    "_",
    "~~",
    "\n",
    "\n\n",
    "| a | b |\n|---|:-:|\n",
    "> ",
    "- ",
    "1. ",
    "# ",
    "[ref]: javascript:x \"t\"\n",
    "[ref]",
    "<",
    ">",
    "\"",
    "'",
    "&",
    "\\",
    "<!--",
    "-->",
    "<![CDATA[",
    "<svg onload=x>",
    "<iframe>",
    "<style>",
    "<math>",
    "\u{0}",
];

/// A link or an image with a destination that matters, in the forms Markdown
/// has for them (inline, angle brackets, reference, autolink).
fn markdown_link() -> impl Strategy<Value = String> {
    const DESTINATIONS: &[&str] = &[
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\\tscript:x",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example",
        "/\\evil.example",
        "/ok",
        "#top",
        "https://example.org/a?b=1&c=2",
        "mailto:a@b.org",
        "http://x\"onmouseover=\"y",
        "file:///etc/passwd",
        "",
    ];
    (
        proptest::sample::select(DESTINATIONS),
        0..6usize,
        "[a-z ]{0,6}",
    )
        .prop_map(|(url, form, text)| match form {
            0 => format!("[{text}]({url})"),
            1 => format!("![{text}]({url})"),
            2 => format!("[{text}](<{url}> \"title\")"),
            3 => format!("[{text}][r]\n\n[r]: {url}\n"),
            4 => format!("<{url}>"),
            _ => format!("![{text}][r]\n\n[r]: <{url}> 'title'\n"),
        })
}

fn markdown() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![2 => pieces(MARKDOWN_TOKENS), 1 => markdown_link()],
        1..4,
    )
    .prop_map(|parts| parts.join(" "))
}

const COUNTRY_TOKENS: &[&str] = &[
    "X-", "x-", "-", "JP", "kr", " ", "\t", "\n", "日本", "<b>", "0", "Ÿ", "ß", "İ",
];

/// The attributes of each start tag in `html`: (tag name, [(name, value)]).
/// Text is escaped by the writer, so every `<` opens a tag it wrote.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        rest = &rest[name.len()..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let attribute: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '=' && *c != '>')
                .collect();
            rest = &rest[attribute.len()..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let end = after.find('"').unwrap_or(after.len());
                value = after[..end].to_string();
                rest = &after[(end + 1).min(after.len())..];
            }
            if attribute.is_empty() {
                rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            } else {
                attributes.push((attribute.to_ascii_lowercase(), value));
            }
        }
        found.push((name.to_ascii_lowercase(), attributes));
    }
    found
}

const TAGS_MARKDOWN_WRITES: &[&str] = &[
    "p",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
    "input",
    "section",
    "span",
];

fn allowed_url(url: &str) -> bool {
    // Browsers drop tabs and line breaks from URLs and read a backslash as `/`.
    let url: String = url
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| {
            if c == '\\' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    url == "#"
        || url.starts_with("https://")
        || url.starts_with("http://")
        || url.starts_with("mailto:")
        || url.starts_with('#')
        || (url.starts_with('/') && !url.starts_with("//"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn markdown_never_writes_scripts_handlers_or_unsafe_links(
        source in markdown()
    ) {
        let html = to_safe_html(&source);
        let lower = html.to_ascii_lowercase();
        prop_assert!(!lower.contains("<script"), "{html}");
        for (name, attributes) in tags(&html) {
            let bare = name.trim_start_matches('/');
            prop_assert!(TAGS_MARKDOWN_WRITES.contains(&bare), "tag {name:?} in {html}");
            for (attribute, value) in attributes {
                prop_assert!(!attribute.starts_with("on"), "{attribute} in {html}");
                if attribute == "href" || attribute == "src" {
                    prop_assert!(allowed_url(&value), "{attribute}={value:?} in {html}");
                }
            }
        }
    }

    #[test]
    fn an_email_address_that_parses_is_safe_in_a_header_and_parses_again(
        input in pieces(EMAIL_TOKENS)
    ) {
        if let Ok(email) = EmailAddress::parse(&input) {
            let text = email.as_str();
            prop_assert!(text.len() <= 254);
            prop_assert!(!text.chars().any(|c| c.is_control() || c.is_whitespace()), "{text:?}");
            prop_assert!(!text.contains(['<', '>', '"', ',', ';']), "{text:?}");
            prop_assert_eq!(text.matches('@').count(), 1);
            prop_assert!(email.domain().contains('.'));
            prop_assert_eq!(email.domain().to_lowercase(), email.domain());
            let again = EmailAddress::parse(text);
            prop_assert_eq!(again.as_ref().map(EmailAddress::as_str), Ok(text));
            prop_assert_eq!(EmailAddress::parse(&email.key()).map(|e| e.key()), Ok(email.key()));
        }
    }

    #[test]
    fn well_formed_addresses_are_accepted(
        local in "[a-zA-Z0-9][a-zA-Z0-9.+_-]{0,30}",
        labels in proptest::collection::vec("[a-z0-9][a-z0-9-]{0,10}", 2..4),
    ) {
        let input = format!("{local}@{}", labels.join("."));
        prop_assert!(EmailAddress::parse(&input).is_ok(), "{input}");
    }

    #[test]
    fn a_country_code_that_parses_is_upper_case_ascii_and_stable(
        input in pieces(COUNTRY_TOKENS)
    ) {
        if let Ok(code) = CountryCode::parse(&input) {
            let text = code.as_str();
            prop_assert!(text.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'), "{text:?}");
            prop_assert!(text.len() == 2 || text.starts_with("X-"), "{text:?}");
            prop_assert_eq!(CountryCode::parse(text), Ok(code.clone()));
            prop_assert_eq!(CountryCode::parse(&text.to_lowercase()), Ok(code.clone()));
        }
    }

    #[test]
    fn every_region_name_gives_a_code_or_a_refusal(name in any::<String>()) {
        if let Ok(code) = CountryCode::for_region(&name) {
            prop_assert!(code.is_region());
            prop_assert_eq!(CountryCode::parse(code.as_str()), Ok(code.clone()));
        }
    }
}
