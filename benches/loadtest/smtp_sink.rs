//! A real SMTP server (mailin-embedded) on 127.0.0.1 that accepts every message
//! and only counts them: the delivery figure then measures the app's side
//! (claiming, sending through lettre, recording), not a mail server's disk.

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use mailin_embedded::{response, Handler, Response, Server, SslConfig};

/// Connections the sink serves at once (mailin holds a thread per open
/// connection): more than the delivery workers or the bare loop open.
const SINK_THREADS: u32 = 64;

#[derive(Clone)]
struct CountingHandler {
    accepted: Arc<AtomicUsize>,
}

impl Handler for CountingHandler {
    fn data_end(&mut self) -> Response {
        self.accepted.fetch_add(1, Ordering::Relaxed);
        response::OK
    }
}

pub struct SmtpSink {
    port: u16,
    accepted: Arc<AtomicUsize>,
}

impl SmtpSink {
    /// Starts serving on a thread of its own; it lives as long as the process.
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the SMTP sink");
        let port = listener.local_addr().expect("SMTP sink address").port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let mut server = Server::new(CountingHandler {
            accepted: accepted.clone(),
        });
        server
            .with_name("sink.loadtest")
            .with_ssl(SslConfig::None)
            .expect("an SMTP sink without TLS")
            .with_num_threads(SINK_THREADS)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(e) = server.serve() {
                eprintln!("SMTP sink stopped: {e}");
            }
        });
        SmtpSink { port, accepted }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::Relaxed)
    }
}
