//! The bundled spec travels inside the crate that embeds it (`#[spec = iana]` reads it from
//! `sip-codes-codegen`), so a published macro expands the same registry as this repository.

use std::process::Command;

#[test]
fn the_codegen_package_carries_the_bundled_spec() {
    let output = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "-p", "sip-codes-codegen"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo package runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let files = String::from_utf8(output.stdout).unwrap();
    assert!(files.lines().any(|f| f == "iana.toml"), "iana.toml is not packaged:\n{files}");
    assert!(files.lines().any(|f| f == "src/lib.rs"), "{files}");
}
