//! What every handler and server function can reach, built once at start-up.

use crate::auth::throttle::{ClientThrottle, LoginThrottle};
use crate::clock::Clock;
use crate::config::Config;
use crate::mail::worker::Mailer;
use crate::ports::Ports;
use crate::store::Db;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub ports: Ports,
    pub clock: Arc<dyn Clock>,
    pub throttle: Arc<LoginThrottle>,
    pub invitation_throttle: Arc<ClientThrottle>,
    pub mailer: Mailer,
    pub live: crate::live::LiveUpdates,
    /// The split bundle's pieces, for each page's head.
    pub pieces: app::PiecePreloads,
}
