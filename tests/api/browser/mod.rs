//! Journeys in a real browser: Debian's Chromium driven through chromedriver
//! (WebDriver, with fantoccini) against the app on a random port.
//!
//! Every page a journey visits is checked as it is shown: it has a title and a
//! lang attribute, every form control has a label, axe-core finds no serious or
//! critical violation, and at the end of the journey the Nu Html Checker
//! (vnu.jar) finds no error in the HTML the server sent. Every page is then
//! shown again at a phone's width (390 px): no element may stick out past the
//! screen's edge (a table scrolls inside its own frame instead), and axe-core
//! must still find nothing. Screenshots of the pages, at both widths, go to
//! `target/browser-screenshots/`. A journey may run in another language
//! ([`Browser::open_in`]); its pages must then say so in their lang attribute.
//!
//! Without Chromium, chromedriver, Java and the checkers (installed by
//! `npm ci --prefix .ci/browser-tools`), these tests print why and pass;
//! `SOLIDARITY_BROWSER_TESTS=required` (set by .ci/run) turns that into a failure.

mod journeys;
mod meetings;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const REQUIRED_VAR: &str = "SOLIDARITY_BROWSER_TESTS";
/// The most Tab presses a form may need before its submit button has focus.
const MAX_TABS: usize = 120;
/// The desktop window, and a phone's screen (an iPhone 12 to 15, in CSS pixels).
const DESKTOP: (u32, u32) = (1280, 1000);
const PHONE: (u32, u32) = (390, 844);

/// Where the browser tests find what they need, or why they cannot run.
struct Tools {
    vnu_jar: PathBuf,
    axe_js: String,
}

fn tools_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/browser-tools/node_modules")
}

fn find_tools() -> Result<Tools, String> {
    let mut missing = Vec::new();
    for program in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(program).exists() {
            missing.push(program.to_string());
        }
    }
    if Command::new("java")
        .arg("-version")
        .stderr(Stdio::null())
        .status()
        .map_or(true, |s| !s.success())
    {
        missing.push("java".into());
    }
    let vnu_jar = tools_folder().join("vnu-jar/build/dist/vnu.jar");
    if !vnu_jar.exists() {
        missing.push(vnu_jar.display().to_string());
    }
    let axe_path = tools_folder().join("axe-core/axe.min.js");
    let axe_js = std::fs::read_to_string(&axe_path).unwrap_or_default();
    if axe_js.is_empty() {
        missing.push(axe_path.display().to_string());
    }
    if missing.is_empty() {
        Ok(Tools { vnu_jar, axe_js })
    } else {
        Err(format!("missing: {}", missing.join(", ")))
    }
}

/// The tools, or `None` (with the reason printed) when the test should skip.
fn tools_or_skip(test: &str) -> Option<Tools> {
    match find_tools() {
        Ok(tools) => Some(tools),
        Err(reason) if std::env::var(REQUIRED_VAR).as_deref() == Ok("required") => {
            panic!("{test}: browser tests are required here but cannot run ({reason})")
        }
        Err(reason) => {
            eprintln!(
                "skipping browser journey {test}: {reason}. Install chromium and \
                 chromium-driver, and run `npm ci --prefix .ci/browser-tools`."
            );
            None
        }
    }
}

/// A chromedriver process of this test's own, stopped when dropped.
struct Driver {
    process: Child,
    url: String,
}

