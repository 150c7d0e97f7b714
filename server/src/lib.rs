//! The Portico server: persistence, sessions, email delivery and the HTTP surface around the
//! shared `app` crate.

pub mod account;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod config;
pub mod email_change;
pub mod groups;
pub mod http;
pub mod import;
pub mod invitations;
pub mod joining;
pub mod live;
pub mod mail;
pub mod mailbox;
pub mod password_reset;
pub mod people;
pub mod ports;
pub mod secrets;
pub mod setup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod tokens;
pub mod two_factor;
pub mod workspaces;

/// mimalloc, not glibc's malloc: glibc keeps a freed Argon2 buffer (19 MiB) on the heap of the
/// thread that freed it once its mmap threshold has risen past that size, one heap per thread,
/// so a burst of sign-ins left gigabytes resident; mimalloc returns freed memory to the system
/// shortly after (docs/architecture.md, Performance). Declared here, it serves every binary
/// built on the server: the server itself, its tests and its benchmarks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use crate::auth::authenticator::PasswordAuthenticator;
use crate::auth::throttle::{ClientThrottle, LoginThrottle};
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::invitations::InvitationService;
use crate::mail::transport::Transport;
use crate::mail::worker::Mailer;
use crate::ports::Ports;
use crate::secrets::Sealer;
use crate::setup::SetupService;
use crate::state::AppState;
use crate::store::Db;
use anyhow::Context;
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;

