//! Any bytes as a policy file: no panic; an error places every problem inside the file; a
//! policy compiles, classifies soundly and writes a file that loads back to an equal policy.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    galateo_fuzz::check_policy_source(&String::from_utf8_lossy(data));
});
