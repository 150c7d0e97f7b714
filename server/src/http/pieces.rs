//! The split bundle's manifest, read once at start: the modules each area's pages need, which
//! every page names in its head for preloading (docs/architecture.md, Performance).

use app::PiecePreloads;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// What the build wrote beside the bundle (scripts/finish-assets.js). A site without a manifest
/// (the integration tests' has no bundle) names no pieces.
pub fn preloads(site_root: &Path) -> PiecePreloads {
    let pkg = site_root.join("pkg");
    let pieces: HashMap<String, Vec<String>> =
        std::fs::read_to_string(pkg.join("__wasm_split_manifest.json"))
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
    // The loader is named by the bundle's content, as `split: <hash>` in the hash file says.
    let loader = std::fs::read_to_string(pkg.join("hash.txt"))
        .ok()
        .and_then(|hashes| {
            hashes.lines().find_map(|line| {
                let hash = line.trim().strip_prefix("split:")?.trim();
                Some(format!("__wasm_split.{hash}.js"))
            })
        })
        .unwrap_or_else(|| "__wasm_split.js".to_owned());
    PiecePreloads {
        pkg: "/pkg".to_owned(),
        pieces: Arc::new(pieces),
        loader,
    }
}
