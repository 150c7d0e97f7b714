# Sourced by the scripts: where builds and tools live. A target directory outside the clone
# keeps CI runs incremental; override CARGO_TARGET_DIR or PORTICO_TOOLS to move them.
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export PORTICO_TOOLS="${PORTICO_TOOLS:-$HOME/.cache/portico-tools}"
export PORTICO_SITE_ROOT="${PORTICO_SITE_ROOT:-$CARGO_TARGET_DIR/site}"
export PATH="$PORTICO_TOOLS/bin:$PORTICO_TOOLS/node_modules/.bin:$PATH"
