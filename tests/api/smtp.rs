//! A real SMTP server (mailin-embedded) on a random port, recording what it
//! accepts; it can be told to refuse the next messages with a given reply code.

use std::collections::VecDeque;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin_embedded::{response, Handler, Response, Server, SslConfig};

#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
}

impl Received {
    /// The value of a header, unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }
}

#[derive(Default)]
struct State {
    received: Vec<Received>,
    scripted_replies: VecDeque<u16>,
}

#[derive(Clone)]
struct Sink {
    state: Arc<Mutex<State>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Sink {
    /// Scripted refusals come at RCPT, where real servers refuse (greylisting with
    /// 451, unknown mailbox with 550). mailin stays in its DATA state after a
    /// refusal at the end of DATA, which no real server does.
    fn rcpt(&mut self, _to: &str) -> Response {
        match self.state.lock().unwrap().scripted_replies.pop_front() {
            Some(code) => Response::custom(code, format!("scripted refusal {code}")),
            None => response::OK,
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.state.lock().unwrap().received.push(Received {
            to: std::mem::take(&mut self.to),
            data: String::from_utf8_lossy(&self.data).into_owned(),
        });
        response::OK
    }
}

pub struct SmtpSink {
    pub port: u16,
    state: Arc<Mutex<State>>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State::default()));
        let mut server = Server::new(Sink {
            state: state.clone(),
            to: Vec::new(),
            data: Vec::new(),
        });
        server
            .with_name("sink.test")
            .with_ssl(SslConfig::None)
            .unwrap()
            // Each connection holds a thread while open, and senders keep theirs open:
            // more threads than the connections of every worker a test starts.
            .with_num_threads(32)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(e) = server.serve() {
                eprintln!("test SMTP server stopped: {e}");
            }
        });
        SmtpSink { port, state }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The next messages get these reply codes instead of being accepted.
    pub fn refuse_next(&self, codes: &[u16]) {
        self.state.lock().unwrap().scripted_replies.extend(codes);
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    /// Waits until at least `count` messages have arrived (10 s at most).
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..400 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("expected {count} messages, got {}", self.received().len());
    }
}