/// A server that is accepting connections.
pub struct Running {
    pub addr: SocketAddr,
    /// The one-time link to create the first workspace, while the database is empty.
    pub setup_link: Option<String>,
    pub state: AppState,
    /// Stopped, between chunks, when the server shuts down.
    pub imports: import::ImportService,
    pub serving: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Connects, migrates, bootstraps, binds `config.listen_addr` and serves in the background.
pub async fn start(config: Config) -> anyhow::Result<Running> {
    start_with_clock(config, Arc::new(SystemClock)).await
}

pub async fn start_with_clock(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<Running> {
    let db = Db::connect(&config.database_url)
        .await
        .context("configuration: DATABASE_URL: cannot connect")?;
    db.migrate().await.context("database migration failed")?;
    people::search_index::ensure(&db)
        .await
        .context("could not build the search index")?;
    people::state_index::ensure(&db)
        .await
        .context("could not build the state index")?;
    if let Some(bootstrap) = &config.bootstrap
        && setup::bootstrap(&db, bootstrap, clock.as_ref()).await?
    {
        tracing::info!("created the first workspace from PORTICO_BOOTSTRAP_*");
    }
    let listener = TcpListener::bind(config.listen_addr)
        .await
        .with_context(|| {
            format!(
                "configuration: LISTEN_ADDR: cannot listen on {}",
                config.listen_addr
            )
        })?;
    let addr = listener.local_addr()?;

    let (setup_service, setup_token) = SetupService::new(db.clone(), clock.clone());
    let setup_link = if workspaces::queries::is_set_up(&db).await? {
        None
    } else {
        Some(tokens::link(
            &config.base_url,
            app::routes::SETUP,
            &setup_token,
        )?)
    };
    let throttle = Arc::new(LoginThrottle::new(
        config.login_attempts_per_account,
        config.login_attempts_per_client,
    ));
    let sealer = Sealer::from_key_file(&config.secret_key_file)?;
    let live = live::LiveUpdates::default();
    let mailer = Mailer {
        db: db.clone(),
        transport: Transport::from_config(config.smtp_url.as_deref(), config.mail_concurrency)?,
        concurrency: config.mail_concurrency as usize,
        sealer: sealer.clone(),
        from: config.mail_from.clone(),
        clock: clock.clone(),
        wakeup: Arc::new(Notify::new()),
        live: live.clone(),
    };
    let invitations = Arc::new(InvitationService {
        db: db.clone(),
        sealer,
        base_url: config.base_url.clone(),
        ttl: chrono::Duration::from_std(config.invitation_ttl)?,
        clock: clock.clone(),
        mail_wakeup: mailer.wakeup.clone(),
    });
    let joining = joining::JoiningService {
        db: db.clone(),
        base_url: config.base_url.clone(),
        clock: clock.clone(),
        throttle: Arc::new(ClientThrottle::new(config.invitation_attempts_per_client)),
        mail_wakeup: mailer.wakeup.clone(),
        live: live.clone(),
    };
    let invitation_throttle = joining.throttle.clone();
    let members: Arc<dyn app::people::port::Members> = Arc::new(
        people::directory::MemberDirectory::new(db.clone(), clock.clone()),
    );
    let changes = people::changes::Changes {
        db: db.clone(),
        clock: clock.clone(),
        mail_wakeup: mailer.wakeup.clone(),
    };
    let management = people::ManagementService {
        changes: changes.clone(),
        invitations: invitations.clone(),
        members: members.clone(),
    };
    let imports =
        import::ImportService::new(db.clone(), invitations.clone(), clock.clone(), live.clone());
    let audit_trail = Arc::new(audit::trail::AuditTrail {
        db: db.clone(),
        clock: clock.clone(),
    });
    let account_ports =
        ports::accounts::AccountPorts::new(&config, &db, &clock, &throttle, &mailer)?;
    let ports = Ports {
        authenticator: Arc::new(
            PasswordAuthenticator::new(db.clone(), throttle.clone(), clock.clone()).await?,
        ),
        setup: Arc::new(setup_service),
        members,
        workspaces: Arc::new(workspaces::directory::WorkspaceDirectory {
            db: db.clone(),
            clock: clock.clone(),
        }),
        joining: Arc::new(joining),
        invitations,
        management: Arc::new(management),
        groups: Arc::new(groups::GroupService { changes }),
        imports: Arc::new(imports.clone()),
        audit_log: audit_trail.clone(),
        refusals: audit_trail,
        drafts: Arc::new(invitations::drafts::DraftStore { db: db.clone() }),
        own_account: account_ports.own_account,
        email_changes: account_ports.email_changes,
        password_resets: account_ports.password_resets,
        two_factor: account_ports.two_factor,
        dev_mailbox: Arc::new(mailbox::DevMailboxStore {
            db: db.clone(),
            enabled: config.smtp_url.is_none(),
        }),
    };
    // The build names the bundle's files by their content and lists the names here
    // (scripts/finish-assets.js); a site without the list (the tests') keeps the plain names.
    // Absolute: Leptos looks a relative name up beside the executable, not where we looked.
    let hash_file = std::path::absolute(config.site_root.join("pkg").join("hash.txt"))?;
    let leptos_options = LeptosOptions::builder()
        .output_name("portico")
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(hash_file.exists())
        .hash_file(hash_file.to_string_lossy().as_ref().into())
        .build();
    let pieces = http::pieces::preloads(&config.site_root);
    let state = AppState {
        leptos_options,
        db,
        config: Arc::new(config),
        ports,
        clock,
        throttle,
        invitation_throttle,
        mailer,
        live: live.clone(),
        pieces,
    };
    spawn_housekeeping(&state);
    tokio::spawn(state.mailer.clone().run());
    let app =
        http::router::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let stopping = imports.clone();
    let serving = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                shutdown_signal().await;
                live.close();
                stopping.stop().await;
            })
            .await
    });
    Ok(Running {
        addr,
        setup_link,
        state,
        imports,
        serving,
    })
}

/// Expired sessions and idle throttle keys are dropped every few minutes.
fn spawn_housekeeping(state: &AppState) {
    let (db, throttle) = (state.db.clone(), state.throttle.clone());
    let invitation_throttle = state.invitation_throttle.clone();
    tokio::spawn(async move {
        use tower_sessions::session_store::ExpiredDeletion;
        let sessions = auth::sessions::SqlSessionStore::new(db);
        let mut tick = tokio::time::interval(Duration::from_secs(300));
        loop {
            tick.tick().await;
            throttle.forget_idle();
            invitation_throttle.forget_idle();
            if let Err(error) = sessions.delete_expired().await {
                tracing::warn!(%error, "could not delete expired sessions");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