impl Driver {
    async fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let process = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let url = format!("http://127.0.0.1:{port}");
        let driver = Driver { process, url };
        for _ in 0..200 {
            if reqwest::get(format!("{}/status", driver.url)).await.is_ok() {
                return driver;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("chromedriver did not answer on port {port}");
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// What a form field receives when filled from the keyboard.
pub enum Input<'a> {
    /// Typed into a text field or text area.
    Text(&'a str),
    /// Typed into a select: its option whose label starts with this is chosen.
    Choose(&'a str),
    /// A checkbox toggled with the space bar.
    Toggle,
    /// The radio button of this value in a group, chosen with the arrow keys.
    Radio(&'a str),
}

/// A browser session on the app, with the page checks.
pub struct Browser {
    client: Client,
    _driver: Driver,
    tools: Tools,
    base_url: String,
    journey: String,
    /// The language the browser asks for, which every page must be in.
    lang: &'static str,
    /// The HTML the server sent for each checked page, for the Nu Html Checker.
    pages: Vec<(String, String)>,
}

impl Browser {
    /// A headless Chromium on the app at `base_url`, or `None` when the tools
    /// are missing and not required.
    pub async fn open(journey: &str, base_url: &str) -> Option<Browser> {
        Browser::open_in(journey, base_url, "en").await
    }

    /// A headless Chromium whose user speaks `lang` ("en", "ja", "ko"): its
    /// Accept-Language asks for it, and every checked page must be in it.
    pub async fn open_in(journey: &str, base_url: &str, lang: &'static str) -> Option<Browser> {
        let tools = tools_or_skip(journey)?;
        let driver = Driver::start().await;
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage",
                         format!("--window-size={},{}", DESKTOP.0, DESKTOP.1),
                         format!("--lang={}", accept_language(lang))],
                "prefs": {"intl.accept_languages": accept_language(lang)},
            }),
        );
        let client = ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .expect("a Chromium session");
        client
            .update_timeouts(TimeoutConfiguration::new(
                Some(Duration::from_secs(30)),
                Some(Duration::from_secs(30)),
                Some(Duration::from_secs(0)),
            ))
            .await
            .expect("timeouts");
        Some(Browser {
            client,
            _driver: driver,
            tools,
            base_url: base_url.to_string(),
            journey: journey.to_string(),
            lang,
            pages: Vec::new(),
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// Opens a page without checking it.
    pub async fn goto(&self, path: &str) {
        self.client.goto(&self.url(path)).await.expect("navigation");
    }

    /// Opens a page and checks it (see [`Browser::check_page`]).
    pub async fn visit(&mut self, path: &str, name: &str) {
        self.goto(path).await;
        self.check_page(name).await;
    }

    /// The path of the page shown now.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        }
    }

    pub async fn text(&self) -> String {
        self.find("body").await.text().await.expect("page text")
    }

    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => panic!("no element {css:?} on {}: {e}", self.path().await),
        }
    }

    async fn script(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Reloads until the page text contains `needle` (10 s at most).
    pub async fn reload_until(&self, needle: &str) {
        for _ in 0..50 {
            if self.text().await.contains(needle) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            self.client.refresh().await.expect("reload");
        }
        panic!("{needle:?} never appeared on {}", self.path().await);
    }

    /// Checks the page shown now: title, lang, labels, axe-core; keeps its HTML
    /// for the Nu Html Checker and saves a screenshot.
    pub async fn check_page(&mut self, name: &str) {
        let path = self.path().await;
        let title = self.client.title().await.expect("title");
        assert!(!title.trim().is_empty(), "{path} has no title");
        let lang = self.script("return document.documentElement.lang;").await;
        assert!(
            lang.as_str().is_some_and(|l| !l.is_empty()),
            "{path} has no lang attribute"
        );
        assert_eq!(
            lang.as_str(),
            Some(self.lang),
            "{path} is not in the browser's language"
        );
        let unlabelled = self.script(UNLABELLED_CONTROLS).await;
        assert_eq!(
            unlabelled,
            json!([]),
            "{path}: form controls without a label"
        );
        let violations = self.axe_violations().await;
        assert!(
            violations.is_empty(),
            "{path}: axe-core finds serious or critical violations:\n{}",
            violations.join("\n")
        );
        let html = self
            .client
            .execute_async(FETCH_SOURCE, vec![])
            .await
            .expect("the page's HTML");
        self.pages.push((
            format!("{name} ({path})"),
            html.as_str().unwrap_or_default().to_string(),
        ));
        self.screenshot(name).await;
        self.check_at_phone_width(&path, name).await;
    }

    /// The page again on a phone's screen: nothing sticks out past its edge,
    /// axe-core still finds nothing; then back to the desktop window.
    async fn check_at_phone_width(&self, path: &str, name: &str) {
        self.resize(PHONE).await;
        let too_wide = self.script(TOO_WIDE).await;
        assert_eq!(
            too_wide,
            json!([]),
            "{path} at {} px: elements stick out past the screen's edge",
            PHONE.0
        );
        let violations = self.axe_violations().await;
        assert!(
            violations.is_empty(),
            "{path} at {} px: axe-core finds serious or critical violations:\n{}",
            PHONE.0,
            violations.join("\n")
        );
        self.screenshot(&format!("{name}-phone")).await;
        self.resize(DESKTOP).await;
    }

    /// Resizes the window and waits until the page has the new width.
    async fn resize(&self, (width, height): (u32, u32)) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("window resized");
        for _ in 0..100 {
            if self.script("return window.innerWidth;").await == json!(width) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the window never became {width} px wide");
    }

    async fn axe_violations(&self) -> Vec<String> {
        self.client
            .execute(&self.tools.axe_js, vec![])
            .await
            .expect("axe-core loads");
        let found = self
            .client
            .execute_async(RUN_AXE, vec![])
            .await
            .expect("axe-core runs");
        found
            .as_array()
            .map(|v| {
                v.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let folder = screenshot_folder();
        std::fs::create_dir_all(&folder).expect("screenshot folder");
        std::fs::write(folder.join(format!("{}-{name}.png", self.journey)), png)
            .expect("screenshot saved");
    }

    /// Presses a key on the keyboard (not typed into an element: Tab on a
    /// file input must move on, not choose a file).
    async fn press(&self, key: Key) {
        let key = char::from(key);
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client
            .perform_actions(actions)
            .await
            .expect("key press");
    }

    /// Fills the form `form_css` with the keyboard alone and submits it: Tab
    /// from the top of the page through every focusable element, type each
    /// wanted value when its field has focus, and press Enter on the form's
    /// submit button. Fails if a wanted field or the button cannot be reached.
    pub async fn fill_by_keyboard(&self, form_css: &str, values: &[(&str, Input<'_>)]) {
        self.script(
            "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);",
        )
        .await;
        let mut filled = Vec::new();
        for _ in 0..MAX_TABS {
            self.press(Key::Tab).await;
            let focused = self
                .client
                .execute(FOCUSED_IN_FORM, vec![json!(form_css)])
                .await
                .expect("focus");
            if focused["in_form"] != json!(true) {
                continue;
            }
            if focused["submit"] == json!(true) {
                let missing: Vec<&str> = values
                    .iter()
                    .map(|(name, _)| *name)
                    .filter(|name| !filled.contains(name))
                    .collect();
                assert!(
                    missing.is_empty(),
                    "the keyboard reached the submit button of {form_css} before {missing:?}"
                );
                self.script("window.__solidarity_old_page = true;").await;
                self.press(Key::Enter).await;
                self.wait_for_new_page().await;
                return;
            }
            let name = focused["name"].as_str().unwrap_or_default();
            if let Some((field, input)) = values.iter().find(|(n, _)| *n == name) {
                if filled.contains(field) {
                    continue;
                }
                self.type_into_focused(name, input).await;
                filled.push(*field);
            }
        }
        panic!("the keyboard never reached the submit button of {form_css}");
    }

    /// Waits until the page marked before a submit has been replaced by the
    /// answer to it (10 s at most).
    async fn wait_for_new_page(&self) {
        for _ in 0..200 {
            let replaced = self
                .client
                .execute(
                    "return !window.__solidarity_old_page && document.readyState === 'complete';",
                    vec![],
                )
                .await
                .unwrap_or(json!(false));
            if replaced == json!(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the form's answer never arrived (still on {})",
            self.path().await
        );
    }

    async fn type_into_focused(&self, name: &str, input: &Input<'_>) {
        let element = self.client.active_element().await.expect("focused field");
        match input {
            Input::Text(text) => {
                element.clear().await.expect("clear");
                element.send_keys(text).await.expect("typing");
            }
            Input::Choose(label) => {
                element
                    .send_keys(label)
                    .await
                    .expect("typing into a select");
                let chosen = self
                    .script("return document.activeElement.selectedOptions[0].text;")
                    .await;
                assert!(
                    chosen.as_str().is_some_and(|t| t.starts_with(label)),
                    "typing {label:?} into {name} chose {chosen}"
                );
            }
            Input::Toggle => element.send_keys(" ").await.expect("space"),
            Input::Radio(value) => {
                self.press(Key::Space).await;
                for _ in 0..8 {
                    let chosen = self
                        .script(
                            "const e = document.activeElement; return e.checked ? e.value : '';",
                        )
                        .await;
                    if chosen == json!(value) {
                        return;
                    }
                    self.press(Key::Down).await;
                }
                panic!("the arrow keys never chose {value:?} in {name}");
            }
        }
    }

    /// Presses Enter on the submit button of the form `form_css`, reached with
    /// Tab (for forms with nothing to type, such as approve or confirm).
    pub async fn submit_by_keyboard(&self, form_css: &str) {
        self.fill_by_keyboard(form_css, &[]).await;
    }

    /// Runs the Nu Html Checker on every page checked so far and closes the
    /// browser. Fails on any error the checker reports.
    pub async fn finish(self) {
        let folder = tempfile::tempdir().expect("temporary folder");
        let mut files = Vec::new();
        for (n, (_, html)) in self.pages.iter().enumerate() {
            let file = folder.path().join(format!("page-{n}.html"));
            std::fs::write(&file, html).expect("page saved");
            files.push(file);
        }
        let output = Command::new("java")
            .arg("-jar")
            .arg(&self.tools.vnu_jar)
            .args(["--format", "json", "--exit-zero-always", "--stdout"])
            .args(&files)
            .output()
            .expect("the Nu Html Checker runs");
        let report: Value =
            serde_json::from_slice(&output.stdout).expect("the checker's JSON report");
        let errors: Vec<String> = report["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["type"] == "error")
            .map(|m| {
                let file = m["url"].as_str().unwrap_or_default();
                let page = files
                    .iter()
                    .position(|f| file.ends_with(&*f.file_name().unwrap().to_string_lossy()))
                    .map_or("?", |n| self.pages[n].0.as_str());
                format!(
                    "{page} line {}: {} [{}]",
                    m["lastLine"],
                    m["message"].as_str().unwrap_or_default(),
                    m["extract"].as_str().unwrap_or_default()
                )
            })
            .collect();
        let _ = self.client.close().await;
        assert!(
            errors.is_empty(),
            "the Nu Html Checker finds errors:\n{}",
            errors.join("\n")
        );
    }
}

/// What the browser sends as Accept-Language for a user of `lang`.
fn accept_language(lang: &str) -> String {
    match lang {
        "en" => "en-US".into(),
        other => format!("{other},en;q=0.5"),
    }
}

fn screenshot_folder() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("browser-screenshots")
}

/// Form controls a user cannot tell apart without a label.
const UNLABELLED_CONTROLS: &str = r#"
return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
               && !e.getAttribute('aria-labelledby'))
  .map(e => e.name || e.id || e.outerHTML);
"#;

/// Visible elements whose right edge lies past the screen's (outside any
/// frame that clips or scrolls them), and whether the page scrolls sideways.
const TOO_WIDE: &str = r#"
const width = document.documentElement.clientWidth;
const framed = el => {
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true;
  }
  return false;
};
const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
const found = [];
const scroll = document.documentElement.scrollWidth;
if (scroll > width + 1) found.push(`the page scrolls sideways: ${scroll} px wide`);
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || r.right <= width + 1 || framed(el)) continue;
  found.push(`${name(el)} reaches ${Math.round(r.right)} px: ${(el.textContent || '').trim().slice(0, 60)}`);
}
return found.slice(0, 12);
"#;

/// axe-core's serious and critical violations, one line each.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(result => done(
  result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
)).catch(e => done([`axe-core failed: ${e}`]));
"#;

/// The HTML the server sends for the page shown now (not the browser's DOM).
const FETCH_SOURCE: &str = r#"
const done = arguments[arguments.length - 1];
fetch(location.href, { credentials: 'same-origin' })
  .then(r => r.text()).then(done).catch(e => done(`fetch failed: ${e}`));
"#;

/// Where the focus is, relative to the form `arguments[0]`.
const FOCUSED_IN_FORM: &str = r#"
const form = document.querySelector(arguments[0]);
const el = document.activeElement;
const inForm = !!(form && el && form.contains(el));
return {
  in_form: inForm,
  name: el ? (el.name || '') : '',
  submit: inForm && el.matches('button[type=submit], input[type=submit], button:not([type])'),
};
"#;
