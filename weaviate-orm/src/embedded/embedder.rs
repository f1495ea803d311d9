//! The embedding service of an embedded server: the same service as `scripts/embedder.py`, in
//! process.
//!
//! Weaviate 1.39's text2vec-bigram module vectorizes objects but registers no nearText argument, so
//! `scripts/weaviate` starts every server with text2vec-transformers pointed at a loopback service
//! that returns exactly text2vec-bigram's vectors (see that script). This is that service: the
//! inference API of text2vec-transformers (`GET /.well-known/ready`, `GET /meta`, `POST /vectors`)
//! on 127.0.0.1, one thread per connection, stopped with the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// Dimensions of the vectors: byte bigrams modulo 26.
const DIMS: usize = 26 * 26;

/// text2vec-bigram's default embedding ("mod26"): the lower-cased text's consecutive UTF-8 byte
/// pairs counted at `(b1 % 26) * 26 + b2 % 26`, divided by the number of pairs; a text with fewer than
/// two bytes (where bigram gives NaN) gets a uniform vector.
pub(crate) fn embed(text: &str) -> Vec<f64> {
    let data = text.to_lowercase().into_bytes();
    let mut vector = vec![0.0; DIMS];
    for pair in data.windows(2) {
        vector[usize::from(pair[0] % 26) * 26 + usize::from(pair[1] % 26)] += 1.0;
    }
    let total: f64 = vector.iter().sum();
    if total == 0.0 {
        return vec![1.0 / DIMS as f64; DIMS];
    }
    vector.iter().map(|x| x / total).collect()
}

/// A running embedding service; stopped on drop.
pub(crate) struct Embedder {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Embedder {
    /// Binds 127.0.0.1 on a free port and serves in a background thread.
    pub(crate) fn start() -> std::io::Result<Embedder> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("weaviate-embedder".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if flag.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        let _ = std::thread::Builder::new()
                            .name("weaviate-embedder-conn".into())
                            .spawn(move || serve(stream));
                    }
                }
            })?;
        Ok(Embedder {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    /// The port it listens on.
    pub(crate) fn port(&self) -> u16 {
        self.addr.port()
    }
}

impl Drop for Embedder {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves one keep-alive connection until the peer closes it or sends something unreadable.
fn serve(stream: TcpStream) {
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut parts = request_line.split_whitespace();
        let (method, path) = (
            parts.next().unwrap_or("").to_owned(),
            parts.next().unwrap_or("").to_owned(),
        );
        let mut length = 0usize;
        let mut close = false;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                let value = value.trim();
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.parse().unwrap_or(0);
                } else if name.eq_ignore_ascii_case("connection")
                    && value.eq_ignore_ascii_case("close")
                {
                    close = true;
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let (status, reply) = answer(&method, &path, &body);
        let reply = reply.map(|v| v.to_string()).unwrap_or_default();
        let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", reply.len());
        if !reply.is_empty() {
            head.push_str("Content-Type: application/json\r\n");
        }
        head.push_str("\r\n");
        if writer.write_all(head.as_bytes()).is_err()
            || writer.write_all(reply.as_bytes()).is_err()
            || close
        {
            let _ = writer.shutdown(Shutdown::Both);
            return;
        }
    }
}

/// The status line and JSON body for one request.
fn answer(method: &str, path: &str, body: &[u8]) -> (&'static str, Option<serde_json::Value>) {
    use serde_json::json;
    match (method, path) {
        ("GET", "/.well-known/live" | "/.well-known/ready") => ("204 No Content", None),
        ("GET", "/meta") => (
            "200 OK",
            Some(json!({"model": {"name": "weaviate-orm-bigram", "dims": DIMS}})),
        ),
        ("POST", p) if p.trim_end_matches('/') == "/vectors" => {
            let text = serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned));
            match text {
                Some(text) => {
                    let vector = embed(&text);
                    (
                        "200 OK",
                        Some(json!({"text": text, "dims": DIMS, "vector": vector})),
                    )
                }
                None => (
                    "422 Unprocessable Entity",
                    Some(json!({"error": "bad request: expected {\"text\": ...}"})),
                ),
            }
        }
        _ => (
            "404 Not Found",
            Some(json!({"error": format!("no route {path}")})),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_like_text2vec_bigram() {
        let v = embed("Abc");
        // "abc": pairs (a, b) and (b, c), each half of the total.
        let at = |a: u8, b: u8| usize::from(a % 26) * 26 + usize::from(b % 26);
        assert_eq!(v[at(b'a', b'b')], 0.5);
        assert_eq!(v[at(b'b', b'c')], 0.5);
        assert_eq!(v.iter().sum::<f64>(), 1.0);
        assert_eq!(embed("x"), vec![1.0 / 676.0; 676]);
    }

    #[test]
    fn serves_the_inference_api_over_http() {
        let embedder = Embedder::start().unwrap();
        let mut stream = TcpStream::connect(("127.0.0.1", embedder.port())).unwrap();
        let body = r#"{"text":"abc","config":{}}"#;
        // Two requests on one connection: keep-alive works.
        let request = format!(
            "GET /.well-known/ready HTTP/1.1\r\nHost: x\r\n\r\nPOST /vectors HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        assert!(reply.starts_with("HTTP/1.1 204 No Content\r\n"), "{reply}");
        let json = &reply[reply.find('{').unwrap()..];
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["dims"], 676);
        assert_eq!(value["vector"].as_array().unwrap().len(), 676);
        drop(embedder);
    }
}
