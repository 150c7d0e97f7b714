//! Storage faults that end while Portico keeps running (issue 12, item 3): a full disk under
//! SQLite and a PostgreSQL restart under load. Once the fault is over Portico must recover by
//! itself, within seconds and without a restart: writes succeed again and the outbox worker
//! delivers mail.

use crate::helpers::*;
use crate::members::group_id;
use reqwest::StatusCode;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Invites one person by `email` into `group` as the signed-in Owner.
async fn invite(app: &TestApp, group: &str, email: &str) -> StatusCode {
    let form = [
        ("people[0][first_name]", "Grace"),
        ("people[0][last_name]", "Hopper"),
        ("people[0][email]", email),
        ("group_ids[0]", group),
    ];
    app.call("invite_people", &form).await.status()
}

/// Polls `condition` every 50 ms until it holds; panics after `limit`. Returns the time taken.
async fn within<F, Fut>(limit: Duration, what: &str, condition: F) -> Duration
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while start.elapsed() < limit {
        if condition().await {
            return start.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what}: not within {limit:?}");
}

async fn delivered_to(app: &TestApp, email: &str) -> bool {
    sqlx::query_scalar::<_, i64>("select count(*) from dev_mailbox where recipient = $1")
        .bind(email)
        .fetch_one(app.db.pool())
        .await
        .is_ok_and(|count| count == 1)
}

/// Invites `retry…` people until one invitation succeeds; how long that took.
async fn writes_again(app: &TestApp, group: &str, limit: Duration, what: &str) -> Duration {
    let attempt = AtomicUsize::new(0);
    within(limit, what, || async {
        let n = attempt.fetch_add(1, Ordering::Relaxed);
        invite(app, group, &format!("retry{n}@example.com")).await == 200
    })
    .await
}

/// Waits until every message to the `after…` and `retry…` addresses is sent and the last
/// one, to `last`, is in the mailbox; how long that took.
async fn all_mail_delivered(app: &TestApp, limit: Duration, last: &str) -> Duration {
    within(limit, "the worker delivers", || async {
        app.count(
            "select count(*) from outbox
              where state <> 'sent' and (recipient like 'after%' or recipient like 'retry%')",
        )
        .await
            == 0
            && delivered_to(app, last).await
    })
    .await
}

fn run(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("cannot run {program}: {error}"))
}

fn is_root() -> bool {
    String::from_utf8_lossy(&run("id", &["-u"]).stdout).trim() == "0"
}

/// A directory on a filesystem of a few megabytes: a tmpfs mounted here (needs root), or a
/// fresh directory under `PORTICO_TEST_SMALL_DISK`. Unmounted on drop, failed test or not.
struct SmallDisk {
    dir: tempfile::TempDir,
    mounted: bool,
}

impl SmallDisk {
    const HOW: &str = "this test fills a disk: run it as root (it mounts a 16 MB tmpfs) or set \
                       PORTICO_TEST_SMALL_DISK to a directory on a small filesystem";

