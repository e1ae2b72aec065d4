//! What each published package carries: its README and both licence texts, and for the
//! codegen package the bundled spec (`#[spec = iana]` reads it from `sip-codes-codegen`), so
//! a published macro expands the same registry as this repository.

use std::process::Command;

/// The files `cargo package` would put in `package`.
fn packaged(package: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "-p", package])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo package runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(str::to_owned).collect()
}

#[test]
fn every_published_package_carries_its_readme_and_licences() {
    for package in ["sip-codes", "sip-codes-macros", "sip-codes-codegen", "sip-codes-cli"] {
        let files = packaged(package);
        for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "Cargo.toml", "src/lib.rs"] {
            let file = if package == "sip-codes-cli" && file == "src/lib.rs" { "src/main.rs" } else { file };
            assert!(files.iter().any(|f| f == file), "{package} does not package {file}:\n{files:?}");
        }
    }
}

#[test]
fn the_codegen_package_carries_the_bundled_spec() {
    let files = packaged("sip-codes-codegen");
    assert!(files.iter().any(|f| f == "iana.toml"), "iana.toml is not packaged:\n{files:?}");
}
