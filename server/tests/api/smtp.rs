//! SMTP servers for the delivery tests: maildev (a real SMTP server with a REST API to read what
//! it received, from end2end's npm packages) and, for the one fault it cannot produce, a stub
//! that answers every recipient with a permanent 550.

use std::net::TcpListener as StdListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

pub struct MailDev {
    pub smtp_port: u16,
    pub web_port: u16,
    child: Child,
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl MailDev {
    pub async fn start() -> Self {
        Self::start_on(free_port()).await
    }

    pub async fn start_on(smtp_port: u16) -> Self {
        let web_port = free_port();
        let binary = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../end2end/node_modules/.bin/maildev"
        );
        let child = Command::new(binary)
            .args([
                "--ip",
                "127.0.0.1",
                "--smtp",
                &smtp_port.to_string(),
                "--web",
                &web_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("maildev is installed (make test runs npm ci in end2end/)");
        let maildev = MailDev {
            smtp_port,
            web_port,
            child,
        };
        // Node takes a while to start on a busy machine.
        for _ in 0..300 {
            if reqwest::get(maildev.api("/api/email"))
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return maildev;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("maildev did not start");
    }

    pub fn smtp_url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.smtp_port)
    }

    fn api(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.web_port)
    }

    pub async fn messages(&self) -> Vec<serde_json::Value> {
        reqwest::get(self.api("/api/email"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Waits until `count` messages have arrived (delivery is asynchronous).
    pub async fn wait_for(&self, count: usize) -> Vec<serde_json::Value> {
        for _ in 0..150 {
            let messages = self.messages().await;
            if messages.len() >= count {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "expected {count} messages, got {}",
            self.messages().await.len()
        );
    }

    pub fn stop(mut self) -> u16 {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.smtp_port
    }
}

impl Drop for MailDev {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// An SMTP server that refuses every recipient permanently; returns its URL.
pub async fn rejecting_smtp() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 stub ESMTP\r\n").await;
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 stub\r\n",
                        "MAIL" => b"250 OK\r\n",
                        "RCPT" => b"550 5.1.1 mailbox unavailable\r\n",
                        "QUIT" => b"221 bye\r\n",
                        _ => b"250 OK\r\n",
                    };
                    if write.write_all(reply).await.is_err() || verb == "QUIT" {
                        break;
                    }
                }
            });
        }
    });
    format!("smtp://127.0.0.1:{port}")
}
