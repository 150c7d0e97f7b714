use server::config::Config;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("portico: {error}");
            return ExitCode::FAILURE;
        }
    };
    server::telemetry::init(config.log_format);
    let base_url = config.base_url.clone();
    let running = match server::start(config).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!("portico: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!(addr = %running.addr, "Portico is listening; open {base_url}");
    if let Some(link) = &running.setup_link {
        // Printed to the terminal, not logged: it is a one-time secret for whoever runs this.
        println!(
            "\nPortico has no workspace yet. Create the first one and its Owner here:\n\n    {link}\n"
        );
    }
    match running.serving.await {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(error)) => {
            eprintln!("portico: {error}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("portico: {error}");
            ExitCode::FAILURE
        }
    }
}
