//! The shipped presets' files, with a few bytes inserted, deleted or replaced where the input
//! says: the checks of `policy` on files that are almost valid, where validation does its work.

#![no_main]

use arbitrary::Arbitrary;
use galateo::Policy;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Edit {
    Insert {
        at: u32,
        bytes: Vec<u8>,
    },
    Delete {
        at: u32,
        len: u8,
    },
    Replace {
        at: u32,
        bytes: Vec<u8>,
    },
    /// Copies a slice of the file elsewhere: a duplicated key, table or line.
    Copy {
        from: u32,
        len: u16,
        to: u32,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    preset: u8,
    edits: Vec<Edit>,
}

fuzz_target!(|input: Input| {
    let presets = Policy::presets();
    let Some(id) = presets.get(usize::from(input.preset) % presets.len()) else {
        return;
    };
    let Some(source) = Policy::preset_source(id) else {
        return;
    };
    let mut bytes = source.as_bytes().to_vec();
    for edit in input.edits.into_iter().take(8) {
        let at = |offset: u32, len: usize| offset as usize % (len + 1);
        match edit {
            Edit::Insert {
                at: offset,
                bytes: new,
            } => {
                let i = at(offset, bytes.len());
                bytes.splice(i..i, new.into_iter().take(64));
            }
            Edit::Delete { at: offset, len } => {
                let i = at(offset, bytes.len());
                let end = (i + usize::from(len)).min(bytes.len());
                bytes.drain(i..end);
            }
            Edit::Replace {
                at: offset,
                bytes: new,
            } => {
                let i = at(offset, bytes.len());
                let new: Vec<u8> = new.into_iter().take(64).collect();
                let end = (i + new.len()).min(bytes.len());
                bytes.splice(i..end, new);
            }
            Edit::Copy { from, len, to } => {
                let i = at(from, bytes.len());
                let end = (i + usize::from(len)).min(bytes.len());
                let slice = bytes[i..end].to_vec();
                let j = at(to, bytes.len());
                bytes.splice(j..j, slice);
            }
        }
    }
    galateo_fuzz::check_policy_source(&String::from_utf8_lossy(&bytes));
});