    fn new() -> Self {
        if let Ok(parent) = std::env::var("PORTICO_TEST_SMALL_DISK") {
            let dir = tempfile::tempdir_in(&parent)
                .unwrap_or_else(|error| panic!("PORTICO_TEST_SMALL_DISK={parent}: {error}"));
            return SmallDisk {
                dir,
                mounted: false,
            };
        }
        assert!(is_root(), "{}", Self::HOW);
        let dir = tempfile::Builder::new()
            .prefix("portico-small-disk")
            .tempdir()
            .unwrap();
        let path = dir.path().to_str().unwrap();
        let mount = run(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                "size=16m,mode=0700",
                "portico-test",
                path,
            ],
        );
        assert!(
            mount.status.success(),
            "mount failed ({}): {}",
            String::from_utf8_lossy(&mount.stderr).trim(),
            Self::HOW
        );
        SmallDisk { dir, mounted: true }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file until the filesystem has no byte left.
    fn fill(&self) -> PathBuf {
        let filler = self.path().join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for chunk in [1 << 20, 4096, 1] {
            loop {
                match file.write(&zeros[..chunk]) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(error) if error.raw_os_error() == Some(28) => break, // ENOSPC
                    Err(error) => panic!("filling the disk: {error}"),
                }
            }
        }
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        if self.mounted {
            // Lazy: the server's connections may still hold files open.
            let _ = run("umount", &["--lazy", self.dir.path().to_str().unwrap()]);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_recovers_by_itself_once_a_full_disk_has_space_again() {
    let disk = SmallDisk::new();
    let url = format!("sqlite://{}/portico.db?mode=rwc", disk.path().display());
    let vars: Vec<(&str, &str)> = OWNER_BOOTSTRAP
        .iter()
        .copied()
        .chain([("DATABASE_URL", url.as_str())])
        .collect();
    let app = spawn_app_with(Backend::Sqlite, &vars).await;
    assert_eq!(app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await.status(), 200);
    let group = group_id(&app, "Developers").await;
    assert_eq!(invite(&app, &group, "before@example.com").await, 200);
    within(Duration::from_secs(10), "mail before the fault", || {
        delivered_to(&app, "before@example.com")
    })
    .await;

    // An empty WAL, so that the next commit needs new space instead of reusing old frames.
    sqlx::query("pragma wal_checkpoint(truncate)")
        .execute(app.db.pool())
        .await
        .unwrap();
    let filler = disk.fill();
    // Concurrent rounds, so that every connection the pool has opened meets the fault.
    for round in 0..3 {
        let emails: Vec<String> = (0..8)
            .map(|i| format!("full{round}-{i}@example.com"))
            .collect();
        let statuses =
            futures::future::join_all(emails.iter().map(|email| invite(&app, &group, email))).await;
        for status in statuses {
            assert!(
                status.is_server_error(),
                "a write on a full disk answered {status}"
            );
        }
    }

    std::fs::remove_file(&filler).unwrap();
    let freed = Instant::now();
    let recovered = writes_again(
        &app,
        &group,
        Duration::from_secs(10),
        "a write once the disk has space",
    )
    .await;
    // Every write from now on succeeds: no connection is left in a half-open transaction.
    for i in 0..24 {
        let email = format!("after{i}@example.com");
        assert_eq!(
            invite(&app, &group, &email).await,
            200,
            "write {i} after the disk had space again"
        );
    }
    let fresh = browser_client();
    assert_eq!(
        app.sign_in_with(&fresh, OWNER_EMAIL, OWNER_PASSWORD)
            .await
            .status(),
        200
    );
    let delivered = all_mail_delivered(&app, Duration::from_secs(10), "after23@example.com").await;
    eprintln!(
        "sqlite full disk: first write succeeded {recovered:?} after the space came back; \
         the mail of the 25 writes since then was delivered {delivered:?} after the last one \
         ({:?} in all)",
        freed.elapsed()
    );
}

/// A PostgreSQL cluster of this test's own, so that restarting it cannot break the other tests,
/// which run in parallel on `PORTICO_TEST_POSTGRES_URL` (and other test runs on this machine).
/// Stopped and removed on drop.
struct PrivatePostgres {
    bin: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
}

impl PrivatePostgres {
    fn start() -> Self {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path().join("bin"))
            .filter(|bin| bin.join("pg_ctl").exists())
            .max_by_key(|bin| {
                bin.parent()
                    .and_then(|version| version.file_name()?.to_str()?.parse::<u32>().ok())
            })
            .expect(
                "this test restarts a PostgreSQL server of its own: it needs Debian's PostgreSQL \
                 in /usr/lib/postgresql (scripts/postgres.sh installs it)",
            );
        let dir = tempfile::Builder::new()
            .prefix("portico-restart")
            .tempdir()
            .unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = PrivatePostgres { bin, dir, port };
        if is_root() {
            // The server refuses to run as root.
            let chown = run("chown", &["postgres:", cluster.path()]);
            assert!(chown.status.success(), "chown: {chown:?}");
        }
        cluster.as_owner(&format!(
            "initdb -D {}/data --auth=trust --username=postgres -E UTF8 --no-sync",
            cluster.path()
        ));
        cluster.as_owner(&format!(
            "pg_ctl -D {dir}/data -l {dir}/log -o \"-p {port} -k {dir} -c fsync=off \
             -c listen_addresses=127.0.0.1\" -w start",
            dir = cluster.path(),
            port = cluster.port
        ));
        cluster
    }

    fn path(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Runs a PostgreSQL program as the `postgres` user (when we are root) and checks it worked.
    fn as_owner(&self, command: &str) {
        let command = format!("{}/{command}", self.bin.display());
        let output = if is_root() {
            run("su", &["postgres", "-s", "/bin/sh", "-c", &command])
        } else {
            run("sh", &["-c", &command])
        };
        assert!(
            output.status.success(),
            "{command}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// The postmaster's process id.
    fn pid(&self) -> String {
        let pid_file = std::fs::read_to_string(self.dir.path().join("data/postmaster.pid"))
            .expect("postmaster.pid");
        pid_file.lines().next().unwrap_or_default().to_owned()
    }

    fn restart(&self) {
        // `-l`: a server writing to our pipe would keep `Command::output` waiting for ever.
        self.as_owner(&format!(
            "pg_ctl -D {dir}/data -l {dir}/log -m fast -w restart",
            dir = self.path()
        ));
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let command = format!(
            "{}/pg_ctl -D {}/data -m immediate -w stop",
            self.bin.display(),
            self.path()
        );
        let _ = if is_root() {
            run("su", &["postgres", "-s", "/bin/sh", "-c", &command])
        } else {
            run("sh", &["-c", &command])
        };
    }
}

/// Four clients invite people without pause while the server restarts; afterwards every
/// request succeeds again, and the worker delivers what was queued after the restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_under_load_recovers_by_itself() {
    let cluster = PrivatePostgres::start();
    let url = cluster.url();
    let vars: Vec<(&str, &str)> = OWNER_BOOTSTRAP
        .iter()
        .copied()
        .chain([("DATABASE_URL", url.as_str())])
        .collect();
    // `Backend` only picks the fresh database, which DATABASE_URL replaces.
    let app = Arc::new(spawn_app_with(Backend::Sqlite, &vars).await);
    assert_eq!(app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await.status(), 200);
    let group = group_id(&app, "Developers").await;

    let stop = Arc::new(AtomicBool::new(false));
    // When each failed request was sent.
    let failures = Arc::new(Mutex::new(Vec::<Instant>::new()));
    let load: Vec<_> = (0..4)
        .map(|client| {
            let (app, stop, failures) = (app.clone(), stop.clone(), failures.clone());
            let group = group.clone();
            tokio::spawn(async move {
                let mut sent = 0;
                while !stop.load(Ordering::Relaxed) {
                    let email = format!("load{client}-{sent}@example.com");
                    let started = Instant::now();
                    if invite(&app, &group, &email).await != 200 {
                        failures.lock().unwrap().push(started);
                    }
                    sent += 1;
                }
                sent
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = cluster.pid();
    let restart = Instant::now();
    // Blocks this worker thread only: the load goes on on the other one.
    tokio::task::block_in_place(|| cluster.restart());
    let restarted = restart.elapsed();
    assert_ne!(cluster.pid(), before, "the server restarted");

    let recovered = writes_again(
        &app,
        &group,
        Duration::from_secs(15),
        "a write after the restart",
    )
    .await;
    let recovered_at = Instant::now();
    // The load goes on a little: none of it sent since may fail.
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    let mut requests = 0;
    for client in load {
        requests += client.await.unwrap();
    }
    let failures = failures.lock().unwrap().clone();
    let late = failures.iter().filter(|sent| **sent > recovered_at).count();
    assert_eq!(late, 0, "requests sent after Portico had recovered failed");
    for i in 0..16 {
        assert_eq!(
            invite(&app, &group, &format!("after{i}@example.com")).await,
            200
        );
    }
    let delivered = all_mail_delivered(&app, Duration::from_secs(15), "after15@example.com").await;
    eprintln!(
        "postgres restart: took {restarted:?}; {requests} requests under load, \
         {} failed; first write succeeded {recovered:?} after the restart, \
         mail delivered {delivered:?} after the last write",
        failures.len()
    );
}
